package nl.bronsein.runtime.api;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a runtime type a node module may use: the runtime's API to the nodes. A node holds its domain and little else,
 * and this is all of the runtime it may see — who it is and who the others are ({@code trust}), the domain's refusals
 * ({@code domain}), recording a change for the network ({@code outbox}), serving its objects and pulling others'
 * ({@code pull}), following others' objects and keeping their copies ({@code copy}, {@code inbox}), and a few hooks
 * (staff audit, derived state for a rebuild, idempotent staff requests, the subscription, the contact point directory).
 * Everything else — the relay, the listener, the doors, catch-up, the wiring — is the runtime's own, and a node that
 * reached into it would break when the runtime changes its insides.
 *
 * <p>The types stay in the package of their concern, so the API adds no package that depends on every concern (which
 * would be a cycle); {@code NodeApiBoundaryTest} in the network tests fails on a node class that uses a runtime type
 * without this mark.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface NodeApi {
}

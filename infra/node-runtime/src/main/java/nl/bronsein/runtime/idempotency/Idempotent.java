package nl.bronsein.runtime.idempotency;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import nl.bronsein.runtime.api.NodeApi;

/**
 * Marks a staff-API operation that creates something: it takes an {@code Idempotency-Key} header, so that a client
 * repeating the request (after a timeout, a double click) gets the first answer again instead of a second object.
 * {@link IdempotencyFilter} does the work; the API documents list the header and its refusals for these operations.
 */
@NodeApi
@Documented
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
public @interface Idempotent {
}

package nl.bronsein.runtime.subscription;

import java.util.List;

import nl.bronsein.runtime.api.NodeApi;
import nl.bronsein.runtime.trust.Participant;
import nl.bronsein.schemas.SharedObjectType;

/**
 * One subscription of this node, as data: for which purpose it follows which object types from which sources. A
 * source is a participant URN or {@code role:<ROLE>} (e.g. {@code role:GP_PRACTICE}); a node does not have to list
 * 5,000 practices one by one. The object types and sources are checked where the subscriptions are configured,
 * {@link SubscriptionProperties}, so that a wrong one is reported with the property it was set in.
 *
 * @param purpose     why this node follows these notifications; every pull for them states this purpose
 * @param objectTypes the object types followed, by code ({@code referral}, {@code case}, {@code assignment},
 *                    {@code contact-point})
 * @param sources     whose notifications: participant URNs, or {@code role:<ROLE>} for every participant in a role
 */
@NodeApi
public record Subscription(String purpose, List<String> objectTypes, List<String> sources) {

    public Subscription {
        if (purpose == null || purpose.isBlank()) {
            throw new IllegalArgumentException("a subscription states its purpose (purpose is not set)");
        }
        objectTypes = objectTypes == null ? List.of() : List.copyOf(objectTypes);
        sources = sources == null ? List.of() : List.copyOf(sources);
    }

    public boolean covers(SharedObjectType objectType, Participant source) {
        return objectTypes.contains(objectType.code()) && sources.stream().anyMatch(s -> matches(s, source));
    }

    private static boolean matches(String pattern, Participant source) {
        if (pattern.startsWith("role:")) {
            return source.role().name().equals(pattern.substring("role:".length()));
        }
        return source.id().urn().equals(pattern);
    }
}

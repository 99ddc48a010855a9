package nl.bronsein.runtime.subscription;

import java.util.List;

import nl.bronsein.runtime.trust.Participant;
import nl.bronsein.schemas.SharedObjectType;

/**
 * One subscription of this node, as data: for which purpose it follows which object types from which sources. A
 * source is a participant URN or {@code role:<ROLE>} (e.g. {@code role:GP_PRACTICE}); a node does not have to list
 * 5,000 practices one by one.
 */
public record Subscription(String purpose, List<String> objectTypes, List<String> sources) {

    public Subscription {
        if (purpose == null || purpose.isBlank()) {
            throw new IllegalArgumentException("a subscription states its purpose");
        }
        objectTypes = objectTypes == null ? List.of() : List.copyOf(objectTypes);
        sources = sources == null ? List.of() : List.copyOf(sources);
        for (String objectType : objectTypes) {
            if (SharedObjectType.fromCode(objectType).isEmpty()) {
                throw new IllegalArgumentException("subscription for " + purpose + ": unknown object type " + objectType);
            }
        }
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

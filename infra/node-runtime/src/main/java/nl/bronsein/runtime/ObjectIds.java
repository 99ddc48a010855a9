package nl.bronsein.runtime;

import java.util.Optional;
import java.util.UUID;

/** Object ids travel as strings (in URLs, events, references); a node's own objects have UUIDs. */
public final class ObjectIds {

    private ObjectIds() {
    }

    /** The UUID an id names, or empty for anything else — ids from outside are never trusted to be well-formed. */
    public static Optional<UUID> parse(String id) {
        if (id == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(UUID.fromString(id));
        } catch (IllegalArgumentException notAnObjectId) {
            return Optional.empty();
        }
    }
}

package nl.bronsein.runtime.domain;

import java.util.Optional;
import java.util.UUID;

import nl.bronsein.runtime.api.NodeApi;

/**
 * Object ids travel as strings (in URLs, events, references); a node's own objects have UUIDs, written in one spelling
 * only: the 36 characters of {@link UUID#toString()}, lower case, every group at full length. {@link UUID#fromString}
 * also takes upper case and groups with their leading zeros dropped; the GP answered such a spelling 200 and audited
 * it as sent, so the owner's own lookup of the object's audit missed the pull (issue 15). Another spelling is no id.
 */
@NodeApi
public final class ObjectIds {

    private ObjectIds() {
    }

    /**
     * The UUID an id names in its canonical spelling, or empty for anything else — ids from outside are never trusted
     * to be well-formed.
     */
    public static Optional<UUID> parse(String id) {
        if (id == null || id.length() != 36) {
            return Optional.empty();
        }
        try {
            UUID uuid = UUID.fromString(id);
            return uuid.toString().equals(id) ? Optional.of(uuid) : Optional.empty();
        } catch (IllegalArgumentException notAnObjectId) {
            return Optional.empty();
        }
    }
}

package nl.bronsein.runtime.outbox;

import org.apache.avro.specific.SpecificRecord;

import nl.bronsein.schemas.SharedObjectType;

/**
 * A change of one of this node's objects that the network must hear about, as the domain states it: which object,
 * which kind of change (the action in the CloudEvents type, e.g. {@code recorded}) and the thin body.
 */
public record NewNotification(SharedObjectType objectType, String objectId, String change, SpecificRecord body) {

    public NewNotification {
        if (!objectType.bodyType().isInstance(body)) {
            throw new IllegalArgumentException("a " + objectType.code() + " notification needs a "
                    + objectType.bodyType().getSimpleName() + " body");
        }
        if (change == null || !change.matches("[a-z]+(-[a-z]+)*")) {
            throw new IllegalArgumentException("change must be a lowercase action such as status-changed: " + change);
        }
    }
}

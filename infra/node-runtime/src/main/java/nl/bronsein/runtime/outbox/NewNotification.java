package nl.bronsein.runtime.outbox;

import java.time.Instant;

import nl.bronsein.runtime.api.NodeApi;
import nl.bronsein.schemas.SharedObjectType;

/**
 * A change of one of this node's objects that the network must hear about, as the domain states it: which object, the
 * kind of change (the action in the CloudEvents type, e.g. {@code recorded}), the object's version after it and when it
 * was made. Who hears of it is not the domain's to say here: the owner's pull policy addresses it to the participants
 * the object involves and may see it ({@code Addressees}), and the body is built by the outbox, so that no status or
 * other participant can slip into what travels.
 */
@NodeApi
public record NewNotification(SharedObjectType objectType, String objectId, String change, int objectVersion,
                              Instant occurredAt) {

    public NewNotification {
        if (objectType == null || objectId == null || occurredAt == null) {
            throw new IllegalArgumentException("a notification names its object type, object id and moment");
        }
        if (change == null || !change.matches("[a-z]+(-[a-z]+)*")) {
            throw new IllegalArgumentException("change must be a lowercase action such as status-changed: " + change);
        }
    }
}

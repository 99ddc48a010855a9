package nl.bronsein.runtime.inbox;

import org.apache.avro.specific.SpecificRecord;

import nl.bronsein.runtime.api.NodeApi;
import nl.bronsein.runtime.notification.Notification;
import nl.bronsein.runtime.trust.Participant;
import nl.bronsein.schemas.NotificationFacts;
import nl.bronsein.schemas.SharedObjectType;

/**
 * What a handler gets: the notification, its decoded body, the listed participant that sent it (verified against the
 * participant list) and the purpose of the subscription that covered it — the purpose any pull for it must state.
 */
@NodeApi
public record ReceivedNotification(Notification notification, SharedObjectType objectType, SpecificRecord body,
                                   Participant source, String purpose) {

    /** The id of the object the notification is about (its CloudEvents subject), at its owner {@link #source}. */
    public String objectId() {
        return notification.subject();
    }

    public NotificationFacts facts() {
        return NotificationFacts.of(body);
    }

    /** The kind of change its CloudEvents type names, e.g. {@code status-changed}; the body holds no more than facts. */
    public String change() {
        return objectType.changeOf(notification.type()).orElse("");
    }

    public <T extends SpecificRecord> T body(Class<T> type) {
        return type.cast(body);
    }
}

package nl.bronsein.runtime.notification;

import java.net.URI;
import java.time.Instant;
import java.util.UUID;

/**
 * What {@link NotificationEnvelope} needs of a notification to put it on the wire. The outbox's rows are one; the
 * envelope knows the wire and nothing of where the notification waited before it.
 */
public interface OutgoingNotification {

    UUID eventId();

    String topic();

    String eventType();

    String subject();

    URI dataref();

    Instant occurredAt();

    byte[] body();

    /**
     * Its number in what this node sends the recipient; null for a generic notification. An outbox row has it once the
     * relay numbered it, and is neither published nor served in a history before.
     */
    Long recipientSequence();

    /** The W3C traceparent of the change it announces ({@code ce_traceparent}); null for none. */
    default String traceparent() {
        return null;
    }
}

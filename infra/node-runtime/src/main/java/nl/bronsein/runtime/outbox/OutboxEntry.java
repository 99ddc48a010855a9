package nl.bronsein.runtime.outbox;

import java.net.URI;
import java.time.Instant;
import java.util.UUID;

import nl.bronsein.runtime.notification.OutgoingNotification;

/**
 * One notification waiting in the outbox, or already relayed: everything the relay needs to put it on the wire as a
 * CloudEvent, fixed at the moment of the change so a relay after a crash publishes exactly what was committed.
 *
 * <p>A row is recorded unnumbered and numbered by the relay once it has committed ({@link OutboxNumbering}): until then
 * both sequence numbers are null, and nothing that reads by sequence (the relay's publishing, the notification
 * history) sees it.
 *
 * @param sourceSequence    the node-wide order the relay numbers committed rows in and publishes them in; never on the
 *                          wire; null until numbered
 * @param recipient         the participant it is addressed to, or null for a generic notification
 * @param recipientSequence its number in what this node sends that recipient ({@code ce_sequence}); null when generic,
 *                          and until numbered
 * @param traceparent       the W3C traceparent of the change's processing record ({@code ce_traceparent}); null for a
 *                          row from before traces travelled
 */
public record OutboxEntry(long id, UUID eventId, Long sourceSequence, String topic, String eventType,
                          String objectType, String subject, URI dataref, Instant occurredAt, byte[] body,
                          Instant publishedAt, String recipient, Long recipientSequence, String traceparent)
        implements OutgoingNotification {

    /** A row without a traceparent. */
    public OutboxEntry(long id, UUID eventId, Long sourceSequence, String topic, String eventType, String objectType,
                       String subject, URI dataref, Instant occurredAt, byte[] body, Instant publishedAt,
                       String recipient, Long recipientSequence) {
        this(id, eventId, sourceSequence, topic, eventType, objectType, subject, dataref, occurredAt, body, publishedAt,
                recipient, recipientSequence, null);
    }
}

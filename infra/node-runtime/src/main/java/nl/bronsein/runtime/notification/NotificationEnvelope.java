package nl.bronsein.runtime.notification;

import java.net.URI;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;

import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.cloudevents.kafka.KafkaMessageFactory;

/**
 * The CloudEvents Kafka binding in binary mode, both ways, through the CloudEvents SDK: attributes travel as
 * {@code ce_*} headers, the Avro body as the record value, the object id as the key (so each object's changes stay
 * in order). This is the only place that knows how a notification looks on the wire.
 */
public final class NotificationEnvelope {

    public static final String CONTENT_TYPE = "application/avro";
    public static final String SEQUENCE_TYPE = "Integer";
    /** CloudEvents extension with the source node's signature ({@link NotificationSigner}); header {@code ce_signature}. */
    public static final String SIGNATURE = "signature";
    /** CloudEvents extension with the signer's certificate, base64 DER; header {@code ce_signercertificate}. */
    public static final String SIGNER_CERTIFICATE = "signercertificate";
    /**
     * The CloudEvents distributed-tracing extension: the W3C traceparent of the change, header {@code ce_traceparent}.
     * Its ids are random and say nothing of a citizen. The signature does not cover it: it is correlation, not a fact a
     * receiver acts on — a traceparent that is missing or malformed only starts a new trace — and a record whose
     * traceparent was altered is still a notification its source sent (one event id, handled once).
     */
    public static final String TRACEPARENT = "traceparent";

    private NotificationEnvelope() {
    }

    /**
     * The notification as a CloudEvent. {@code sequence} is the recipient's own numbering of what this source sent it;
     * a generic notification carries none (its compacted topic keeps the latest of every object instead).
     */
    public static CloudEvent toCloudEvent(OutgoingNotification entry, String source) {
        CloudEventBuilder builder = CloudEventBuilder.v1()
                .withId(entry.eventId().toString())
                .withSource(URI.create(source))
                .withType(entry.eventType())
                .withSubject(entry.subject())
                .withTime(entry.occurredAt().atOffset(ZoneOffset.UTC))
                .withDataContentType(CONTENT_TYPE)
                .withExtension("dataref", entry.dataref())
                .withData(entry.body());
        if (entry.recipientSequence() != null) {
            builder.withExtension("sequence", Long.toString(entry.recipientSequence()))
                    .withExtension("sequencetype", SEQUENCE_TYPE);
        }
        if (entry.traceparent() != null) {
            builder.withExtension(TRACEPARENT, entry.traceparent());
        }
        return builder.build();
    }

    /** The record the relay sends: the notification, signed by this node for the topic it goes to. */
    public static ProducerRecord<String, byte[]> toRecord(OutgoingNotification entry, String source, NotificationSigner signer) {
        return KafkaMessageFactory.createWriter(entry.topic(), entry.subject())
                .writeBinary(signer.sign(toCloudEvent(entry, source), entry.topic()));
    }

    /**
     * Reads a record as a notification, or says why it is not one. Nothing of the record's content goes into the
     * reason, so a reason can be logged and stored.
     */
    public static Notification fromRecord(ConsumerRecord<String, byte[]> record) {
        CloudEvent event;
        try {
            event = KafkaMessageFactory.createReader(record).toEvent();
        } catch (RuntimeException e) {
            throw new MalformedNotificationException("not a binary-mode CloudEvent (" + e.getClass().getSimpleName() + ")");
        }
        if (event.getSubject() != null && !event.getSubject().equals(record.key())) {
            throw new MalformedNotificationException("record key differs from ce_subject");
        }
        return fromCloudEvent(event, record.topic(), record.partition(), record.offset());
    }

    /**
     * Reads a CloudEvent that did not come from a topic partition (e.g. fetched from a source's notification history)
     * as a notification: the same checks, with the topic it would have been read from and no partition or offset.
     */
    public static Notification fromCloudEvent(CloudEvent event, String topic, int partition, long offset) {
        String id = require(event.getId(), "id");
        String type = require(event.getType(), "type");
        String subject = require(event.getSubject(), "subject");
        if (event.getSource() == null) {
            throw new MalformedNotificationException("missing ce_source");
        }
        Instant time = Optional.ofNullable(event.getTime())
                .orElseThrow(() -> new MalformedNotificationException("missing ce_time")).toInstant();
        URI dataref = Optional.ofNullable(event.getExtension("dataref")).map(Object::toString).map(NotificationEnvelope::uri)
                .orElseThrow(() -> new MalformedNotificationException("missing ce_dataref"));
        Long sequence = Optional.ofNullable(event.getExtension("sequence")).map(Object::toString)
                .map(NotificationEnvelope::sequence).orElse(null);
        byte[] body = event.getData() == null ? null : event.getData().toBytes();
        if (body == null || body.length == 0) {
            throw new MalformedNotificationException("missing body");
        }
        return new Notification(id, event.getSource().toString(), type, subject, time, dataref, sequence, body,
                topic, partition, offset, extension(event, SIGNATURE), extension(event, SIGNER_CERTIFICATE),
                extension(event, TRACEPARENT));
    }

    private static String extension(CloudEvent event, String name) {
        Object value = event.getExtension(name);
        return value == null ? null : value.toString();
    }

    private static String require(String value, String attribute) {
        if (value == null || value.isBlank()) {
            throw new MalformedNotificationException("missing ce_" + attribute);
        }
        return value;
    }

    private static URI uri(String value) {
        try {
            return URI.create(value);
        } catch (IllegalArgumentException e) {
            throw new MalformedNotificationException("ce_dataref is not a URI");
        }
    }

    private static Long sequence(String value) {
        try {
            long sequence = Long.parseLong(value);
            if (sequence < 1) {
                throw new MalformedNotificationException("ce_sequence must be a positive integer");
            }
            return sequence;
        } catch (NumberFormatException e) {
            throw new MalformedNotificationException("ce_sequence is not an integer");
        }
    }
}

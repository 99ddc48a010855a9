package nl.bronsein.runtime.notification;

import java.net.URI;
import java.time.Instant;

/**
 * A notification as read from the wire: the CloudEvents attributes, the still-encoded body, and where it was read.
 *
 * @param sequence          the source's {@code ce_sequence}, or null when the source sent none
 * @param signature         the source node's signature over the record (base64), or null when it carries none
 * @param signerCertificate the certificate of the key that signed it (base64 DER), or null
 * @param traceparent       the W3C traceparent of the change it announces ({@code ce_traceparent}) as the sender put
 *                          it, or null; the inbox keeps it only if well-formed, and handling without one starts a new
 *                          trace
 */
public record Notification(String id, String source, String type, String subject, Instant time, URI dataref,
                           Long sequence, byte[] body, String topic, int partition, long offset, String signature,
                           String signerCertificate, String traceparent) {

    /** A notification without a trace to continue. */
    public Notification(String id, String source, String type, String subject, Instant time, URI dataref, Long sequence,
                        byte[] body, String topic, int partition, long offset, String signature,
                        String signerCertificate) {
        this(id, source, type, subject, time, dataref, sequence, body, topic, partition, offset, signature,
                signerCertificate, null);
    }

    /** A notification without a signature: as a source's history serves it, over a mutually authenticated connection. */
    public Notification(String id, String source, String type, String subject, Instant time, URI dataref, Long sequence,
                        byte[] body, String topic, int partition, long offset) {
        this(id, source, type, subject, time, dataref, sequence, body, topic, partition, offset, null, null, null);
    }
}

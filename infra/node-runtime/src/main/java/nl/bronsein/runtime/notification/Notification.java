package nl.bronsein.runtime.notification;

import java.net.URI;
import java.time.Instant;

/**
 * A notification as read from the wire: the CloudEvents attributes, the still-encoded body, and where it was read.
 *
 * @param sequence the source's {@code ce_sequence}, or null when the source sent none
 */
public record Notification(String id, String source, String type, String subject, Instant time, URI dataref,
                           Long sequence, byte[] body, String topic, int partition, long offset) {
}

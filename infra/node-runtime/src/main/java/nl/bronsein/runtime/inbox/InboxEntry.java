package nl.bronsein.runtime.inbox;

import java.time.Instant;

import nl.bronsein.runtime.notification.Notification;

/** A received notification, durable at this node until it is handled or parked. */
public record InboxEntry(long id, Notification notification, String objectType, String purpose, InboxStatus status,
                         int attempts, Instant nextAttemptAt, String lastError) {
}

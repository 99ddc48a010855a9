package nl.bronsein.runtime.notification;

import java.util.List;

import nl.bronsein.runtime.notification.Notification;

/**
 * One page of a source's notification history as a consumer reads it.
 *
 * @param nextAfterSequence everything up to this sequence number was looked at by the source: what concerns the
 *                          caller is in this page, the rest was none of its business
 * @param more whether the source has more after it
 */
public record HistoryPage(List<Notification> notifications, long nextAfterSequence, boolean more) {

    public HistoryPage {
        notifications = List.copyOf(notifications);
    }
}

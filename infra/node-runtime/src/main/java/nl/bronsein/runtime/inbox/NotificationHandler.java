package nl.bronsein.runtime.inbox;

import nl.bronsein.runtime.api.NodeApi;
import nl.bronsein.schemas.SharedObjectType;

/**
 * A node's reaction to notifications about one object type. {@link #prepare} runs outside any transaction and may
 * pull from the owner; the {@link InboxChange} it returns is applied transactionally by the inbox.
 */
@NodeApi
public interface NotificationHandler {

    SharedObjectType objectType();

    /**
     * @throws nl.bronsein.runtime.pull.PullUnavailableException when the owner cannot be reached: retried later
     * @throws nl.bronsein.runtime.pull.PullRefusedException when the owner refuses: parked with the reason
     * @throws UnusableNotificationException when the owner's answer says the event cannot be used: parked with the reason
     */
    InboxChange prepare(ReceivedNotification notification);
}

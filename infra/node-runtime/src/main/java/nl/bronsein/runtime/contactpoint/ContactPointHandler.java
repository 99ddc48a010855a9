package nl.bronsein.runtime.contactpoint;

import java.time.Clock;

import nl.bronsein.runtime.copy.PulledCopies;
import nl.bronsein.runtime.copy.PulledCopy;
import nl.bronsein.runtime.inbox.InboxChange;
import nl.bronsein.runtime.inbox.NotificationHandler;
import nl.bronsein.runtime.inbox.ReceivedNotification;
import nl.bronsein.runtime.pull.PullClient;
import nl.bronsein.runtime.pull.PullRefusedException;
import nl.bronsein.schemas.SharedObjectType;
import nl.bronsein.schemas.view.PublishedContactPointView;

/**
 * Keeps the directory of others' contact points: on a notification, pull the published contact point and keep it as
 * a pulled copy (a newer version replaces the one held; a late, older one does not).
 */
public class ContactPointHandler implements NotificationHandler {

    private final PullClient pull;
    private final PulledCopies copies;
    private final Clock clock;

    public ContactPointHandler(PullClient pull, PulledCopies copies, Clock clock) {
        this.pull = pull;
        this.copies = copies;
        this.clock = clock;
    }

    @Override
    public SharedObjectType objectType() {
        return SharedObjectType.CONTACT_POINT;
    }

    @Override
    public InboxChange prepare(ReceivedNotification notification) {
        PulledCopy<PublishedContactPointView> copy = PulledCopy.pulledFor(notification,
                pull.pull(notification, PublishedContactPointView.class), clock.instant());
        if (copy.content().schedule().isEmpty()) {
            throw new PullRefusedException(200, "the pulled contact point has no details");
        }
        return () -> copies.keep(copy);
    }
}

package nl.bronsein.runtime.contactpoint;

import java.util.Optional;

import nl.bronsein.runtime.copy.OwnerAnswers;
import nl.bronsein.runtime.copy.PulledCopies;
import nl.bronsein.runtime.copy.Relevance;
import nl.bronsein.runtime.inbox.InboxChange;
import nl.bronsein.runtime.inbox.NotificationHandler;
import nl.bronsein.runtime.inbox.ReceivedNotification;
import nl.bronsein.runtime.inbox.UnusableNotificationException;
import nl.bronsein.schemas.SharedObjectType;
import nl.bronsein.schemas.view.PublishedContactPointView;

/**
 * Keeps the directory of others' contact points: on a notification, pull the published contact point and keep it as
 * a pulled copy (a newer version replaces the one held; a late, older one does not).
 */
class ContactPointHandler implements NotificationHandler {

    private final OwnerAnswers owners;
    private final PulledCopies copies;

    public ContactPointHandler(OwnerAnswers owners, PulledCopies copies) {
        this.owners = owners;
        this.copies = copies;
    }

    @Override
    public SharedObjectType objectType() {
        return SharedObjectType.CONTACT_POINT;
    }

    @Override
    public InboxChange prepare(ReceivedNotification notification) {
        return owners.ask(notification, Optional.empty(), PublishedContactPointView.class, copy -> {
            if (copy.content().schedule().isEmpty()) {
                throw new UnusableNotificationException("the pulled contact point has no details");
            }
            return Relevance.apply(() -> copies.keep(copy));
        }, withdrawal -> owners.withdrawal(notification, withdrawal));
    }
}

package nl.bronsein.runtime.catalogue;

import java.util.Optional;

import nl.bronsein.runtime.copy.OwnerAnswers;
import nl.bronsein.runtime.copy.PulledCopies;
import nl.bronsein.runtime.copy.Relevance;
import nl.bronsein.runtime.inbox.InboxChange;
import nl.bronsein.runtime.inbox.NotificationHandler;
import nl.bronsein.runtime.inbox.ReceivedNotification;
import nl.bronsein.runtime.inbox.UnusableNotificationException;
import nl.bronsein.schemas.NotificationTopics;
import nl.bronsein.schemas.SharedObjectType;
import nl.bronsein.schemas.view.CatalogueServiceView;

/**
 * Keeps the directory of the municipalities' catalogues: on a notification, pull the service and keep it as a pulled
 * copy (a newer version replaces the one held; a late, older one does not). A service announced by anyone but a
 * municipality is parked as not for us before anything is pulled: provisioning lets only municipalities write the
 * topic, but a development broker has no ACLs, and the directory holds municipalities' catalogues only.
 */
class CatalogueHandler implements NotificationHandler {

    private final OwnerAnswers owners;
    private final PulledCopies copies;

    CatalogueHandler(OwnerAnswers owners, PulledCopies copies) {
        this.owners = owners;
        this.copies = copies;
    }

    @Override
    public SharedObjectType objectType() {
        return SharedObjectType.SERVICE;
    }

    @Override
    public InboxChange prepare(ReceivedNotification notification) {
        if (!NotificationTopics.mayPublish(notification.source().role().name(), SharedObjectType.SERVICE)) {
            throw new UnusableNotificationException(OwnerAnswers.NOT_FOR_US
                    + "only a municipality publishes catalogue services");
        }
        return owners.ask(notification, Optional.empty(), CatalogueServiceView.class,
                copy -> Relevance.apply(() -> copies.keep(copy)), withdrawal -> owners.withdrawal(notification, withdrawal));
    }
}

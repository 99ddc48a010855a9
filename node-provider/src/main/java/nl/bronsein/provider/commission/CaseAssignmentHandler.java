package nl.bronsein.provider.commission;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import nl.bronsein.provider.assignment.AssignmentService;
import nl.bronsein.runtime.copy.OwnerAnswers;
import nl.bronsein.runtime.copy.PulledCopies;
import nl.bronsein.runtime.copy.PulledCopy;
import nl.bronsein.runtime.inbox.InboxChange;
import nl.bronsein.runtime.inbox.NotificationHandler;
import nl.bronsein.runtime.inbox.ReceivedNotification;
import nl.bronsein.runtime.pull.PullRefusedException;
import nl.bronsein.runtime.trust.NodeIdentity;
import nl.bronsein.schemas.SharedObjectType;
import nl.bronsein.schemas.view.CaseCareDeliveryView;
import nl.bronsein.schemas.view.ObjectReferenceView;

/**
 * Care delivery: a municipality's case that concerns us is pulled for purpose {@code care-delivery} and kept as our
 * basis for the care; once the municipality assigned it to us, it becomes an assignment offered to us.
 */
@Component
public class CaseAssignmentHandler implements NotificationHandler {

    private static final Logger log = LoggerFactory.getLogger(CaseAssignmentHandler.class);

    /** What the product category column holds; a longer one is not a category but a municipality's mistake. */
    private static final int MAX_PRODUCT_CATEGORY = 100;

    private final OwnerAnswers owners;
    private final PulledCopies copies;
    private final AssignmentService assignments;
    private final NodeIdentity identity;

    public CaseAssignmentHandler(OwnerAnswers owners, PulledCopies copies, AssignmentService assignments,
                                 NodeIdentity identity) {
        this.owners = owners;
        this.copies = copies;
        this.assignments = assignments;
        this.identity = identity;
    }

    @Override
    public SharedObjectType objectType() {
        return SharedObjectType.CASE;
    }

    @Override
    public InboxChange prepare(ReceivedNotification notification) {
        String me = identity.id().urn();
        // A withdrawal counts only as the municipality answers it; a notification claiming one is checked by the pull.
        return owners.ask(notification, PulledCopy.Withdrawal.announcedBy(notification.change()), CaseCareDeliveryView.class,
                copy -> offered(copy, me), withdrawal -> owners.withdrawal(notification, withdrawal));
    }

    private InboxChange offered(PulledCopy<CaseCareDeliveryView> copy, String me) {
        CaseCareDeliveryView view = copy.content();
        if (!me.equals(view.assignedProvider())) {
            // reassigned to another provider since it was notified; what we already hold stays as it was
            log.debug("case {} of {} is not assigned to us (version {})", copy.objectId(), copy.owner(), view.version());
            return InboxChange.NONE;
        }
        boolean assigned = "ASSIGNED".equals(view.status());
        String productCategory = view.decision() == null ? null : view.decision().productCategory();
        if (assigned && view.referral() == null) {
            throw new PullRefusedException(200, "the pulled case is assigned but names no referral");
        }
        if (productCategory != null && productCategory.length() > MAX_PRODUCT_CATEGORY) {
            throw new PullRefusedException(200, "the pulled case's product category is longer than "
                    + MAX_PRODUCT_CATEGORY + " characters");
        }

        ObjectReferenceView basis = copy.reference();
        return () -> {
            copies.keep(copy);
            if (assigned) {
                assignments.offer(basis, view.referral(), productCategory);
            }
        };
    }
}

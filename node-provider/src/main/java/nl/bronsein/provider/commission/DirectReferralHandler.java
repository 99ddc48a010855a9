package nl.bronsein.provider.commission;

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
import nl.bronsein.schemas.view.ObjectReferenceView;
import nl.bronsein.schemas.view.ReferralIntakeView;

/**
 * Direct referral: a GP referred a citizen to us without a municipality's decision (e.g. a welfare coach, an
 * algemene voorziening). The referral is pulled for purpose {@code intake}, kept as our basis, and offered to us as an
 * assignment that rests on the referral itself.
 */
@Component
public class DirectReferralHandler implements NotificationHandler {

    private final OwnerAnswers owners;
    private final PulledCopies copies;
    private final AssignmentService assignments;
    private final NodeIdentity identity;

    public DirectReferralHandler(OwnerAnswers owners, PulledCopies copies, AssignmentService assignments,
                                 NodeIdentity identity) {
        this.owners = owners;
        this.copies = copies;
        this.assignments = assignments;
        this.identity = identity;
    }

    @Override
    public SharedObjectType objectType() {
        return SharedObjectType.REFERRAL;
    }

    @Override
    public InboxChange prepare(ReceivedNotification notification) {
        String me = identity.id().urn();
        // A withdrawal counts only as the GP answers it; a notification claiming one is checked by the pull.
        return owners.ask(notification, PulledCopy.Withdrawal.announcedBy(notification.change()), ReferralIntakeView.class,
                copy -> {
                    if (!me.equals(copy.content().addressee())) {
                        throw new PullRefusedException(200, "the pulled referral is addressed to someone else");
                    }
                    ObjectReferenceView referral = copy.reference();
                    return () -> {
                        copies.keep(copy);
                        // no municipality's decision, so no product: the GP's requested support is a question, not a category
                        assignments.offer(referral, referral, null);
                    };
                }, withdrawal -> owners.withdrawal(notification, withdrawal));
    }
}

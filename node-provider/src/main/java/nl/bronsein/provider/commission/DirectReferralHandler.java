package nl.bronsein.provider.commission;

import java.time.Clock;
import java.util.Optional;

import org.springframework.stereotype.Component;

import nl.bronsein.provider.assignment.AssignmentService;
import nl.bronsein.runtime.copy.PulledCopies;
import nl.bronsein.runtime.copy.PulledCopy;
import nl.bronsein.runtime.inbox.InboxChange;
import nl.bronsein.runtime.inbox.NotificationHandler;
import nl.bronsein.runtime.inbox.ReceivedNotification;
import nl.bronsein.runtime.pull.PullClient;
import nl.bronsein.runtime.pull.PullRefusedException;
import nl.bronsein.runtime.trust.NodeIdentity;
import nl.bronsein.schemas.ReferralChanged;
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

    private final PullClient pull;
    private final PulledCopies copies;
    private final AssignmentService assignments;
    private final NodeIdentity identity;
    private final Clock clock;

    public DirectReferralHandler(PullClient pull, PulledCopies copies, AssignmentService assignments,
                                 NodeIdentity identity, Clock clock) {
        this.pull = pull;
        this.copies = copies;
        this.assignments = assignments;
        this.identity = identity;
        this.clock = clock;
    }

    @Override
    public SharedObjectType objectType() {
        return SharedObjectType.REFERRAL;
    }

    @Override
    public InboxChange prepare(ReceivedNotification notification) {
        ReferralChanged body = notification.body(ReferralChanged.class);
        String me = identity.id().urn();
        // the runtime already drops what does not concern us; a referral to a municipality is none of our business
        if (!body.getConcerns().contains(me)) {
            return InboxChange.NONE;
        }
        // A withdrawal is recorded without pulling: the GP would refuse the pull, and we must not even try.
        Optional<InboxChange> settled = copies.settleWithdrawal(notification,
                PulledCopy.Withdrawal.announcedBy(body.getChange()));
        if (settled.isPresent()) {
            return settled.get();
        }

        PulledCopy<ReferralIntakeView> copy = PulledCopy.pulledFor(notification,
                pull.pull(notification, ReferralIntakeView.class), clock.instant());
        if (!me.equals(copy.content().addressee())) {
            throw new PullRefusedException(200, "the pulled referral is addressed to someone else");
        }
        ObjectReferenceView referral = copy.reference();
        return () -> {
            copies.keep(copy);
            // no municipality's decision, so no product: the GP's requested support is a question, not a category
            assignments.offer(referral, referral, null);
        };
    }
}

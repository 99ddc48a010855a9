package nl.bronsein.municipality.intake;

import java.time.Clock;
import java.util.Optional;

import org.springframework.stereotype.Component;

import nl.bronsein.municipality.cases.CaseService;
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
import nl.bronsein.schemas.view.ReferralIntakeView;

/**
 * Intake: a GP's referral addressed to us is pulled for purpose {@code intake} and taken in as a case; a correction
 * or a changed contact person is pulled again. A withdrawal is not pulled — the GP would refuse, rightly — but marks
 * what we hold as withdrawn; after that nothing about the referral is pulled again.
 */
@Component
public class ReferralIntakeHandler implements NotificationHandler {

    private final PullClient pull;
    private final CaseService cases;
    private final PulledCopies copies;
    private final NodeIdentity identity;
    private final Clock clock;

    public ReferralIntakeHandler(PullClient pull, CaseService cases, PulledCopies copies, NodeIdentity identity, Clock clock) {
        this.pull = pull;
        this.cases = cases;
        this.copies = copies;
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
        String owner = notification.source().id().urn();
        String referralId = notification.notification().subject();
        Optional<PulledCopy.Withdrawal> withdrawal = PulledCopy.Withdrawal.announcedBy(body.getChange());
        if (withdrawal.isPresent()) {
            return () -> cases.basisWithdrawn(owner, referralId, body.getObjectVersion(), withdrawal.get());
        }
        if (copies.isWithdrawn(owner, SharedObjectType.REFERRAL, referralId)) {
            return InboxChange.NONE;
        }
        PulledCopy<ReferralIntakeView> pulled = PulledCopy.pulledFor(notification,
                pull.pull(notification, ReferralIntakeView.class), clock.instant());
        if (!identity.id().urn().equals(pulled.content().addressee())) {
            throw new PullRefusedException(200, "the pulled referral is addressed to someone else");
        }
        return () -> cases.receive(pulled);
    }
}

package nl.bronsein.municipality.intake;

import java.time.Clock;

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
        switch (body.getChange()) {
            case WITHDRAWN:
                return () -> cases.basisWithdrawn(owner, referralId, body.getObjectVersion(), PulledCopy.Withdrawal.OBJECT_WITHDRAWN);
            case CONSENT_WITHDRAWN:
                return () -> cases.basisWithdrawn(owner, referralId, body.getObjectVersion(), PulledCopy.Withdrawal.CONSENT_WITHDRAWN);
            default:
                break;
        }
        if (copies.isWithdrawn(owner, SharedObjectType.REFERRAL, referralId)) {
            return InboxChange.NONE;
        }
        ReferralIntakeView view = pull.pull(notification, ReferralIntakeView.class);
        boolean asNotified = referralId.equals(view.objectId()) && owner.equals(view.owner())
                && identity.id().urn().equals(view.addressee());
        if (!asNotified) {
            throw new PullRefusedException(200, "the pulled referral does not match the notification");
        }
        PulledCopy<ReferralIntakeView> pulled = new PulledCopy<>(owner, SharedObjectType.REFERRAL, referralId,
                view.version(), notification.purpose(), clock.instant(), view, null, null);
        return () -> cases.receive(pulled);
    }
}

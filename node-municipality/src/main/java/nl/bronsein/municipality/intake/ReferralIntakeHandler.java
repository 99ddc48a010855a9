package nl.bronsein.municipality.intake;

import java.time.Clock;

import org.springframework.stereotype.Component;

import nl.bronsein.municipality.cases.CaseService;
import nl.bronsein.runtime.inbox.InboxChange;
import nl.bronsein.runtime.inbox.NotificationHandler;
import nl.bronsein.runtime.inbox.ReceivedNotification;
import nl.bronsein.runtime.pull.PullClient;
import nl.bronsein.runtime.pull.PullRefusedException;
import nl.bronsein.runtime.trust.NodeIdentity;
import nl.bronsein.schemas.SharedObjectType;
import nl.bronsein.schemas.view.ReferralIntakeView;

/** Intake: a GP's referral addressed to us is pulled for purpose {@code intake} and taken in as a case. */
@Component
public class ReferralIntakeHandler implements NotificationHandler {

    private final PullClient pull;
    private final CaseService cases;
    private final NodeIdentity identity;
    private final Clock clock;

    public ReferralIntakeHandler(PullClient pull, CaseService cases, NodeIdentity identity, Clock clock) {
        this.pull = pull;
        this.cases = cases;
        this.identity = identity;
        this.clock = clock;
    }

    @Override
    public SharedObjectType objectType() {
        return SharedObjectType.REFERRAL;
    }

    @Override
    public InboxChange prepare(ReceivedNotification notification) {
        ReferralIntakeView view = pull.pull(notification, ReferralIntakeView.class);
        boolean asNotified = notification.notification().subject().equals(view.objectId())
                && notification.source().id().urn().equals(view.owner())
                && identity.id().urn().equals(view.addressee());
        if (!asNotified) {
            throw new PullRefusedException(200, "the pulled referral does not match the notification");
        }
        PulledReferral pulled = new PulledReferral(view.owner(), view.objectId(), view.version(), notification.purpose(),
                clock.instant(), view);
        return () -> cases.receive(pulled);
    }
}

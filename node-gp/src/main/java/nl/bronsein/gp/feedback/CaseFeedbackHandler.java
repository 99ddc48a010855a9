package nl.bronsein.gp.feedback;

import java.time.Clock;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import nl.bronsein.gp.referral.Referral;
import nl.bronsein.runtime.copy.PulledCopy;
import nl.bronsein.runtime.inbox.InboxChange;
import nl.bronsein.runtime.inbox.NotificationHandler;
import nl.bronsein.runtime.inbox.ReceivedNotification;
import nl.bronsein.runtime.pull.PullClient;
import nl.bronsein.runtime.pull.PullRefusedException;
import nl.bronsein.schemas.CaseChanged;
import nl.bronsein.schemas.CaseStatus;
import nl.bronsein.schemas.SharedObjectType;
import nl.bronsein.schemas.view.CaseFeedbackView;
import nl.bronsein.schemas.view.ObjectReferenceView;

/**
 * When a municipality's case about one of our referrals changes, pull the case's feedback view and record what it
 * tells. The municipality never writes into our referral; we ask — and stop asking once a withdrawal says we may not.
 */
@Component
public class CaseFeedbackHandler implements NotificationHandler {

    private static final Logger log = LoggerFactory.getLogger(CaseFeedbackHandler.class);

    private final PullClient pull;
    private final Feedback feedback;
    private final Clock clock;

    public CaseFeedbackHandler(PullClient pull, Feedback feedback, Clock clock) {
        this.pull = pull;
        this.feedback = feedback;
        this.clock = clock;
    }

    @Override
    public SharedObjectType objectType() {
        return SharedObjectType.CASE;
    }

    @Override
    public InboxChange prepare(ReceivedNotification notification) {
        CaseChanged body = notification.body(CaseChanged.class);
        Optional<Referral> referral = feedback.referralOf(body.getRelated());
        if (referral.isEmpty()) {
            log.warn("Case {} of {} names no referral of this practice; nothing to follow",
                    notification.notification().subject(), notification.source().id());
            return InboxChange.NONE;
        }
        UUID referralId = referral.get().id();
        ObjectReferenceView object = new ObjectReferenceView(notification.source().id().urn(),
                SharedObjectType.CASE.code(), notification.notification().subject());
        Optional<PulledCopy.Withdrawal> withdrawal = PulledCopy.Withdrawal.announcedBy(body.getChange());
        if (withdrawal.isPresent()) {
            return () -> feedback.withdrawn(referralId, object, body.getObjectVersion(), withdrawal.get(),
                    body.getOccurredAt());
        }
        Announcement announcement = new Announcement(object, body.getObjectVersion(), stepsOf(body.getStatus()),
                body.getOccurredAt());
        if (!feedback.mayPull(referral.get(), notification.purpose(), object)) {
            return () -> feedback.notified(referralId, announcement);
        }
        PulledCopy<CaseFeedbackView> copy = PulledCopy.pulledFor(notification,
                pull.pull(notification, CaseFeedbackView.class), clock.instant());
        if (!feedback.isAbout(copy.content().referral(), referralId)) {
            throw new PullRefusedException(200, "the pulled case is about another referral");
        }
        return () -> feedback.caseView(referralId, copy, announcement);
    }

    /** The milestones a case status in a thin event stands for; a decision's outcome is not in the event. */
    static Set<Milestone> stepsOf(CaseStatus status) {
        return switch (status) {
            case RECEIVED -> Set.of(Milestone.ARRIVED);
            case PICKED_UP -> Set.of(Milestone.PICKED_UP);
            case DECIDED -> Set.of(Milestone.INDICATION_GRANTED, Milestone.INDICATION_DECLINED, Milestone.REDIRECTED);
            case ASSIGNED -> Set.of(Milestone.PROVIDER_ASSIGNED);
            case CONCLUDED -> Set.of(Milestone.CONCLUDED);
            case RETURNED -> Set.of(Milestone.RETURNED);
            case CLOSED_WITHOUT_DECISION -> Set.of(Milestone.CLOSED_WITHOUT_DECISION);
            default -> Set.of();
        };
    }
}

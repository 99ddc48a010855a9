package nl.bronsein.gp.feedback;

import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import nl.bronsein.gp.referral.Referral;
import nl.bronsein.runtime.copy.OwnerAnswers;
import nl.bronsein.runtime.copy.PulledCopy;
import nl.bronsein.runtime.inbox.InboxChange;
import nl.bronsein.runtime.inbox.NotificationHandler;
import nl.bronsein.runtime.inbox.ReceivedNotification;
import nl.bronsein.runtime.pull.PullRefusedException;
import nl.bronsein.schemas.CaseChanged;
import nl.bronsein.schemas.CaseStatus;
import nl.bronsein.schemas.SharedObjectType;
import nl.bronsein.schemas.view.CaseFeedbackView;
import nl.bronsein.schemas.view.ObjectReferenceView;

/**
 * When a municipality's case about one of our referrals changes, pull the case's feedback view and record what it
 * tells. The municipality never writes into our referral; we ask — and stop asking once the municipality answers that
 * the case's referral or consent was withdrawn. The event is only the trigger: its status, time and change become
 * nothing in the timeline that the municipality's answer does not show (a forged event once put steps that never
 * happened, dated years back, in a timeline).
 */
@Component
public class CaseFeedbackHandler implements NotificationHandler {

    private static final Logger log = LoggerFactory.getLogger(CaseFeedbackHandler.class);

    private final OwnerAnswers owners;
    private final Feedback feedback;

    public CaseFeedbackHandler(OwnerAnswers owners, Feedback feedback) {
        this.owners = owners;
        this.feedback = feedback;
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
        Optional<PulledCopy.Withdrawal> claimed = PulledCopy.Withdrawal.announcedBy(body.getChange());
        if (!feedback.mayAsk(referral.get(), notification.purpose())) {
            return feedback.withoutAsking(referral.get(), object, claimed);
        }
        return owners.ask(notification, claimed, CaseFeedbackView.class, copy -> {
            if (!feedback.isAbout(copy.content().referral(), referralId)) {
                throw new PullRefusedException(200, "the pulled case is about another referral");
            }
            Announcement announcement = Announcement.checked(copy, body.getObjectVersion(), body.getStatus().name(),
                    copy.content().status(), stepsOf(body.getStatus()), body.getOccurredAt());
            return () -> feedback.caseView(referralId, copy, announcement);
        }, withdrawal -> () -> feedback.withdrawn(referralId, object, withdrawal));
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

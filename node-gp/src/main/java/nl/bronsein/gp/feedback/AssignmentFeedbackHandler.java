package nl.bronsein.gp.feedback;

import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import nl.bronsein.gp.referral.Referral;
import nl.bronsein.runtime.copy.OwnerAnswers;
import nl.bronsein.runtime.inbox.InboxChange;
import nl.bronsein.runtime.inbox.NotificationHandler;
import nl.bronsein.runtime.inbox.ReceivedNotification;
import nl.bronsein.runtime.pull.PullRefusedException;
import nl.bronsein.schemas.AssignmentChanged;
import nl.bronsein.schemas.SharedObjectType;
import nl.bronsein.schemas.view.AssignmentView;
import nl.bronsein.schemas.view.ObjectReferenceView;

/**
 * When a provider's assignment that traces back to one of our referrals changes — care started, care ended, or for a
 * direct referral accepted or declined — pull it from the provider, where the provider's policy and the citizen's
 * consent allow. As for a case, the event is only the trigger: the timeline shows what the provider answers.
 */
@Component
public class AssignmentFeedbackHandler implements NotificationHandler {

    private static final Logger log = LoggerFactory.getLogger(AssignmentFeedbackHandler.class);

    private final OwnerAnswers owners;
    private final Feedback feedback;

    public AssignmentFeedbackHandler(OwnerAnswers owners, Feedback feedback) {
        this.owners = owners;
        this.feedback = feedback;
    }

    @Override
    public SharedObjectType objectType() {
        return SharedObjectType.ASSIGNMENT;
    }

    @Override
    public InboxChange prepare(ReceivedNotification notification) {
        AssignmentChanged body = notification.body(AssignmentChanged.class);
        Optional<Referral> referral = feedback.referralOf(body.getRelated());
        if (referral.isEmpty()) {
            log.debug("Assignment {} of {} traces back to no referral of this practice",
                    notification.notification().subject(), notification.source().id());
            return InboxChange.NONE;
        }
        UUID referralId = referral.get().id();
        ObjectReferenceView object = new ObjectReferenceView(notification.source().id().urn(),
                SharedObjectType.ASSIGNMENT.code(), notification.notification().subject());
        if (!feedback.mayAsk(referral.get(), notification.purpose())) {
            return feedback.withoutAsking(referral.get(), object, Optional.empty());
        }
        return owners.ask(notification, Optional.empty(), AssignmentView.class, copy -> {
            if (!feedback.isAbout(copy.content().referral(), referralId)) {
                throw new PullRefusedException(200, "the pulled assignment is about another referral");
            }
            Announcement announcement = Announcement.checked(copy, body.getObjectVersion(), body.getStatus().name(),
                    copy.content().status(), stepsOf(body), body.getOccurredAt());
            return () -> feedback.assignmentView(referralId, copy, announcement);
        }, withdrawal -> () -> feedback.withdrawn(referralId, object, withdrawal));
    }

    /** The milestone an assignment status in a thin event stands for; on a direct referral the offer is its arrival. */
    private static Set<Milestone> stepsOf(AssignmentChanged body) {
        boolean direct = body.getRelated().stream().noneMatch(ref -> SharedObjectType.CASE.code().equals(ref.getObjectType()));
        return switch (body.getStatus()) {
            case OFFERED -> direct ? Set.of(Milestone.ARRIVED) : Set.of();
            case ACCEPTED -> Set.of(direct ? Milestone.PICKED_UP : Milestone.ACCEPTED_BY_PROVIDER);
            case DECLINED -> Set.of(Milestone.DECLINED_BY_PROVIDER);
            case CARE_STARTED -> Set.of(Milestone.CARE_STARTED);
            case CARE_ENDED -> Set.of(Milestone.CARE_ENDED);
            default -> Set.of();
        };
    }
}

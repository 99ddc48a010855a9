package nl.bronsein.gp.feedback;

import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.springframework.stereotype.Component;

import nl.bronsein.gp.referral.Referral;
import nl.bronsein.runtime.copy.OwnerAnswers;
import nl.bronsein.runtime.copy.Relevance;
import nl.bronsein.runtime.inbox.InboxChange;
import nl.bronsein.runtime.inbox.NotificationHandler;
import nl.bronsein.runtime.inbox.ReceivedNotification;
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
        ObjectReferenceView object = new ObjectReferenceView(notification.source().id().urn(),
                SharedObjectType.ASSIGNMENT.code(), notification.objectId());
        Optional<Referral> followed = feedback.referralFollowedBy(object);
        if (followed.isPresent() && !feedback.mayAsk(followed.get(), notification.purpose())) {
            return feedback.withoutAsking(followed.get(), object, Optional.empty());
        }
        int version = notification.facts().objectVersion();
        return owners.ask(notification, Optional.empty(), AssignmentView.class, copy -> {
            Referral referral = feedback.referralOf(copy.content().referral())
                    .filter(about -> followed.isEmpty() || followed.get().id().equals(about.id()))
                    .orElse(null);
            if (referral == null) {
                return Relevance.notForUs("the pulled assignment is about no referral of this practice");
            }
            if (!feedback.mayAsk(referral, notification.purpose())) {
                return Relevance.nothingToDo("it is about a referral the practice may not ask for feedback on");
            }
            Set<Milestone> steps = copy.version() == version ? Milestone.ofAssignment(copy.content()) : Set.of();
            Announcement announcement = new Announcement(copy.reference(), version, steps,
                    notification.facts().occurredAt());
            UUID referralId = referral.id();
            return Relevance.apply(() -> feedback.assignmentView(referralId, copy, announcement));
        }, withdrawal -> followed.<InboxChange>map(referral -> () -> feedback.withdrawn(referral.id(), object, withdrawal))
                .orElse(InboxChange.NONE));
    }
}

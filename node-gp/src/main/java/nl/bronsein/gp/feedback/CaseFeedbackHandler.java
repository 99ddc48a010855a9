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
import nl.bronsein.runtime.pull.Withdrawal;
import nl.bronsein.schemas.SharedObjectType;
import nl.bronsein.schemas.view.CaseFeedbackView;
import nl.bronsein.schemas.view.ObjectReferenceView;

/**
 * When a municipality's case about one of our referrals changes, pull the case's feedback view and record what it
 * tells. The municipality never writes into our referral; we ask — and stop asking once the municipality answers that
 * the case's referral or consent was withdrawn. The event is only the trigger, and names neither the case's status nor
 * our referral (the municipality sends it only where the citizen's consent covers feedback): its time and kind become
 * nothing in the timeline that the municipality's answer does not show (a forged event once put steps that never
 * happened, dated years back, in a timeline).
 */
@Component
public class CaseFeedbackHandler implements NotificationHandler {

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
        ObjectReferenceView object = new ObjectReferenceView(notification.source().id().urn(),
                SharedObjectType.CASE.code(), notification.objectId());
        Optional<Withdrawal> claimed = Withdrawal.announcedBy(notification.change());
        Optional<Referral> followed = feedback.referralFollowedBy(object);
        if (followed.isPresent() && !feedback.mayAsk(followed.get(), notification.purpose())) {
            return feedback.withoutAsking(followed.get(), object, claimed);
        }
        int version = notification.facts().objectVersion();
        return owners.ask(notification, claimed, CaseFeedbackView.class, copy -> {
            Referral referral = feedback.referralOf(copy.content().referral())
                    .filter(about -> followed.isEmpty() || followed.get().id().equals(about.id()))
                    .orElse(null);
            if (referral == null) {
                return Relevance.notForUs("the pulled case is about no referral of this practice");
            }
            if (!feedback.mayAsk(referral, notification.purpose())) {
                return Relevance.nothingToDo("it is about a referral the practice may not ask for feedback on");
            }
            // The event names no status (issue 16): the steps it is cited for are those the owner serves at its version.
            Set<Milestone> steps = copy.version() == version ? Milestone.ofCase(copy.content().status()) : Set.of();
            Announcement announcement = new Announcement(copy.reference(), version, steps,
                    notification.facts().occurredAt());
            UUID referralId = referral.id();
            return Relevance.apply(() -> feedback.caseView(referralId, copy, announcement));
        }, withdrawal -> followed.<InboxChange>map(referral -> () -> feedback.withdrawn(referral.id(), object, withdrawal))
                .orElse(InboxChange.NONE));
    }
}

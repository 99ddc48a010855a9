package nl.bronsein.provider.commission;

import java.net.URI;
import java.time.Clock;
import java.util.Optional;

import org.springframework.stereotype.Component;

import nl.bronsein.provider.assignment.AssignmentService;
import nl.bronsein.provider.request.AssignmentRequestService;
import nl.bronsein.runtime.copy.OwnerAnswers;
import nl.bronsein.runtime.copy.PulledCopies;
import nl.bronsein.runtime.copy.PulledCopy;
import nl.bronsein.runtime.copy.Relevance;
import nl.bronsein.runtime.inbox.InboxChange;
import nl.bronsein.runtime.inbox.NotificationHandler;
import nl.bronsein.runtime.inbox.ReceivedNotification;
import nl.bronsein.runtime.inbox.UnusableNotificationException;
import nl.bronsein.runtime.pull.PullClient;
import nl.bronsein.runtime.pull.PullRefusedException;
import nl.bronsein.runtime.pull.Withdrawal;
import nl.bronsein.runtime.trust.NodeIdentity;
import nl.bronsein.runtime.trust.Participant;
import nl.bronsein.runtime.trust.ParticipantList;
import nl.bronsein.runtime.trust.ParticipantRole;
import nl.bronsein.schemas.SharedObjectType;
import nl.bronsein.schemas.view.CaseCareDeliveryView;
import nl.bronsein.schemas.view.CaseStatus;
import nl.bronsein.schemas.view.ObjectReferenceView;
import nl.bronsein.schemas.view.ReferralCareDeliveryView;

/**
 * Care delivery: a municipality's case that concerns us is pulled for purpose {@code care-delivery} and kept as our
 * basis for the care; once the municipality assigned it to us, we pull the referral it rests on from the GP — the
 * citizen's data comes from its source, presenting the case so the GP can check the assignment at the municipality —
 * and the care becomes an assignment offered to us. A case that answers our own request for an assignment (youth care
 * the GP referred to us directly) offers nothing: it grants or refuses the request.
 */
@Component
public class CaseAssignmentHandler implements NotificationHandler {

    static final String CARE_DELIVERY = "care-delivery";

    /** What the product category column holds; a longer one is not a category but a municipality's mistake. */
    private static final int MAX_PRODUCT_CATEGORY = 100;

    private final OwnerAnswers owners;
    private final PullClient pull;
    private final PulledCopies copies;
    private final AssignmentService assignments;
    private final AssignmentRequestService requests;
    private final ParticipantList participants;
    private final NodeIdentity identity;
    private final Clock clock;

    public CaseAssignmentHandler(OwnerAnswers owners, PullClient pull, PulledCopies copies, AssignmentService assignments,
                                 AssignmentRequestService requests, ParticipantList participants, NodeIdentity identity,
                                 Clock clock) {
        this.requests = requests;
        this.owners = owners;
        this.pull = pull;
        this.copies = copies;
        this.assignments = assignments;
        this.participants = participants;
        this.identity = identity;
        this.clock = clock;
    }

    @Override
    public SharedObjectType objectType() {
        return SharedObjectType.CASE;
    }

    @Override
    public InboxChange prepare(ReceivedNotification notification) {
        String me = identity.id().urn();
        // A withdrawal counts only as the municipality answers it; a notification claiming one is checked by the pull.
        return owners.ask(notification, Withdrawal.announcedBy(notification.change()), CaseCareDeliveryView.class,
                copy -> offered(copy, notification, me), withdrawal -> owners.withdrawal(notification, withdrawal));
    }

    private Relevance offered(PulledCopy<CaseCareDeliveryView> copy, ReceivedNotification notification, String me) {
        CaseCareDeliveryView view = copy.content();
        if (view.request() != null) {
            // The municipality's case on our own request (youth care): it answers the request, it offers nothing new —
            // the care rests on the GP's referral we hold already.
            if (!me.equals(view.request().owner())) {
                return Relevance.notForUs("the pulled case answers another provider's request");
            }
            return Relevance.apply(() -> {
                copies.keep(copy);
                requests.answeredBy(copy.reference(), view);
            });
        }
        if (!me.equals(view.assignedProvider())) {
            // reassigned to another provider since it was notified; what we already hold stays as it was
            return Relevance.nothingToDo("not assigned to us at version " + view.version());
        }
        boolean assigned = view.status() == CaseStatus.ASSIGNED;
        String productCategory = view.decision() == null ? null : view.decision().productCategory();
        if (assigned && view.referral() == null) {
            throw new UnusableNotificationException("the pulled case is assigned but names no referral");
        }
        if (productCategory != null && productCategory.length() > MAX_PRODUCT_CATEGORY) {
            throw new UnusableNotificationException("the pulled case's product category is longer than "
                    + MAX_PRODUCT_CATEGORY + " characters");
        }
        if (!assigned) {
            return Relevance.apply(() -> copies.keep(copy));
        }

        ObjectReferenceView basis = copy.reference();
        ObjectReferenceView referral = view.referral();
        if (copies.holds(referral.owner(), SharedObjectType.REFERRAL, referral.objectId())) {
            // Pulled when the case was first assigned to us; since then the GP tells us of the referral's changes itself
            // (ReferralHandler), and a withdrawal it answered stands.
            boolean withdrawn = copies.isWithdrawn(referral.owner(), SharedObjectType.REFERRAL, referral.objectId());
            return Relevance.apply(() -> {
                copies.keep(copy);
                if (!withdrawn) {
                    assignments.offer(basis, referral, productCategory);
                }
            });
        }
        Optional<Participant> practice = participants.find(referral.owner())
                .filter(p -> p.role() == ParticipantRole.GP_PRACTICE);
        if (practice.isEmpty()) {
            return Relevance.notForUs("the pulled case rests on a referral of a participant that is not a listed GP practice");
        }
        URI caseUrl = notification.source().pullUrl(SharedObjectType.CASE.code(), copy.objectId());
        PulledCopy<ReferralCareDeliveryView> referralCopy;
        try {
            referralCopy = PulledCopy.pulledFrom(referral, CARE_DELIVERY,
                    pull.pull(practice.get(), SharedObjectType.REFERRAL.code(), referral.objectId(),
                            CARE_DELIVERY, caseUrl, ReferralCareDeliveryView.class), clock.instant());
        } catch (PullRefusedException refused) {
            if (refused.withdrawal().isPresent()) {
                // the GP withdrew the referral or the citizen the consent: no care on it, and no copy to use
                Withdrawal withdrawal = refused.withdrawal().get();
                return Relevance.apply(() -> {
                    copies.keep(copy);
                    copies.withdraw(referral.owner(), SharedObjectType.REFERRAL, referral.objectId(), withdrawal,
                            clock.instant());
                });
            }
            throw new PullRefusedException(refused.status(), "the GP did not give us the referral the assigned case "
                    + "rests on (" + refused.getMessage() + ")");
        }
        return Relevance.apply(() -> {
            copies.keep(copy);
            copies.keep(referralCopy);
            assignments.offer(basis, referral, productCategory);
        });
    }
}

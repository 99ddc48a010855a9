package nl.bronsein.provider.commission;

import java.net.URI;
import java.util.Optional;

import org.springframework.stereotype.Component;

import nl.bronsein.provider.assignment.Assignment;
import nl.bronsein.provider.assignment.AssignmentRepository;
import nl.bronsein.provider.assignment.AssignmentService;
import nl.bronsein.runtime.copy.OwnerAnswers;
import nl.bronsein.runtime.copy.PulledCopies;
import nl.bronsein.runtime.copy.Relevance;
import nl.bronsein.runtime.inbox.InboxChange;
import nl.bronsein.runtime.inbox.NotificationHandler;
import nl.bronsein.runtime.inbox.ReceivedNotification;
import nl.bronsein.runtime.pull.Withdrawal;
import nl.bronsein.runtime.trust.NodeIdentity;
import nl.bronsein.runtime.trust.ParticipantList;
import nl.bronsein.schemas.SharedObjectType;
import nl.bronsein.schemas.view.ObjectReferenceView;
import nl.bronsein.schemas.view.ReferralCareDeliveryView;
import nl.bronsein.schemas.view.ReferralIntakeView;

/**
 * A GP's referral changed. Either the GP referred the citizen to us directly (e.g. a welfare coach, an algemene
 * voorziening): the referral is pulled for purpose {@code intake}, kept as our basis, and offered to us as an
 * assignment that rests on the referral itself. Or it is the referral a municipality's case assigned to us rests on:
 * the GP admitted us to it and tells us of its corrections and withdrawals itself, and we pull it again for {@code
 * care-delivery}, presenting that case.
 */
@Component
public class ReferralHandler implements NotificationHandler {

    private final OwnerAnswers owners;
    private final PulledCopies copies;
    private final AssignmentService assignments;
    private final AssignmentRepository assigned;
    private final ParticipantList participants;
    private final NodeIdentity identity;

    public ReferralHandler(OwnerAnswers owners, PulledCopies copies, AssignmentService assignments,
                           AssignmentRepository assigned, ParticipantList participants, NodeIdentity identity) {
        this.owners = owners;
        this.copies = copies;
        this.assignments = assignments;
        this.assigned = assigned;
        this.participants = participants;
        this.identity = identity;
    }

    @Override
    public SharedObjectType objectType() {
        return SharedObjectType.REFERRAL;
    }

    @Override
    public InboxChange prepare(ReceivedNotification notification) {
        // A withdrawal counts only as the GP answers it; a notification claiming one is checked by the pull.
        Optional<Withdrawal> announced = Withdrawal.announcedBy(notification.change());
        ObjectReferenceView referral = new ObjectReferenceView(notification.source().id().urn(),
                SharedObjectType.REFERRAL.code(), notification.objectId());
        Optional<URI> commissioningCase = assigned.findCommissionedFor(referral).stream().findFirst()
                .map(Assignment::basis).flatMap(this::pullUrl);
        if (commissioningCase.isPresent()) {
            return owners.ask(notification, CaseAssignmentHandler.CARE_DELIVERY, commissioningCase.get(), announced,
                    ReferralCareDeliveryView.class, copy -> Relevance.apply(() -> copies.keep(copy)),
                    withdrawal -> owners.withdrawal(notification, withdrawal));
        }
        String me = identity.id().urn();
        return owners.ask(notification, announced, ReferralIntakeView.class,
                copy -> {
                    if (!me.equals(copy.content().addressee())) {
                        return Relevance.notForUs("the pulled referral is addressed to someone else");
                    }
                    ObjectReferenceView basis = copy.reference();
                    return Relevance.apply(() -> {
                        copies.keep(copy);
                        // no municipality's decision, so no product: the GP's requested support is a question, not a category
                        assignments.offer(basis, basis, null);
                    });
                }, withdrawal -> owners.withdrawal(notification, withdrawal));
    }

    private Optional<URI> pullUrl(ObjectReferenceView basis) {
        return participants.find(basis.owner()).map(m -> m.pullUrl(basis.objectType(), basis.objectId()));
    }
}

package nl.bronsein.provider.assignment;

import nl.bronsein.runtime.pull.Withdrawal;

import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.springframework.stereotype.Component;

import nl.bronsein.runtime.pull.SharedObject;
import nl.bronsein.runtime.pull.SharedObjectSource;
import nl.bronsein.runtime.trust.NodeIdentity;
import nl.bronsein.runtime.trust.Participant;
import nl.bronsein.runtime.trust.ParticipantId;
import nl.bronsein.schemas.SharedObjectType;
import nl.bronsein.schemas.view.AssignmentView;

/**
 * Assignments as the pull server offers them. Involved are the municipality that commissioned the care (when the
 * assignment rests on its case) and the referring GP. The consent that counts is the one in the referral as this
 * provider last pulled it from the GP; once that was withdrawn, the assignment is not shared at all.
 */
@Component
public class AssignmentSource implements SharedObjectSource {

    static final String FOLLOW_UP_VIEW = "assignment-follow-up";
    static final String FEEDBACK_VIEW = "referral-feedback";

    private final AssignmentRepository assignments;
    private final AssignmentBasis basis;
    private final NodeIdentity identity;

    public AssignmentSource(AssignmentRepository assignments, AssignmentBasis basis, NodeIdentity identity) {
        this.assignments = assignments;
        this.basis = basis;
        this.identity = identity;
    }

    @Override
    public SharedObjectType objectType() {
        return SharedObjectType.ASSIGNMENT;
    }

    @Override
    public Set<String> views() {
        return Set.of(FOLLOW_UP_VIEW, FEEDBACK_VIEW);
    }

    @Override
    public Optional<SharedObject> find(UUID objectId) {
        return assignments.find(objectId).map(SharedAssignment::new);
    }

    private final class SharedAssignment implements SharedObject {

        private final Assignment a;

        SharedAssignment(Assignment a) {
            this.a = a;
        }

        @Override
        public Set<ParticipantId> involved() {
            java.util.Set<ParticipantId> involved = new java.util.HashSet<>();
            involved.add(ParticipantId.of(a.referral().owner()));
            if (a.commissionedByCase()) {
                involved.add(ParticipantId.of(a.basis().owner()));
            }
            return Set.copyOf(involved);
        }

        @Override
        public boolean consentCovers(String purpose) {
            return basis.consentCovers(a, purpose);
        }

        @Override
        public boolean withdrawn() {
            return basis.withdrawn(a);
        }

        @Override
        public boolean consentWithdrawn() {
            return basis.withdrawal(a).filter(Withdrawal.CONSENT_WITHDRAWN::equals).isPresent();
        }

        @Override
        public Optional<String> dataSubject() {
            return basis.citizen(a);
        }

        @Override
        public Object view(String view, Participant caller) {
            return switch (view) {
                case FOLLOW_UP_VIEW -> view(a.declineReason());
                // the decline reason is between provider and commissioning municipality; the GP sees that it was declined
                case FEEDBACK_VIEW -> view(null);
                default -> throw new IllegalArgumentException("unknown view " + view);
            };
        }

        private AssignmentView view(String declineReason) {
            return new AssignmentView(a.id().toString(), a.version(), identity.id().urn(), a.status(), a.basis(),
                    a.referral(), a.productCategory(), a.offeredAt(), a.acceptedAt(), a.declinedAt(), declineReason,
                    a.careStartedAt(), a.careEndedAt());
        }
    }
}

package nl.bronsein.provider.request;

import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.springframework.stereotype.Component;

import nl.bronsein.provider.assignment.Assignment;
import nl.bronsein.provider.assignment.AssignmentBasis;
import nl.bronsein.provider.assignment.AssignmentRepository;
import nl.bronsein.runtime.pull.SharedObject;
import nl.bronsein.runtime.pull.SharedObjectSource;
import nl.bronsein.runtime.pull.Withdrawal;
import nl.bronsein.runtime.trust.NodeIdentity;
import nl.bronsein.runtime.trust.Participant;
import nl.bronsein.runtime.trust.ParticipantId;
import nl.bronsein.schemas.SharedObjectType;
import nl.bronsein.schemas.view.AssignmentRequestStatus;
import nl.bronsein.schemas.view.AssignmentRequestVerificationView;
import nl.bronsein.schemas.view.AssignmentRequestView;

/**
 * Requests as the pull server offers them. Involved are the municipality asked, which reads the request ({@code
 * youth-assignment}), and the referring GP, which only asks whether the municipality that wants its referral is the
 * one we asked ({@code request-verification}) and is not notified of the request. Once the GP withdrew the referral or
 * the consent, the request is not shared at all.
 */
@Component
public class AssignmentRequestSource implements SharedObjectSource {

    static final String YOUTH_ASSIGNMENT_VIEW = "youth-assignment";
    static final String VERIFICATION_VIEW = "request-verification";

    private final AssignmentRequestRepository requests;
    private final AssignmentRepository assignments;
    private final AssignmentBasis basis;
    private final NodeIdentity identity;

    public AssignmentRequestSource(AssignmentRequestRepository requests, AssignmentRepository assignments,
                            AssignmentBasis basis, NodeIdentity identity) {
        this.requests = requests;
        this.assignments = assignments;
        this.basis = basis;
        this.identity = identity;
    }

    @Override
    public SharedObjectType objectType() {
        return SharedObjectType.ASSIGNMENT_REQUEST;
    }

    @Override
    public Set<String> views() {
        return Set.of(YOUTH_ASSIGNMENT_VIEW, VERIFICATION_VIEW);
    }

    @Override
    public Optional<SharedObject> find(UUID objectId) {
        return requests.find(objectId).flatMap(r -> assignments.find(r.assignmentId()).map(a -> new SharedRequest(r, a)));
    }

    private final class SharedRequest implements SharedObject {

        private final AssignmentRequest r;
        private final Assignment assignment;

        SharedRequest(AssignmentRequest r, Assignment assignment) {
            this.r = r;
            this.assignment = assignment;
        }

        @Override
        public Set<ParticipantId> involved() {
            return Set.of(ParticipantId.of(r.municipality()), ParticipantId.of(r.referral().owner()));
        }

        @Override
        public boolean consentCovers(String purpose) {
            return basis.consentCovers(assignment, purpose);
        }

        /** Withdrawn by us, or what it rests on by the GP. */
        @Override
        public boolean withdrawn() {
            return r.status() == AssignmentRequestStatus.WITHDRAWN || basis.withdrawn(assignment);
        }

        @Override
        public boolean consentWithdrawn() {
            return basis.withdrawal(assignment).filter(Withdrawal.CONSENT_WITHDRAWN::equals).isPresent();
        }

        /** The request holds no citizen data; it is about the citizen of the assignment it asks for. */
        @Override
        public Optional<String> dataSubject() {
            return basis.citizen(assignment);
        }

        @Override
        public Object view(String view, Participant caller) {
            String owner = identity.id().urn();
            return switch (view) {
                case YOUTH_ASSIGNMENT_VIEW -> new AssignmentRequestView(r.id().toString(), r.version(), owner, r.status(),
                        r.referral(), r.municipality(), r.productCategory(), r.requestedAt(), r.answeredBy(),
                        r.answeredAt(), r.adultOn());
                case VERIFICATION_VIEW -> new AssignmentRequestVerificationView(r.id().toString(), r.version(), owner,
                        r.referral(), r.municipality());
                default -> throw new IllegalArgumentException("unknown view " + view);
            };
        }
    }
}

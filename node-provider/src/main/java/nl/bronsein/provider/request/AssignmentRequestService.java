package nl.bronsein.provider.request;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.UUID;
import java.util.function.UnaryOperator;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import nl.bronsein.provider.assignment.Assignment;
import nl.bronsein.provider.assignment.AssignmentBasis;
import nl.bronsein.provider.assignment.AssignmentRepository;
import nl.bronsein.runtime.domain.ConcurrentChangeException;
import nl.bronsein.runtime.domain.IllegalTransitionException;
import nl.bronsein.runtime.domain.InvalidRequestException;
import nl.bronsein.runtime.domain.NotFoundException;
import nl.bronsein.runtime.domain.ObjectIds;
import nl.bronsein.runtime.outbox.NewNotification;
import nl.bronsein.runtime.outbox.Outbox;
import nl.bronsein.runtime.trust.NodeIdentity;
import nl.bronsein.runtime.trust.ParticipantList;
import nl.bronsein.runtime.trust.ParticipantRole;
import nl.bronsein.schemas.SharedObjectType;
import nl.bronsein.schemas.view.AssignmentRequestStatus;
import nl.bronsein.schemas.view.AssignmentStatus;
import nl.bronsein.schemas.view.CaseCareDeliveryView;
import nl.bronsein.schemas.view.CaseStatus;
import nl.bronsein.schemas.view.DecisionOutcome;
import nl.bronsein.schemas.view.LegalFramework;
import nl.bronsein.schemas.view.ObjectReferenceView;
import nl.bronsein.schemas.view.ReferralIntakeView;

/**
 * The request lifecycle; every step is one transaction with its notification, and a refused step changes nothing.
 * Care may start before the municipality answers: under the Jeugdwet the GP's referral itself gives access to youth
 * care, and the request (like the iJw 315 it stands for) may follow the start.
 */
@Service
public class AssignmentRequestService {

    private static final Logger log = LoggerFactory.getLogger(AssignmentRequestService.class);
    private static final int STEP_ATTEMPTS = 3;

    private final AssignmentRequestRepository requests;
    private final AssignmentRepository assignments;
    private final AssignmentBasis basis;
    private final ParticipantList participants;
    private final Outbox outbox;
    private final NodeIdentity identity;
    private final Clock clock;

    AssignmentRequestService(AssignmentRequestRepository requests, AssignmentRepository assignments,
                             AssignmentBasis basis, ParticipantList participants, Outbox outbox, NodeIdentity identity,
                             Clock clock) {
        this.requests = requests;
        this.assignments = assignments;
        this.basis = basis;
        this.participants = participants;
        this.outbox = outbox;
        this.identity = identity;
        this.clock = clock;
    }

    /**
     * Asks the municipality for an assignment of the youth care a GP referred the citizen to us for directly.
     *
     * @throws IllegalTransitionException when the assignment rests on no youth referral of a GP, was declined or ended,
     *                                    already has a request, or the GP withdrew the referral or the consent
     */
    @Transactional
    public AssignmentRequest request(UUID assignmentId, String municipality, String productCategory) {
        Assignment assignment = assignments.find(assignmentId)
                .orElseThrow(() -> new NotFoundException("no such assignment"));
        if (participants.find(municipality).filter(p -> p.role() == ParticipantRole.MUNICIPALITY).isEmpty()) {
            throw new InvalidRequestException("municipality", "is not a municipality in the participant list");
        }
        if (assignment.commissionedByCase()) {
            throw new IllegalTransitionException("the assignment was commissioned by a municipality's case already");
        }
        if (assignment.status() == AssignmentStatus.DECLINED || assignment.status() == AssignmentStatus.CARE_ENDED) {
            throw new IllegalTransitionException("an assignment in status " + assignment.status()
                    + " asks for no assignment of the municipality");
        }
        if (basis.withdrawn(assignment)) {
            throw new IllegalTransitionException("the GP withdrew the referral or the consent it rests on");
        }
        LegalFramework law = basis.referral(assignment).map(c -> c.content())
                .filter(ReferralIntakeView.class::isInstance).map(ReferralIntakeView.class::cast)
                .map(ReferralIntakeView::legalFramework).orElse(null);
        if (law != LegalFramework.JEUGDWET) {
            throw new IllegalTransitionException("only a youth referral (Jeugdwet) asks a municipality for an assignment");
        }
        if (requests.findByAssignment(assignmentId).isPresent()) {
            throw new IllegalTransitionException("an assignment was requested for this assignment already");
        }
        Instant now = now();
        AssignmentRequest requested = new AssignmentRequest(UUID.randomUUID(), 1, AssignmentRequestStatus.REQUESTED,
                assignmentId, assignment.referral(), municipality, productCategory, now, null, null, null);
        requests.insert(requested, now);
        notifyChange(requested, "requested", now);
        return requested;
    }

    /**
     * Takes in the municipality's case as it answers one of our requests: granted once it is assigned to us, refused
     * once it was decided otherwise or ended without assigning us. A case still under way answers nothing yet.
     */
    @Transactional
    public void answeredBy(ObjectReferenceView answeringCase, CaseCareDeliveryView view) {
        Optional<UUID> requestId = Optional.ofNullable(view.request())
                .filter(r -> identity.id().urn().equals(r.owner()))
                .flatMap(r -> ObjectIds.parse(r.objectId()));
        Optional<AssignmentRequestStatus> answer = answerOf(view);
        if (requestId.isEmpty() || answer.isEmpty()) {
            return;
        }
        for (int attempt = 1; ; attempt++) {
            AssignmentRequest current = requests.find(requestId.get()).orElse(null);
            if (current == null || !answeringCase.owner().equals(current.municipality())) {
                log.warn("A case of {} answers no request we sent it", answeringCase.owner());
                return;
            }
            if (!AssignmentRequestLifecycle.mayBecome(current.status(), answer.get())) {
                // answered before (a replay, a later version of the same case): what stands, stands
                return;
            }
            Instant now = now();
            AssignmentRequest answered = current.answered(answer.get(), answeringCase, now);
            if (requests.update(answered, current.version(), now)) {
                notifyChange(answered, "answered", now);
                return;
            }
            if (attempt == STEP_ATTEMPTS) {
                throw new ConcurrentChangeException("assignment request");
            }
        }
    }

    /**
     * We no longer ask (the care is not needed after all): only before the municipality answered. The municipality's
     * next pull is refused as withdrawn, and its case says so.
     */
    @Transactional
    public AssignmentRequest withdraw(UUID requestId) {
        return step(requestId, "withdrawn", AssignmentRequest::withdrawn);
    }

    /** Another product asked for, while the municipality has not answered; it pulls the request again. */
    @Transactional
    public AssignmentRequest correct(UUID requestId, String productCategory) {
        return step(requestId, "corrected", r -> r.corrected(productCategory));
    }

    /** A planner's step on a request still unanswered; judged again if it changed between reading and writing. */
    private AssignmentRequest step(UUID id, String change, UnaryOperator<AssignmentRequest> step) {
        for (int attempt = 1; ; attempt++) {
            AssignmentRequest current = requests.find(id).orElseThrow(() -> new NotFoundException("no such request"));
            if (current.status() != AssignmentRequestStatus.REQUESTED) {
                throw new IllegalTransitionException("a request in status " + current.status() + " cannot be " + change);
            }
            Instant now = now();
            AssignmentRequest changed = step.apply(current);
            if (requests.update(changed, current.version(), now)) {
                notifyChange(changed, change, now);
                return changed;
            }
            if (attempt == STEP_ATTEMPTS) {
                throw new ConcurrentChangeException("assignment request");
            }
        }
    }

    /** The client turned 18 while in care: a fact the municipality is told, so it can decide on the Wmo continuation. */
    @Transactional
    public void cameOfAge(UUID requestId, LocalDate on) {
        change(requestId, r -> r.adultOn() == null ? r.cameOfAge(on) : null, "came-of-age");
    }

    private void change(UUID id, UnaryOperator<AssignmentRequest> step, String change) {
        for (int attempt = 1; ; attempt++) {
            AssignmentRequest current = requests.find(id).orElseThrow(() -> new NotFoundException("no such request"));
            AssignmentRequest changed = step.apply(current);
            if (changed == null) {
                return;
            }
            Instant now = now();
            if (requests.update(changed, current.version(), now)) {
                notifyChange(changed, change, now);
                return;
            }
            if (attempt == STEP_ATTEMPTS) {
                throw new ConcurrentChangeException("assignment request");
            }
        }
    }

    private Optional<AssignmentRequestStatus> answerOf(CaseCareDeliveryView view) {
        String me = identity.id().urn();
        if (view.status() == null) {
            return Optional.empty();
        }
        boolean ours = me.equals(view.assignedProvider());
        if (ours && (view.status() == CaseStatus.ASSIGNED || view.status() == CaseStatus.CONCLUDED)) {
            return Optional.of(AssignmentRequestStatus.GRANTED);
        }
        boolean decidedOtherwise = view.decision() != null && view.decision().outcome() != DecisionOutcome.GRANTED;
        boolean endedWithoutUs = !ours && (view.status() == CaseStatus.CONCLUDED || view.status() == CaseStatus.RETURNED
                || view.status() == CaseStatus.CLOSED_WITHOUT_DECISION);
        return decidedOtherwise || endedWithoutUs ? Optional.of(AssignmentRequestStatus.REFUSED) : Optional.empty();
    }

    /** Who hears of it is the policy's business: the municipality asked ({@code AssignmentRequestSource}). */
    private void notifyChange(AssignmentRequest r, String change, Instant at) {
        outbox.record(new NewNotification(SharedObjectType.ASSIGNMENT_REQUEST, r.id().toString(), change, r.version(), at));
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }
}

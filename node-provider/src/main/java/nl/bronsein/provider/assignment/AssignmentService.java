package nl.bronsein.provider.assignment;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import java.util.function.BiFunction;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import nl.bronsein.runtime.outbox.NewNotification;
import nl.bronsein.runtime.outbox.Outbox;
import nl.bronsein.runtime.trust.NodeIdentity;
import nl.bronsein.runtime.domain.ConcurrentChangeException;
import nl.bronsein.runtime.domain.IllegalTransitionException;
import nl.bronsein.runtime.domain.NotFoundException;
import nl.bronsein.schemas.SharedObjectType;
import nl.bronsein.schemas.view.ObjectReferenceView;
import nl.bronsein.schemas.view.AssignmentStatus;

/**
 * The assignment lifecycle; every step is one transaction with its notification, and illegal steps change nothing.
 */
@Service
public class AssignmentService {

    /** Tries of a step against concurrent changes of the same assignment before it is answered 409. */
    private static final int STEP_ATTEMPTS = 3;

    private final AssignmentRepository assignments;
    private final Outbox outbox;
    private final NodeIdentity identity;
    private final Clock clock;

    public AssignmentService(AssignmentRepository assignments, Outbox outbox, NodeIdentity identity, Clock clock) {
        this.assignments = assignments;
        this.outbox = outbox;
        this.identity = identity;
        this.clock = clock;
    }

    /**
     * Takes in an assignment offered to us: opens one unless one exists for this basis — a case or referral notified
     * twice, corrected, or replayed, still has one assignment, whatever became of it since.
     *
     * @param basis    the municipality's case, or the GP's referral when the GP referred directly
     * @param referral the GP's referral the care traces back to
     */
    @Transactional
    public Assignment offer(ObjectReferenceView basis, ObjectReferenceView referral, String productCategory) {
        return assignments.findByBasis(basis.owner(), basis.objectType(), basis.objectId()).orElseGet(() -> {
            Instant now = now();
            Assignment offered = new Assignment(UUID.randomUUID(), 1, AssignmentStatus.OFFERED, basis, referral,
                    productCategory, now, null, null, null, null, null, null);
            assignments.insert(offered, now);
            notifyChange(offered, now);
            return offered;
        });
    }

    /** We take the care on (iWmo: the provider confirms the assignment). */
    @Transactional
    public Assignment accept(UUID id) {
        return step(id, AssignmentStatus.ACCEPTED, "accepted", (a, now) -> new Assignment(a.id(), a.version() + 1,
                AssignmentStatus.ACCEPTED, a.basis(), a.referral(), a.productCategory(), a.offeredAt(), now, null, null,
                null, null, null));
    }

    /** We cannot take the care on (no capacity, not our speciality); the municipality follows this up. */
    @Transactional
    public Assignment decline(UUID id, String reason) {
        return step(id, AssignmentStatus.DECLINED, "declined", (a, now) -> new Assignment(a.id(), a.version() + 1,
                AssignmentStatus.DECLINED, a.basis(), a.referral(), a.productCategory(), a.offeredAt(), null, now,
                reason, null, null, null));
    }

    /** Start zorg (cf. iWmo 305). */
    @Transactional
    public Assignment startCare(UUID id) {
        return step(id, AssignmentStatus.CARE_STARTED, "started", (a, now) -> new Assignment(a.id(), a.version() + 1,
                AssignmentStatus.CARE_STARTED, a.basis(), a.referral(), a.productCategory(), a.offeredAt(),
                a.acceptedAt(), null, null, now, null, null));
    }

    /** Stop zorg (cf. iWmo 307). */
    @Transactional
    public Assignment endCare(UUID id, String reason) {
        return step(id, AssignmentStatus.CARE_ENDED, "ended", (a, now) -> new Assignment(a.id(), a.version() + 1,
                AssignmentStatus.CARE_ENDED, a.basis(), a.referral(), a.productCategory(), a.offeredAt(),
                a.acceptedAt(), null, null, a.careStartedAt(), now, reason));
    }

    /** A planner's step on the assignment as it is now; judged again if it changed between reading and writing. */
    private Assignment step(UUID id, AssignmentStatus next, String verb, BiFunction<Assignment, Instant, Assignment> change) {
        for (int attempt = 1; ; attempt++) {
            Assignment current = assignments.find(id).orElseThrow(() -> new NotFoundException("no such assignment"));
            if (!AssignmentLifecycle.mayBecome(current.status(), next)) {
                throw new IllegalTransitionException("an assignment in status " + current.status() + " cannot be " + verb);
            }
            Instant now = now();
            Assignment changed = change.apply(current, now);
            if (assignments.update(changed, current.version(), now)) {
                notifyChange(changed, now);
                return changed;
            }
            if (attempt == STEP_ATTEMPTS) {
                throw new ConcurrentChangeException("assignment");
            }
        }
    }

    /** Who hears of it is the policy's business ({@code AssignmentSource} names who the assignment involves). */
    private void notifyChange(Assignment a, Instant at) {
        outbox.record(new NewNotification(SharedObjectType.ASSIGNMENT, a.id().toString(), "status-changed",
                a.version(), at));
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }
}

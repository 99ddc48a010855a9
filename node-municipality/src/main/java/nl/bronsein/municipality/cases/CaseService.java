package nl.bronsein.municipality.cases;

import nl.bronsein.runtime.pull.Withdrawal;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.UnaryOperator;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import nl.bronsein.runtime.contactpoint.ContactPointDirectory;
import nl.bronsein.runtime.copy.PulledCopies;
import nl.bronsein.runtime.copy.PulledCopy;
import nl.bronsein.runtime.outbox.NewNotification;
import nl.bronsein.runtime.outbox.Outbox;
import nl.bronsein.runtime.trust.NodeIdentity;
import nl.bronsein.runtime.trust.Participant;
import nl.bronsein.runtime.trust.ParticipantList;
import nl.bronsein.runtime.trust.ParticipantRole;
import nl.bronsein.runtime.domain.FieldProblem;
import nl.bronsein.runtime.domain.ConcurrentChangeException;
import nl.bronsein.runtime.domain.IllegalTransitionException;
import nl.bronsein.runtime.domain.InvalidRequestException;
import nl.bronsein.runtime.domain.NotFoundException;
import nl.bronsein.schemas.SharedObjectType;
import nl.bronsein.schemas.view.AssignmentRequestView;
import nl.bronsein.schemas.view.DecisionOutcome;
import nl.bronsein.schemas.view.ReferralIntakeView;

/** The case lifecycle; every step is one transaction with its notification, and illegal steps change nothing. */
@Service
public class CaseService {

    /** Tries of a staff step against concurrent changes of the same case before it is answered 409. */
    private static final int STEP_ATTEMPTS = 3;

    private final CaseRepository cases;
    private final PulledCopies copies;
    private final ContactPointDirectory contactPoints;
    private final ParticipantList participants;
    private final Outbox outbox;
    private final NodeIdentity identity;
    private final Clock clock;

    public CaseService(CaseRepository cases, PulledCopies copies, ContactPointDirectory contactPoints,
                       ParticipantList participants, Outbox outbox, NodeIdentity identity, Clock clock) {
        this.cases = cases;
        this.copies = copies;
        this.contactPoints = contactPoints;
        this.participants = participants;
        this.outbox = outbox;
        this.identity = identity;
        this.clock = clock;
    }

    /**
     * Takes in a pulled referral: keeps the newest pulled copy, and opens a case for it unless one exists — a referral
     * notified twice, or replayed, still has one case. A newer version of a referral that has a case (a correction,
     * a changed contact person) is a change the case's followers hear of, so the provider refreshes its copy.
     */
    @Transactional
    public Case receive(PulledCopy<ReferralIntakeView> referral) {
        return take(referral, null);
    }

    /**
     * Takes in a youth-care provider's request for an assignment with the GP's referral it names, pulled from the GP on
     * the strength of that request: opens a case that answers the request, unless the referral has one.
     */
    @Transactional
    public Case receiveRequest(PulledCopy<AssignmentRequestView> request, PulledCopy<ReferralIntakeView> referral) {
        copies.keep(request);
        return take(referral, new Case.Request(request.owner(), request.objectId()));
    }

    /**
     * A newer version of a request a case answers — the provider told us the client turned 18 in care — keeps the
     * newest copy, and the case's followers hear that what it rests on changed.
     */
    @Transactional
    public void requestChanged(PulledCopy<AssignmentRequestView> request) {
        int heldVersion = copies.find(request.owner(), SharedObjectType.ASSIGNMENT_REQUEST, request.objectId(),
                AssignmentRequestView.class).map(PulledCopy::version).orElse(0);
        if (copies.keep(request) && request.version() > heldVersion) {
            cases.findByRequest(request.owner(), request.objectId())
                    .ifPresent(c -> save(c, c.basisChanged(), CaseChange.REQUEST_UPDATED));
        }
    }

    /**
     * The provider withdrew its request, as it answered our pull: the copy is marked, the case's followers hear of it,
     * and the case can only be closed or concluded from then on.
     */
    @Transactional
    public void requestWithdrawn(String provider, String requestId, Withdrawal withdrawal) {
        boolean alreadyWithdrawn = copies.isWithdrawn(provider, SharedObjectType.ASSIGNMENT_REQUEST, requestId);
        copies.withdraw(provider, SharedObjectType.ASSIGNMENT_REQUEST, requestId, withdrawal, now());
        if (!alreadyWithdrawn) {
            cases.findByRequest(provider, requestId)
                    .ifPresent(c -> save(c, c.basisChanged(), CaseChange.REQUEST_WITHDRAWN));
        }
    }

    private Case take(PulledCopy<ReferralIntakeView> referral, Case.Request request) {
        int heldVersion = copies.find(referral.owner(), SharedObjectType.REFERRAL, referral.objectId(), ReferralIntakeView.class)
                .map(PulledCopy::version).orElse(0);
        boolean current = copies.keep(referral);
        Optional<Case> existing = cases.findByReferral(referral.owner(), referral.objectId());
        if (existing.isPresent()) {
            if (current && referral.version() > heldVersion) {
                return save(existing.get(), existing.get().basisChanged(), CaseChange.REFERRAL_UPDATED);
            }
            return existing.get();
        }
        Instant now = now();
        Case opened = request == null ? Case.received(referral.owner(), referral.objectId(), now)
                : Case.requested(referral.owner(), referral.objectId(), request, now);
        cases.insert(opened, now);
        notifyChange(opened, CaseChange.STATUS_CHANGED, now);
        return opened;
    }

    /**
     * The GP withdrew the referral, or the citizen the consent it rests on — as the GP answered a pull, never because a
     * notification said so: the pulled copy is marked withdrawn and no longer pulled or shared, and the case's
     * followers hear of it. The case itself stays for the wijkteam to close.
     */
    @Transactional
    public void basisWithdrawn(String referralOwner, String referralId, Withdrawal withdrawal) {
        boolean alreadyWithdrawn = copies.isWithdrawn(referralOwner, SharedObjectType.REFERRAL, referralId);
        copies.withdraw(referralOwner, SharedObjectType.REFERRAL, referralId, withdrawal, now());
        Optional<Case> existing = cases.findByReferral(referralOwner, referralId);
        if (existing.isPresent() && !alreadyWithdrawn) {
            save(existing.get(), existing.get().basisChanged(), withdrawal == Withdrawal.OBJECT_WITHDRAWN
                    ? CaseChange.REFERRAL_WITHDRAWN : CaseChange.CONSENT_WITHDRAWN);
        }
    }

    /** Opgepakt: the wijkteam takes the case on, naming one of the municipality's published contact points. */
    @Transactional
    public Case pickUp(UUID caseId, UUID contactPointId) {
        if (!contactPoints.isOwn(contactPointId)) {
            throw new InvalidRequestException(List.of(new FieldProblem("contactPointId",
                    "is not a published contact point of this municipality")));
        }
        return step(caseId, c -> c.pickUp(new Case.PickUp(contactPointId, now())));
    }

    @Transactional
    public Case decide(UUID caseId, DecisionOutcome outcome, String productCategory, String reason, String generalProvision) {
        Decision decision = new Decision(outcome, productCategory, reason, generalProvision, now());
        return step(caseId, c -> {
            refuseWithoutBasis(c, "decided");
            return c.decide(decision);
        });
    }

    /** Toewijzing: the case is assigned to a provider from the participant list, who then pulls what it needs. */
    @Transactional
    public Case assign(UUID caseId, String provider) {
        requireListed("provider", provider, ParticipantRole.PROVIDER, "a provider");
        return step(caseId, c -> {
            refuseWithoutBasis(c, "assigned");
            return c.assign(new Case.Assignment(provider, now()));
        });
    }

    @Transactional
    public Case conclude(UUID caseId, String conclusion) {
        return step(caseId, c -> c.conclude(new Case.Conclusion(conclusion, now())));
    }

    /** Woonplaatsbeginsel: the citizen lives in another municipality, which the referrer is told to address. */
    @Transactional
    public Case returnTo(UUID caseId, String municipality, String reason) {
        requireListed("municipality", municipality, ParticipantRole.MUNICIPALITY, "a municipality");
        if (municipality.equals(identity.id().urn())) {
            throw new InvalidRequestException(List.of(new FieldProblem("municipality", "is this municipality itself")));
        }
        return step(caseId, c -> c.returnTo(new Case.Return(municipality, reason, now())));
    }

    @Transactional
    public Case closeWithoutDecision(UUID caseId, String reason) {
        return step(caseId, c -> c.closeWithoutDecision(new Case.Closing(reason, now())));
    }

    public boolean basisWithdrawn(Case c) {
        return copies.isWithdrawn(c.referralOwner(), SharedObjectType.REFERRAL, c.referralId())
                || c.request() != null && copies.isWithdrawn(c.request().provider(), SharedObjectType.ASSIGNMENT_REQUEST,
                c.request().requestId());
    }

    private void refuseWithoutBasis(Case c, String step) {
        if (basisWithdrawn(c)) {
            throw new IllegalTransitionException("the referral this case rests on, its consent or the provider's request "
                    + "was withdrawn; the case cannot be " + step + ", only closed or concluded");
        }
    }

    private void requireListed(String field, String id, ParticipantRole role, String what) {
        boolean listed = participants.find(id).map(Participant::role).filter(role::equals).isPresent();
        if (!listed) {
            throw new InvalidRequestException(List.of(new FieldProblem(field, "is not " + what + " in the participant list")));
        }
    }

    /**
     * A staff step, applied to the case as it is now. If the case changed between reading and writing — typically the
     * inbox passing on a corrected referral — the step is judged again on the new state rather than refused: the
     * officer's decision does not depend on the contact person's name.
     */
    private Case step(UUID caseId, UnaryOperator<Case> transition) {
        for (int attempt = 1; ; attempt++) {
            Case current = cases.find(caseId).orElseThrow(() -> new NotFoundException("no such case"));
            try {
                return save(current, transition.apply(current), CaseChange.STATUS_CHANGED);
            } catch (ConcurrentChangeException e) {
                if (attempt == STEP_ATTEMPTS) {
                    throw e;
                }
            }
        }
    }

    private Case save(Case current, Case next, CaseChange change) {
        Instant now = now();
        if (!cases.update(next, current.version(), now)) {
            throw new ConcurrentChangeException("case");
        }
        notifyChange(next, change, now);
        return next;
    }

    private void notifyChange(Case c, CaseChange change, Instant at) {
        outbox.record(new NewNotification(SharedObjectType.CASE, c.id().toString(), change.kind(), c.version(), at));
    }


    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }
}

package nl.bronsein.municipality.cases;

import java.time.Instant;
import java.util.UUID;

import nl.bronsein.runtime.web.IllegalTransitionException;
import nl.bronsein.schemas.SharedObjectType;
import nl.bronsein.schemas.view.CaseStatus;
import nl.bronsein.schemas.view.ObjectReferenceView;

/**
 * Melding: the municipality's own case about a referral. It refers to the GP's referral (owner + id) rather than
 * copying it; the pulled referral is kept apart with its provenance. Every step returns the next version or refuses;
 * the case never changes in place.
 *
 * @param contactPointId the wijkteam's published function-level contact point, once the case is picked up
 * @param assignedProvider the provider of the current assignment (toewijzing)
 * @param returnedTo the municipality where the citizen lives, when returned (woonplaatsbeginsel)
 */
public record Case(UUID id, int version, CaseStatus status, String referralOwner, String referralId, Instant receivedAt,
                   Instant pickedUpAt, UUID contactPointId, Decision decision, String assignedProvider,
                   Instant assignedAt, String conclusion, Instant concludedAt, String returnedTo, String returnReason,
                   Instant returnedAt, String closeReason, Instant closedAt) {

    public static Case received(String referralOwner, String referralId, Instant at) {
        return new Case(UUID.randomUUID(), 1, CaseStatus.RECEIVED, referralOwner, referralId, at, null, null, null, null,
                null, null, null, null, null, null, null, null);
    }

    public ObjectReferenceView referral() {
        return new ObjectReferenceView(referralOwner, SharedObjectType.REFERRAL.code(), referralId);
    }


    Case pickUp(UUID wijkteamContactPoint, Instant at) {
        check(CaseStatus.PICKED_UP, "picked up");
        return new Case(id, version + 1, CaseStatus.PICKED_UP, referralOwner, referralId, receivedAt, at,
                wijkteamContactPoint, decision, assignedProvider, assignedAt, conclusion, concludedAt, returnedTo,
                returnReason, returnedAt, closeReason, closedAt);
    }

    Case decide(Decision newDecision) {
        check(CaseStatus.DECIDED, "decided");
        return new Case(id, version + 1, CaseStatus.DECIDED, referralOwner, referralId, receivedAt, pickedUpAt,
                contactPointId, newDecision, assignedProvider, assignedAt, conclusion, concludedAt, returnedTo,
                returnReason, returnedAt, closeReason, closedAt);
    }

    Case assign(String provider, Instant at) {
        check(CaseStatus.ASSIGNED, "assigned");
        if (decision == null || !decision.granted()) {
            throw new IllegalTransitionException("only a granted case can be assigned to a provider");
        }
        if (provider.equals(assignedProvider)) {
            throw new IllegalTransitionException("the case is already assigned to " + provider);
        }
        return new Case(id, version + 1, CaseStatus.ASSIGNED, referralOwner, referralId, receivedAt, pickedUpAt,
                contactPointId, decision, provider, at, conclusion, concludedAt, returnedTo, returnReason, returnedAt,
                closeReason, closedAt);
    }

    Case conclude(String text, Instant at) {
        check(CaseStatus.CONCLUDED, "concluded");
        if (status == CaseStatus.DECIDED && decision.granted()) {
            throw new IllegalTransitionException("a granted case is assigned to a provider before it concludes");
        }
        return new Case(id, version + 1, CaseStatus.CONCLUDED, referralOwner, referralId, receivedAt, pickedUpAt,
                contactPointId, decision, assignedProvider, assignedAt, text, at, returnedTo, returnReason, returnedAt,
                closeReason, closedAt);
    }

    Case returnTo(String municipality, String reason, Instant at) {
        check(CaseStatus.RETURNED, "returned");
        return new Case(id, version + 1, CaseStatus.RETURNED, referralOwner, referralId, receivedAt, pickedUpAt,
                contactPointId, decision, assignedProvider, assignedAt, conclusion, concludedAt, municipality, reason,
                at, closeReason, closedAt);
    }

    Case closeWithoutDecision(String reason, Instant at) {
        check(CaseStatus.CLOSED_WITHOUT_DECISION, "closed without a decision");
        return new Case(id, version + 1, CaseStatus.CLOSED_WITHOUT_DECISION, referralOwner, referralId, receivedAt,
                pickedUpAt, contactPointId, decision, assignedProvider, assignedAt, conclusion, concludedAt, returnedTo,
                returnReason, returnedAt, reason, at);
    }

    /** What the case rests on changed at its source (corrected, withdrawn): a new version, same status. */
    Case basisChanged() {
        return new Case(id, version + 1, status, referralOwner, referralId, receivedAt, pickedUpAt, contactPointId,
                decision, assignedProvider, assignedAt, conclusion, concludedAt, returnedTo, returnReason, returnedAt,
                closeReason, closedAt);
    }

    private void check(CaseStatus next, String step) {
        if (!CaseLifecycle.mayBecome(status, next)) {
            throw new IllegalTransitionException("a case in status " + status + " cannot be " + step);
        }
    }
}

package nl.bronsein.municipality.cases;

import java.time.Instant;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;

import nl.bronsein.runtime.domain.IllegalTransitionException;
import nl.bronsein.schemas.SharedObjectType;
import nl.bronsein.schemas.view.CaseStatus;
import nl.bronsein.schemas.view.ObjectReferenceView;

/**
 * Melding: the municipality's own case about a referral. It refers to the GP's referral (owner + id) rather than
 * copying it; the pulled referral is kept apart with its provenance. Every step returns the next version or refuses;
 * the case never changes in place. Each step fills in its own part ({@link PickUp}, {@link Decision}, {@link
 * Assignment}, {@link Conclusion}, {@link Return}, {@link Closing}), null until it happened; a part is its own type, so
 * a step cannot write into another's place. The staff API shows the parts flat ({@code pickedUpAt}, {@code
 * assignedProvider}, {@code returnedTo}, …), as it always has: the case system's clients and the OpenAPI document rely
 * on those names.
 */
public record Case(UUID id, int version, CaseStatus status, String referralOwner, String referralId, Instant receivedAt,
                   @JsonIgnore PickUp pickUp, Decision decision, @JsonIgnore Assignment assignment,
                   @JsonIgnore Conclusion concluded, @JsonIgnore Return returned, @JsonIgnore Closing closing,
                   @JsonIgnore Request request) {

    /** A case opened on a GP's referral addressed to us: it answers no provider's request. */
    public Case(UUID id, int version, CaseStatus status, String referralOwner, String referralId, Instant receivedAt,
                PickUp pickUp, Decision decision, Assignment assignment, Conclusion concluded, Return returned,
                Closing closing) {
        this(id, version, status, referralOwner, referralId, receivedAt, pickUp, decision, assignment, concluded,
                returned, closing, null);
    }

    /**
     * Verzoek om toewijzing (Jeugdwet): the youth-care provider the GP referred the citizen to directly asked us for an
     * assignment; the case answers it, and only that provider can be assigned.
     */
    public record Request(String provider, String requestId) {

        public ObjectReferenceView reference() {
            return new ObjectReferenceView(provider, SharedObjectType.ASSIGNMENT_REQUEST.code(), requestId);
        }
    }

    /** Opgepakt: the wijkteam took the case on, naming its published function-level contact point. */
    public record PickUp(UUID contactPointId, Instant at) {
    }

    /** Toewijzing: the provider of the current assignment. */
    public record Assignment(String provider, Instant at) {
    }

    public record Conclusion(String text, Instant at) {
    }

    /** Returned to the municipality where the citizen lives (woonplaatsbeginsel). */
    public record Return(String municipality, String reason, Instant at) {
    }

    /** Closed without a decision, e.g. after the referral or the consent was withdrawn. */
    public record Closing(String reason, Instant at) {
    }

    public static Case received(String referralOwner, String referralId, Instant at) {
        return new Case(UUID.randomUUID(), 1, CaseStatus.RECEIVED, referralOwner, referralId, at, null, null, null, null,
                null, null, null);
    }

    /** A case on a provider's request for an assignment of youth care, resting on the GP's referral it names. */
    public static Case requested(String referralOwner, String referralId, Request request, Instant at) {
        return new Case(UUID.randomUUID(), 1, CaseStatus.RECEIVED, referralOwner, referralId, at, null, null, null, null,
                null, null, request);
    }

    public ObjectReferenceView referral() {
        return new ObjectReferenceView(referralOwner, SharedObjectType.REFERRAL.code(), referralId);
    }

    Case pickUp(PickUp pickUp) {
        check(CaseStatus.PICKED_UP, "picked up");
        return next(CaseStatus.PICKED_UP).pickUp(pickUp).build();
    }

    Case decide(Decision decision) {
        check(CaseStatus.DECIDED, "decided");
        return next(CaseStatus.DECIDED).decision(decision).build();
    }

    Case assign(Assignment next) {
        check(CaseStatus.ASSIGNED, "assigned");
        if (decision == null || !decision.granted()) {
            throw new IllegalTransitionException("only a granted case can be assigned to a provider");
        }
        if (request != null && !request.provider().equals(next.provider())) {
            throw new IllegalTransitionException("the case answers " + request.provider()
                    + "'s request for an assignment; only that provider can be assigned");
        }
        if (next.provider().equals(assignedProvider())) {
            throw new IllegalTransitionException("the case is already assigned to " + next.provider());
        }
        return next(CaseStatus.ASSIGNED).assignment(next).build();
    }

    Case conclude(Conclusion conclusion) {
        check(CaseStatus.CONCLUDED, "concluded");
        if (status == CaseStatus.DECIDED && decision.granted()) {
            throw new IllegalTransitionException("a granted case is assigned to a provider before it concludes");
        }
        return next(CaseStatus.CONCLUDED).concluded(conclusion).build();
    }

    Case returnTo(Return returnTo) {
        check(CaseStatus.RETURNED, "returned");
        return next(CaseStatus.RETURNED).returned(returnTo).build();
    }

    Case closeWithoutDecision(Closing closing) {
        check(CaseStatus.CLOSED_WITHOUT_DECISION, "closed without a decision");
        return next(CaseStatus.CLOSED_WITHOUT_DECISION).closing(closing).build();
    }

    /** What the case rests on changed at its source (corrected, withdrawn): a new version, same status. */
    Case basisChanged() {
        return next(status).build();
    }

    @JsonProperty("pickedUpAt")
    public Instant pickedUpAt() {
        return pickUp == null ? null : pickUp.at();
    }

    /** The wijkteam's published function-level contact point, once the case is picked up. */
    @JsonProperty("contactPointId")
    public UUID contactPointId() {
        return pickUp == null ? null : pickUp.contactPointId();
    }

    /** The provider of the current assignment (toewijzing). */
    @JsonProperty("assignedProvider")
    public String assignedProvider() {
        return assignment == null ? null : assignment.provider();
    }

    @JsonProperty("assignedAt")
    public Instant assignedAt() {
        return assignment == null ? null : assignment.at();
    }

    @JsonProperty("conclusion")
    public String conclusion() {
        return concluded == null ? null : concluded.text();
    }

    @JsonProperty("concludedAt")
    public Instant concludedAt() {
        return concluded == null ? null : concluded.at();
    }

    /** The municipality where the citizen lives, when returned (woonplaatsbeginsel). */
    @JsonProperty("returnedTo")
    public String returnedTo() {
        return returned == null ? null : returned.municipality();
    }

    @JsonProperty("returnReason")
    public String returnReason() {
        return returned == null ? null : returned.reason();
    }

    @JsonProperty("returnedAt")
    public Instant returnedAt() {
        return returned == null ? null : returned.at();
    }

    @JsonProperty("closeReason")
    public String closeReason() {
        return closing == null ? null : closing.reason();
    }

    /** The youth-care provider whose request for an assignment the case answers; null for a referral addressed to us. */
    @JsonProperty("requestedBy")
    public String requestedBy() {
        return request == null ? null : request.provider();
    }

    @JsonProperty("requestId")
    public String requestId() {
        return request == null ? null : request.requestId();
    }

    @JsonProperty("closedAt")
    public Instant closedAt() {
        return closing == null ? null : closing.at();
    }

    private void check(CaseStatus next, String step) {
        if (!CaseLifecycle.mayBecome(status, next)) {
            throw new IllegalTransitionException("a case in status " + status + " cannot be " + step);
        }
    }

    /** The next version in status {@code to}: every part as it is, until a step sets its own. */
    private Next next(CaseStatus to) {
        return new Next(this, to);
    }

    /** Confined to one step: a case's parts are only ever set by name, never by position. */
    private static final class Next {

        private final Case from;
        private final CaseStatus status;
        private PickUp pickUp;
        private Decision decision;
        private Assignment assignment;
        private Conclusion concluded;
        private Return returned;
        private Closing closing;

        Next(Case from, CaseStatus status) {
            this.from = from;
            this.status = status;
            this.pickUp = from.pickUp;
            this.decision = from.decision;
            this.assignment = from.assignment;
            this.concluded = from.concluded;
            this.returned = from.returned;
            this.closing = from.closing;
        }

        Next pickUp(PickUp value) {
            pickUp = value;
            return this;
        }

        Next decision(Decision value) {
            decision = value;
            return this;
        }

        Next assignment(Assignment value) {
            assignment = value;
            return this;
        }

        Next concluded(Conclusion value) {
            concluded = value;
            return this;
        }

        Next returned(Return value) {
            returned = value;
            return this;
        }

        Next closing(Closing value) {
            closing = value;
            return this;
        }

        Case build() {
            return new Case(from.id, from.version + 1, status, from.referralOwner, from.referralId, from.receivedAt,
                    pickUp, decision, assignment, concluded, returned, closing, from.request);
        }
    }
}

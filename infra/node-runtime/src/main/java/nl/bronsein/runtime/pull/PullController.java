package nl.bronsein.runtime.pull;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import nl.bronsein.runtime.domain.ObjectIds;
import nl.bronsein.runtime.audit.AuditOutcome;
import nl.bronsein.runtime.audit.AuditTrail;
import nl.bronsein.runtime.audit.Processing;
import nl.bronsein.runtime.trust.NodeIdentity;
import nl.bronsein.schemas.view.ProcessingRecordsView;
import nl.bronsein.runtime.metrics.RuntimeMetrics;
import nl.bronsein.runtime.trust.NetworkCaller;
import nl.bronsein.runtime.trust.Participant;
import nl.bronsein.runtime.web.DoorAudit;
import nl.bronsein.runtime.domain.FieldProblem;
import nl.bronsein.runtime.domain.InvalidRequestException;
import nl.bronsein.schemas.view.AnswerView;
import nl.bronsein.schemas.view.AssignmentView;
import nl.bronsein.schemas.view.CaseAssignmentView;
import nl.bronsein.schemas.view.CatalogueServiceView;
import nl.bronsein.schemas.view.CaseCareDeliveryView;
import nl.bronsein.schemas.view.CaseFeedbackView;
import nl.bronsein.schemas.view.InvolvementView;
import nl.bronsein.schemas.view.PublishedContactPointView;
import nl.bronsein.schemas.view.QuestionView;
import nl.bronsein.schemas.view.ReferralCareDeliveryView;
import nl.bronsein.schemas.view.ReferralIntakeView;

/**
 * The pull API on the network port: {@code GET /network/v1/objects/{type}/{id}?purpose=…}. The caller is the
 * participant its client certificate identifies; the policy decides; every attempt is one audit row, written before
 * anything is served. An object id is taken in its one spelling only ({@link ObjectIds}): another is refused 400, so the
 * owner finds every pull of an object under that object.
 */
@Tag(name = "Pull", description = "The authorised pull of a shared object: the view of it the owner's policy gives "
        + "the calling participant for the stated purpose.")
@RestController
class PullController {

    /** The problem property that states a withdrawal at the source: OBJECT_WITHDRAWN or CONSENT_WITHDRAWN. */
    static final String WITHDRAWAL = "withdrawal";
    /**
     * The request header in which a caller presents the object its access rests on at another owner, as that owner's
     * pull URL (see {@link SharedObjectSource#admit}). A header, not a query parameter: it names another owner's object,
     * and URLs end up in logs.
     */
    public static final String BASIS = "Bronsein-Basis";

    private final Map<String, SharedObjectSource> sources;
    private final PullPolicy policy;
    private final DoorAudit audit;
    private final RuntimeMetrics metrics;
    private final Set<String> purposes;
    private final AuditTrail log;
    private final NodeIdentity identity;

    public PullController(List<SharedObjectSource> sources, PullPolicy policy, DoorAudit audit, RuntimeMetrics metrics,
                          AuditTrail log, NodeIdentity identity) {
        this.log = log;
        this.identity = identity;
        this.sources = sources.stream().collect(java.util.stream.Collectors.toMap(s -> s.objectType().code(), s -> s));
        this.policy = policy;
        this.audit = audit;
        this.metrics = metrics;
        this.purposes = policy.rules().stream().map(PullRule::purpose).collect(java.util.stream.Collectors.toSet());
    }

    @Operation(summary = "Pull a shared object for a purpose", description = "The object a notification's dataref "
            + "points to, as the view the owner's pull policy gives the caller for the purpose: intake → "
            + "ReferralIntakeView (referral), referral-feedback → CaseFeedbackView (case) or AssignmentView "
            + "(assignment), care-delivery → CaseCareDeliveryView (case) or ReferralCareDeliveryView (referral, to the "
            + "provider the case was assigned to), assignment-verification → CaseAssignmentView (case, to its referrer), "
            + "assignment-follow-up → AssignmentView (assignment), targeted-question → QuestionView (question, to the GP "
            + "practice whose referral it is about) or AnswerView (answer, to the municipality that asked), "
            + "care-coordination → InvolvementView (involvement, to the GP practice it names), "
            + "contact-points → PublishedContactPointView (contact-point), catalogue → CatalogueServiceView (service), "
            + "citizen-insight → ProcessingRecordsView (any object type, to a participant it involves: who accessed "
            + "the object here, from the owner's processing log). "
            + "Only to a participant involved in the object, for a purpose its role and involvement may use and the "
            + "citizen's consent covers; every attempt is audited at the owner.")
    // anyOf, not oneOf: the views share objectId, version and owner and a body need not name its view, so a body can
    // match more than one of them; the purpose says which it is
    @ApiResponse(responseCode = "200", description = "The view for the purpose", content = @Content(
            mediaType = MediaType.APPLICATION_JSON_VALUE, schema = @Schema(anyOf = {ReferralIntakeView.class,
            ReferralCareDeliveryView.class, CaseFeedbackView.class, CaseCareDeliveryView.class, CaseAssignmentView.class,
            AssignmentView.class, QuestionView.class, AnswerView.class, InvolvementView.class,
            PublishedContactPointView.class, CatalogueServiceView.class, ProcessingRecordsView.class})))
    // the pull policy refuses, besides roles: the generic conventions cannot see that
    @ApiResponse(responseCode = "403", ref = "Forbidden")
    @GetMapping(path = "/network/v1/objects/{objectType}/{objectId}", produces = MediaType.APPLICATION_JSON_VALUE)
    public ResponseEntity<Object> pull(
            @Parameter(description = "the object type, as in the notification: referral, case, assignment, question, answer, "
                    + "involvement, contact-point, service")
            @PathVariable String objectType,
            @Parameter(description = "the object's id (the notification's subject), as sent: a UUID in lower case; any "
                    + "other spelling is refused 400") @PathVariable String objectId,
            // Optional to Spring so that a pull without one is refused by the policy, audited, like any other refusal
            @Parameter(required = true, description = "why the caller pulls (doelbinding), e.g. intake; a pull "
                    + "without one is refused 403", example = "intake")
            @RequestParam(required = false) String purpose,
            @Parameter(description = "the object the caller's access rests on at another owner, as that owner's pull URL: "
                    + "the provider presents the case assigned to it when it asks the GP for the referral the case rests "
                    + "on, and the GP checks the assignment there (503 while it cannot)")
            @RequestHeader(name = BASIS, required = false) String basisHeader, HttpServletRequest request) {
        Participant caller = NetworkCaller.of(request);
        Optional<UUID> id = ObjectIds.parse(objectId);
        if (id.isEmpty()) {
            audit.record(request, HttpStatus.BAD_REQUEST.value(), purpose, AuditOutcome.MALFORMED_REQUEST,
                    "object id not in its one spelling");
            countServed(objectType, purpose, AuditOutcome.MALFORMED_REQUEST);
            throw new InvalidRequestException(List.of(new FieldProblem("objectId",
                    "must be an object id as the notification gave it: a UUID of 36 characters in lower case")));
        }
        SharedObjectSource source = sources.get(objectType);
        Optional<URI> basis = basis(basisHeader, request, purpose, objectType);
        if (source != null) {
            try {
                source.admit(id.get(), caller, basis);
            } catch (PullUnavailableException e) {
                audit.record(request, HttpStatus.SERVICE_UNAVAILABLE.value(), purpose, AuditOutcome.FAILED,
                        "the basis could not be checked at its owner");
                countServed(objectType, purpose, AuditOutcome.FAILED);
                ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE,
                        "what the pull rests on could not be checked at its owner now; try again later");
                problem.setTitle("Service unavailable");
                return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).header("Retry-After", "5")
                        .contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
            }
        }
        Optional<SharedObject> object = source == null ? Optional.empty() : id.flatMap(source::find);
        PullDecision decision = policy.decide(caller, objectType, object, purpose);
        if (decision instanceof PullDecision.Refused refused) {
            audit.record(request, refused.status().value(), purpose, refused.outcome(), refused.reason(),
                    object.flatMap(SharedObject::dataSubject));
            countServed(objectType, purpose, refused.outcome());
            ProblemDetail problem = ProblemDetail.forStatusAndDetail(refused.status(), refused.reason());
            problem.setTitle(refused.status() == HttpStatus.NOT_FOUND ? "Not found" : "Pull refused");
            if (refused.withdrawal() != null) {
                // what a holder takes as the withdrawal confirmed: a notification alone never withdraws anything
                problem.setProperty(WITHDRAWAL, refused.withdrawal().name());
            }
            return ResponseEntity.status(refused.status()).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
        }
        String view = ((PullDecision.Allowed) decision).view();
        Object body = ProcessingRecordsView.VIEW.equals(view) ? accesses(objectType, objectId)
                : object.get().view(view, caller);
        // written before the body leaves: a pull whose record cannot be written is answered 500 and serves nothing
        audit.record(request, HttpStatus.OK.value(), purpose, AuditOutcome.ALLOWED, "view " + view,
                object.get().dataSubject());
        countServed(objectType, purpose, AuditOutcome.ALLOWED);
        return ResponseEntity.ok().header("Cache-Control", "no-store").body(body);
    }

    /**
     * The owner's log of who accessed the object, read before this pull is recorded. A read by the owner's own staff is
     * named as the owner: who at an organisation read the data is that organisation's to answer for.
     */
    private ProcessingRecordsView accesses(String objectType, String objectId) {
        String owner = identity.id().urn();
        return new ProcessingRecordsView(objectId, owner, objectType, log.accessesTo(objectType, objectId).stream()
                .map(r -> new ProcessingRecordsView.Access(r.at(), r.name().equals(Processing.STAFF_READ) ? owner
                        : r.caller(), r.name(), r.name().equals(Processing.STAFF_READ) ? null : r.purpose(),
                        r.outcome().name()))
                .toList());
    }

    /** The basis the caller presents, if any; one that is not an absolute https URL is refused 400, audited. */
    private Optional<URI> basis(String header, HttpServletRequest request, String purpose, String objectType) {
        if (header == null) {
            return Optional.empty();
        }
        try {
            URI uri = new URI(header);
            if ("https".equals(uri.getScheme()) && uri.getHost() != null && uri.getRawQuery() == null
                    && uri.getRawFragment() == null && header.length() <= 500) {
                return Optional.of(uri);
            }
        } catch (URISyntaxException e) {
            // refused below
        }
        audit.record(request, HttpStatus.BAD_REQUEST.value(), purpose, AuditOutcome.MALFORMED_REQUEST,
                "basis not an owner's pull URL");
        countServed(objectType, purpose, AuditOutcome.MALFORMED_REQUEST);
        throw new InvalidRequestException(List.of(new FieldProblem(BASIS,
                "must be the pull URL of the object the pull rests on, at its owner's node (https, no query)")));
    }

    /** Tags only from what this node knows — a caller's made-up type or purpose must not create meters. */
    private void countServed(String objectType, String purpose, AuditOutcome outcome) {
        metrics.pullServed(sources.containsKey(objectType) ? objectType : "unknown",
                purpose == null || purpose.isBlank() ? "none" : purposes.contains(purpose) ? purpose : "other",
                outcome.name());
    }
}

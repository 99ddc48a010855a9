package nl.bronsein.gp.referral;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import nl.bronsein.gp.feedback.Feedback;
import nl.bronsein.gp.feedback.ReferralTimeline;
import nl.bronsein.runtime.idempotency.Idempotent;
import nl.bronsein.runtime.staff.StaffAudit;
import nl.bronsein.runtime.domain.NotFoundException;

/**
 * The practice's referral API, for its HIS: record a referral, correct it, change the client's contact person,
 * withdraw it or the citizen's consent, and follow its timeline.
 */
@Tag(name = "Referrals", description = "The practice's referrals: record, correct, withdraw, and follow what "
        + "happens to each as a timeline.")
@RestController
@RequestMapping("/api/v1/referrals")
public class ReferralController {

    private final ReferralService service;
    private final ReferralRepository referrals;
    private final Feedback feedback;
    private final StaffAudit audit;

    public ReferralController(ReferralService service, ReferralRepository referrals, Feedback feedback, StaffAudit audit) {
        this.audit = audit;
        this.service = service;
        this.referrals = referrals;
        this.feedback = feedback;
    }

    /** A referral in the practice's list: the practice's own facts and what it has learned of the progress. */
    public record ReferralSummary(UUID id, int version, String status, Instant recordedAt, String addressee,
                                  String urgency, String requestedSupport, String consentStatus,
                                  ReferralTimeline timeline) {
    }

    /** One referral in full, for the practice itself. */
    public record ReferralDetail(UUID id, int version, String status, Instant recordedAt, Instant withdrawnAt,
                                 ReferralDraft referral, UUID consentRecord, String consentStatus,
                                 Instant consentWithdrawnAt, ReferralTimeline timeline) {
    }

    @Operation(summary = "Record a referral", description = "A referral of a citizen, with the consent it rests on, to a municipality or a provider; the addressee is notified and pulls it for intake.")
    @ResponseStatus(HttpStatus.CREATED)
    @PreAuthorize("hasAnyRole('GP', 'PRACTICE_ASSISTANT')")
    @Idempotent
    @PostMapping
    public ResponseEntity<ReferralDetail> record(@Validated @RequestBody ReferralDraft draft) {
        Referral referral = service.record(draft);
        return ResponseEntity.created(URI.create("/api/v1/referrals/" + referral.id())).body(detail(referral));
    }

    @Operation(summary = "List the practice's referrals", description = "Each with its status and the timeline of what happened to it.")
    @PreAuthorize("hasAnyRole('GP', 'PRACTICE_ASSISTANT')")
    @GetMapping
    public List<ReferralSummary> list() {
        return referrals.findAll().stream().map(r -> new ReferralSummary(r.id(), r.version(), r.status().name(),
                r.recordedAt(), r.addressee(), r.content().urgency().name(), r.content().requestedSupport(),
                r.consent().status().name(), feedback.timelineOf(r.id()))).toList();
    }

    @Operation(summary = "Get a referral in full", description = "The staff member's read is audited.")
    @PreAuthorize("hasAnyRole('GP', 'PRACTICE_ASSISTANT')")
    @GetMapping("/{id}")
    public ReferralDetail get(@PathVariable UUID id) {
        Referral referral = find(id);
        audit.read("referral", id.toString());
        return detail(referral);
    }

    /** The six things GPs ask for, each with when it happened and where it came from. */
    @Operation(summary = "Follow a referral", description = "Its timeline: arrived, picked up, decided, assigned to a provider, care started, concluded — each with its time and the object it came from.")
    @PreAuthorize("hasAnyRole('GP', 'PRACTICE_ASSISTANT')")
    @GetMapping("/{id}/timeline")
    public ReferralTimeline timeline(@PathVariable UUID id) {
        return feedback.timelineOf(find(id).id());
    }

    /** Correctierecht: the practice corrects its referral; holders of a copy are notified and pull it again. */
    @Operation(summary = "Correct a referral", description = "Every holder of a copy is notified and pulls it again.")
    @PreAuthorize("hasRole('GP')")
    @PutMapping("/{id}")
    public ReferralDetail correct(@PathVariable UUID id, @Validated @RequestBody ReferralCorrection correction) {
        return detail(service.correct(id, correction));
    }

    @Operation(summary = "Change the client's contact person", description = "E.g. the informal carer; every holder of a copy is notified.")
    @PreAuthorize("hasAnyRole('GP', 'PRACTICE_ASSISTANT')")
    @PutMapping("/{id}/contact-person")
    public ReferralDetail changeContactPerson(@PathVariable UUID id,
                                              @Validated @RequestBody ReferralDraft.ContactPerson contactPerson) {
        return detail(service.changeContactPerson(id, contactPerson));
    }

    @Operation(summary = "Withdraw a referral", description = "From then on no node shares it; every node shows it withdrawn.")
    @PreAuthorize("hasRole('GP')")
    @PostMapping("/{id}/withdraw")
    public ReferralDetail withdraw(@PathVariable UUID id) {
        return detail(service.withdraw(id));
    }

    /** The citizen withdrew consent (recorded here, at the source): nothing of the referral is shared from now on. */
    @Operation(summary = "Record that the citizen withdrew consent", description = "Nothing of the referral is shared from then on.")
    @PreAuthorize("hasAnyRole('GP', 'PRACTICE_ASSISTANT')")
    @PostMapping("/{id}/consent/withdraw")
    public ReferralDetail withdrawConsent(@PathVariable UUID id) {
        return detail(service.withdrawConsent(id));
    }

    private Referral find(UUID id) {
        return referrals.find(id).orElseThrow(() -> new NotFoundException("no such referral"));
    }

    private ReferralDetail detail(Referral r) {
        return new ReferralDetail(r.id(), r.version(), r.status().name(), r.recordedAt(), r.withdrawnAt(), r.content(),
                r.consent().id(), r.consent().status().name(), r.consent().withdrawnAt(), feedback.timelineOf(r.id()));
    }
}

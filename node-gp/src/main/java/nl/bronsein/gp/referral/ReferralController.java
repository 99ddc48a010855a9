package nl.bronsein.gp.referral;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.springframework.http.ResponseEntity;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import nl.bronsein.gp.feedback.FeedbackRepository;
import nl.bronsein.gp.feedback.ReferralProgress;
import nl.bronsein.runtime.web.NotFoundException;

/** The practice's referral API, for its HIS: record a referral, list referrals with their progress. */
@RestController
@RequestMapping("/api/v1/referrals")
public class ReferralController {

    private final ReferralService service;
    private final ReferralRepository referrals;
    private final FeedbackRepository feedback;

    public ReferralController(ReferralService service, ReferralRepository referrals, FeedbackRepository feedback) {
        this.service = service;
        this.referrals = referrals;
        this.feedback = feedback;
    }

    /** A referral in the practice's list: the practice's own facts and what it has learned of the progress. */
    public record ReferralSummary(UUID id, int version, String status, Instant recordedAt, String addressee,
                                  String urgency, String requestedSupport, ReferralProgress progress) {
    }

    /** One referral in full, for the practice itself. */
    public record ReferralDetail(UUID id, int version, String status, Instant recordedAt, ReferralDraft referral,
                                 UUID consentRecord, String consentStatus, ReferralProgress progress) {
    }

    @PostMapping
    public ResponseEntity<ReferralDetail> record(@Validated @RequestBody ReferralDraft draft) {
        Referral referral = service.record(draft);
        return ResponseEntity.created(URI.create("/api/v1/referrals/" + referral.id())).body(detail(referral));
    }

    @GetMapping
    public List<ReferralSummary> list() {
        return referrals.findAll().stream().map(r -> new ReferralSummary(r.id(), r.version(), r.status().name(),
                r.recordedAt(), r.addressee(), r.content().urgency().name(), r.content().requestedSupport(),
                feedback.progressOf(r.id()).orElse(null))).toList();
    }

    @GetMapping("/{id}")
    public ReferralDetail get(@PathVariable UUID id) {
        return detail(referrals.find(id).orElseThrow(() -> new NotFoundException("no such referral")));
    }

    private ReferralDetail detail(Referral r) {
        return new ReferralDetail(r.id(), r.version(), r.status().name(), r.recordedAt(), r.content(),
                r.consent().id(), r.consent().status().name(), feedback.progressOf(r.id()).orElse(null));
    }
}

package nl.bronsein.benchmark.peer;

import java.net.URI;
import java.time.Instant;
import java.util.UUID;

import org.springframework.http.ResponseEntity;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import nl.bronsein.gp.referral.Referral;
import nl.bronsein.gp.referral.ReferralDraft;

/**
 * {@code POST /api/v1/referrals}, as on the GP's staff API: the same draft, validated the same way (a refusal is the
 * GP's problem+json, naming each field), answered 201 with the referral's {@code Location} once it is committed.
 */
@RestController
@RequestMapping("/api/v1/referrals")
class PeerReferralController {

    /** The answer: the referral as recorded, as the GP answers its detail (without the GP's timeline). */
    record Recorded(UUID id, int version, String status, Instant recordedAt, ReferralDraft referral) {
    }

    private final PeerReferralService service;

    PeerReferralController(PeerReferralService service) {
        this.service = service;
    }

    @PostMapping
    ResponseEntity<Recorded> record(@Validated @RequestBody ReferralDraft draft) {
        Referral referral = service.record(draft);
        return ResponseEntity.created(URI.create("/api/v1/referrals/" + referral.id())).body(new Recorded(referral.id(),
                referral.version(), referral.status().name(), referral.recordedAt(), referral.content()));
    }
}

package nl.bronsein.benchmark.peer;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import nl.bronsein.gp.consent.ConsentRecord;
import nl.bronsein.gp.consent.ConsentRepository;
import nl.bronsein.gp.referral.Referral;
import nl.bronsein.gp.referral.ReferralDraft;
import nl.bronsein.gp.referral.ReferralRepository;
import nl.bronsein.schemas.view.ConsentStatus;
import nl.bronsein.schemas.view.ReferralStatus;

/**
 * Records a referral as the GP's {@code ReferralService} does — its consent record (with who gave it) and the referral
 * row, through the GP's repositories — and publishes {@link ReferralRecorded} in the same transaction: Spring Modulith
 * stores the publication with them, so the three commit together or not at all.
 */
@Service
class PeerReferralService {

    private final ConsentRepository consents;
    private final ReferralRepository referrals;
    private final ApplicationEventPublisher events;

    PeerReferralService(ConsentRepository consents, ReferralRepository referrals, ApplicationEventPublisher events) {
        this.consents = consents;
        this.referrals = referrals;
        this.events = events;
    }

    @Transactional
    public Referral record(ReferralDraft draft) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        ReferralDraft.Consent given = draft.consent();
        ConsentRecord consent = new ConsentRecord(UUID.randomUUID(), given.givenAt(), given.form(),
                given.documentReference(), given.purposes().stream().distinct().toList(), given.givenBy(),
                ConsentStatus.GIVEN, null);
        Referral referral = new Referral(UUID.randomUUID(), 1, ReferralStatus.RECORDED, now, draft, consent, null);
        consents.insert(consent, now);
        referrals.insert(referral);
        events.publishEvent(new ReferralRecorded(referral.id().toString(), referral.version()));
        return referral;
    }
}

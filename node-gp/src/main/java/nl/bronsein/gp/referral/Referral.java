package nl.bronsein.gp.referral;

import java.time.Instant;
import java.util.UUID;

import nl.bronsein.gp.consent.ConsentRecord;

/**
 * Verwijzing: the practice's referral of a citizen to a municipality, at its source. The id is random, never derived
 * from the BSN, because it travels in notifications.
 */
public record Referral(UUID id, int version, ReferralStatus status, Instant recordedAt, ReferralDraft content,
                       ConsentRecord consent) {

    public String addressee() {
        return content.addressee();
    }
}

package nl.bronsein.municipality.intake;

import java.time.Instant;

import nl.bronsein.schemas.view.ReferralIntakeView;

/**
 * The GP's referral as this municipality pulled it: not ours, so kept with where it came from (owner, id, version),
 * when and for which purpose — the municipality's record of its legal basis for holding it.
 */
public record PulledReferral(String owner, String referralId, int version, String purpose, Instant pulledAt,
                             ReferralIntakeView content) {

    public boolean consentCovers(String purpose) {
        return content.consent() != null && "GIVEN".equals(content.consent().status())
                && content.consent().purposes() != null && content.consent().purposes().contains(purpose);
    }
}

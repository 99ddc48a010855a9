package nl.bronsein.gp.referral;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/**
 * A corrected referral (rectification at the source): the referral's own facts, with the same rules as when recorded.
 * The addressee cannot change (refer anew), nor the consent or the contact person (each has its own change).
 */
public record ReferralCorrection(
        @NotNull @Valid ReferralDraft.Citizen citizen,
        @NotBlank @Size(max = 500) String requestedSupport,
        @NotBlank @Size(max = 2000) String problemAnalysis,
        @NotNull Urgency urgency,
        @NotNull @Valid ReferralDraft.ContactPoint contactPoint) {
}

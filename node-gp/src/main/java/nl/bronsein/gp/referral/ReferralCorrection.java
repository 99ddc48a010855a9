package nl.bronsein.gp.referral;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/**
 * A corrected referral (rectification at the source): the referral's own facts, with the same rules as when recorded.
 * The addressee cannot change (refer anew), nor the consent or the contact person (each has its own change).
 *
 * @param catalogueService another service of the addressee's catalogue, checked as when recorded; absent keeps the
 *                         service the referral names, since clients from before the catalogue send none and a
 *                         correction of a name must not silently drop the service the GP chose
 */
public record ReferralCorrection(
        @NotNull @Valid ReferralDraft.Citizen citizen,
        @NotBlank @Size(max = 500) String requestedSupport,
        @NotBlank @Size(max = 2000) String problemAnalysis,
        @NotNull Urgency urgency,
        @NotNull @Valid ReferralDraft.ContactPoint contactPoint,
        @Valid ReferralDraft.CatalogueServiceReference catalogueService) {

    /** A correction that keeps the service the referral names, if any. */
    public ReferralCorrection(ReferralDraft.Citizen citizen, String requestedSupport, String problemAnalysis,
                              Urgency urgency, ReferralDraft.ContactPoint contactPoint) {
        this(citizen, requestedSupport, problemAnalysis, urgency, contactPoint, null);
    }
}

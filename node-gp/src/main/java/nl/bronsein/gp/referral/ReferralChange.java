package nl.bronsein.gp.referral;

import java.util.Locale;

/**
 * What happened to a referral, as its notifications name it in their CloudEvents type
 * ({@code nl.bronsein.referral.<kind>.v2}). The kind is all a notification says: what the referral now holds is pulled.
 */
enum ReferralChange {
    RECORDED, CORRECTED, WITHDRAWN, CONSENT_WITHDRAWN, CONTACT_PERSON_CHANGED;

    /** The kind as it travels, e.g. {@code consent-withdrawn}. */
    String kind() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}

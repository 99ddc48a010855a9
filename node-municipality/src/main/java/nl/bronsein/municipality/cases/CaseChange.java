package nl.bronsein.municipality.cases;

import java.util.Locale;

/**
 * What happened to a case, as its notifications name it in their CloudEvents type ({@code nl.bronsein.case.<kind>.v2}).
 * STATUS_CHANGED: the case moved on (to what, the recipient pulls). REFERRAL_UPDATED: the referral it rests on was
 * corrected at its source. REFERRAL_WITHDRAWN / CONSENT_WITHDRAWN: the referral or the citizen's consent it rests on
 * was withdrawn; a holder stops pulling for it once the pull confirms. REQUEST_UPDATED: the youth-care provider's
 * request the case answers changed at its source (corrected, the client turned 18 in care); REQUEST_WITHDRAWN: the
 * provider withdrew it.
 */
enum CaseChange {
    STATUS_CHANGED, REFERRAL_UPDATED, REFERRAL_WITHDRAWN, CONSENT_WITHDRAWN, REQUEST_UPDATED, REQUEST_WITHDRAWN;

    /** The kind as it travels, e.g. {@code referral-withdrawn}. */
    String kind() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}

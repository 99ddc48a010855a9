package nl.bronsein.municipality.involvement;

import java.util.Locale;

/**
 * What happened to an involvement, as its notifications name it in their CloudEvents type ({@code
 * nl.bronsein.involvement.<kind>.v2}). CONSENT_WITHDRAWN travels as {@code consent-withdrawn}, the kind every holder
 * reads as a claimed withdrawal ({@code Withdrawal.announcedBy}) and confirms by pulling.
 */
enum InvolvementChange {
    STARTED, CORRECTED, ENDED, CONSENT_WITHDRAWN;

    String kind() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}

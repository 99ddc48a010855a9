package nl.bronsein.runtime.pull;

import java.util.Optional;

import nl.bronsein.runtime.api.NodeApi;

/** Why a pulled copy no longer counts: the owner withdrew the object, or the citizen the consent it was shared on. */
@NodeApi
public enum Withdrawal {
    /** The owner withdrew the object itself (e.g. the GP withdrew the referral). */
    OBJECT_WITHDRAWN,
    /** The citizen withdrew the consent the object was shared on. */
    CONSENT_WITHDRAWN;

    /**
     * The withdrawal a notification's kind of change claims, if any: {@code withdrawn} (a referral withdrawn at its
     * GP), {@code referral-withdrawn} (a case passing that on) or {@code consent-withdrawn}. Only a claim: the
     * owner's answer on the pull must confirm it.
     */
    public static Optional<Withdrawal> announcedBy(String change) {
        return switch (change == null ? "" : change) {
            case "withdrawn", "referral-withdrawn" -> Optional.of(OBJECT_WITHDRAWN);
            case "consent-withdrawn" -> Optional.of(CONSENT_WITHDRAWN);
            default -> Optional.empty();
        };
    }
}

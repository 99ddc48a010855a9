package nl.bronsein.schemas.view;

/**
 * The GP's own facts about its referral: RECORDED → (CORRECTED)* → WITHDRAWN. What the addressee does with it lives in
 * the addressee's registration. A changed contact person is a new version without a new status.
 */
public enum ReferralStatus {
    RECORDED,
    CORRECTED,
    WITHDRAWN
}

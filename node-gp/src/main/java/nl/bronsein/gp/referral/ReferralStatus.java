package nl.bronsein.gp.referral;

/** The GP's own facts about its referral; what the addressee does with it lives in the addressee's registration. */
public enum ReferralStatus {
    RECORDED
}

package nl.bronsein.gp.referral;

/** How soon the addressee should act, down to a crisis that needs a response within 24 hours. */
public enum Urgency {
    REGULAR,
    URGENT,
    CRISIS_WITHIN_24_HOURS
}

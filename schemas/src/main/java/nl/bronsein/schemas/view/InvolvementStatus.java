package nl.bronsein.schemas.view;

/**
 * Where a municipality's involvement (betrokkenheid) with a citizen stands: the one vocabulary for the municipality's
 * own registration and for the GP practice that reads it. ACTIVE → ENDED; whether the citizen's consent still stands
 * is the consent's own status ({@link ConsentStatus}), not a step of the involvement. A constant is added only at the
 * end; a reader on an older release reads a status it does not know as {@code null}, never as another status.
 */
public enum InvolvementStatus {
    ACTIVE,
    ENDED
}

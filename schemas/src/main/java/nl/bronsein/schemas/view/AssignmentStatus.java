package nl.bronsein.schemas.view;

/**
 * Where a provider's assignment (toewijzing → zorg) stands: the one vocabulary of its status, for the provider's own
 * registration and for the municipality and GP that read its views. Offered, then accepted or declined, then care
 * started and ended; which step may follow which is the provider's business. A constant is added only at the end; a
 * reader on an older release reads a status it does not know as {@code null}.
 */
public enum AssignmentStatus {
    OFFERED,
    ACCEPTED,
    DECLINED,
    CARE_STARTED,
    CARE_ENDED
}

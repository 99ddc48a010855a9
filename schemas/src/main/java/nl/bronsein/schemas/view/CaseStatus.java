package nl.bronsein.schemas.view;

/**
 * Where a municipality's case (melding) stands: the one vocabulary of the case's status, for the municipality's own
 * registration and for everyone who reads its views. RECEIVED → PICKED_UP → DECIDED → ASSIGNED → CONCLUDED, or
 * RETURNED (woonplaatsbeginsel) or CLOSED_WITHOUT_DECISION before a decision; which step may follow which is the
 * municipality's business. A constant is added only at the end; a reader on an older release reads a status it does
 * not know as {@code null} (the views say so per field), never as another status.
 */
public enum CaseStatus {
    RECEIVED,
    PICKED_UP,
    DECIDED,
    ASSIGNED,
    CONCLUDED,
    RETURNED,
    CLOSED_WITHOUT_DECISION
}

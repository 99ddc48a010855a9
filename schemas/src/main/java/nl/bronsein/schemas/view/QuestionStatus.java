package nl.bronsein.schemas.view;

/**
 * Where a municipality's targeted question to a GP practice stands: OPEN until the GP's answer is pulled, then ANSWERED
 * or REFUSED, or WITHDRAWN by the municipality while open. Whether it is overdue is computed from its answer-by date,
 * never a status. A constant is added only at the end; a reader on an older release reads a status it does not know as
 * {@code null}, never as another status.
 */
public enum QuestionStatus {
    OPEN,
    ANSWERED,
    REFUSED,
    WITHDRAWN
}

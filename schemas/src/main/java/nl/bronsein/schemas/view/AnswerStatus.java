package nl.bronsein.schemas.view;

/**
 * What a GP practice did with a municipality's question: ANSWERED (facts, within the citizen's consent) or REFUSED (with
 * a reason). A constant is added only at the end; a reader on an older release reads one it does not know as {@code
 * null}, never as another status.
 */
public enum AnswerStatus {
    ANSWERED,
    REFUSED
}

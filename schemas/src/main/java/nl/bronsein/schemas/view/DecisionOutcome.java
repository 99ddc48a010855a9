package nl.bronsein.schemas.view;

/**
 * Besluit: what the municipality decided on a case — GRANTED (indicatie afgegeven, with the product category),
 * DECLINED (with the reason) or REDIRECTED (to a general provision, algemene voorziening, e.g. a welfare coach, which
 * needs no indication). A constant is added only at the end; a reader on an older release reads an outcome it does not
 * know as {@code null}.
 */
public enum DecisionOutcome {
    GRANTED,
    DECLINED,
    REDIRECTED
}

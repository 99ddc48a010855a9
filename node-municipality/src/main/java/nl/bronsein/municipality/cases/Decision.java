package nl.bronsein.municipality.cases;

import java.time.Instant;

import nl.bronsein.schemas.view.DecisionView;

/**
 * Besluit: granted (indicatie afgegeven) with a product category, declined with a reason, or redirected to a general
 * provision (algemene voorziening, e.g. a welfare coach) that needs no indication.
 */
public record Decision(Outcome outcome, String productCategory, String reason, String generalProvision, Instant decidedAt) {

    public enum Outcome {
        GRANTED,
        DECLINED,
        REDIRECTED
    }

    public boolean granted() {
        return outcome == Outcome.GRANTED;
    }

    public DecisionView view() {
        return new DecisionView(outcome.name(), productCategory, reason, generalProvision, decidedAt);
    }
}

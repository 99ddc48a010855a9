package nl.bronsein.municipality.cases;

import java.time.Instant;

import nl.bronsein.schemas.view.DecisionOutcome;
import nl.bronsein.schemas.view.DecisionView;

/**
 * Besluit: granted (indicatie afgegeven) with a product category, declined with a reason, or redirected to a general
 * provision (algemene voorziening, e.g. a welfare coach) that needs no indication.
 */
public record Decision(DecisionOutcome outcome, String productCategory, String reason, String generalProvision,
                       Instant decidedAt) {

    public boolean granted() {
        return outcome == DecisionOutcome.GRANTED;
    }

    public DecisionView view() {
        return new DecisionView(outcome, productCategory, reason, generalProvision, decidedAt);
    }
}

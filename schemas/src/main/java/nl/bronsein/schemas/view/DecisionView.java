package nl.bronsein.schemas.view;

import java.time.Instant;

/**
 * Besluit: the municipality's decision on a case. {@code outcome} is {@code GRANTED} (indicatie afgegeven, with the
 * product category), {@code DECLINED} (with the reason) or {@code REDIRECTED} (to a general provision, e.g. a
 * welfare coach).
 */
public record DecisionView(String outcome, String productCategory, String reason, String generalProvision,
                           Instant decidedAt) {
}

package nl.bronsein.schemas.view;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonFormat;

/**
 * Besluit: the municipality's decision on a case (see {@link DecisionOutcome}).
 *
 * @param outcome null when the municipality serves an outcome added after this release
 */
public record DecisionView(@JsonFormat(with = JsonFormat.Feature.READ_UNKNOWN_ENUM_VALUES_AS_NULL) DecisionOutcome outcome,
                           String productCategory, String reason, String generalProvision, Instant decidedAt) {
}

package nl.bronsein.runtime.audit;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The first line of an export of the processing log (JSON lines, one {@link ProcessingRecordLine} per record after it):
 * {@code {"chain_before": {"seq": n, "hash": "..."}}}, the chain's state just before the first exported record, from
 * which the lines verify; {@code {"chain_before": null}} when the export starts the chain or holds no record.
 */
public record ExportHeader(
        @JsonProperty("chain_before") @JsonInclude(JsonInclude.Include.ALWAYS) ProcessingRecordLine.Chain chainBefore) {
}

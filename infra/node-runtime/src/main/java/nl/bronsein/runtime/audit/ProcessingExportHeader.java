package nl.bronsein.runtime.audit;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The first line of an export of processing records (JSON lines): the chain's state just before the first exported
 * record — {@code {"chain_before": {"seq": n, "hash": "..."}}} — so the range can be verified without the node: each
 * line's {@code chain.hash} must follow from the one before it, the first from this state. The lines that follow are
 * {@link ProcessingRecordLine}s in seq order. {@link ProcessingChain#stateBefore} gives the state for a range.
 */
public record ProcessingExportHeader(@JsonProperty("chain_before") ChainState chainBefore) {
}

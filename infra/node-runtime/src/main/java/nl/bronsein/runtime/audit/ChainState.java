package nl.bronsein.runtime.audit;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * A point in the node's hash chain: the seq of a sealed record and its hash. {@code (0, GENESIS)} is the state before
 * the first record; after a retention removal the chain starts at its checkpoint, the last removed record's state.
 */
public record ChainState(@JsonProperty("seq") long seq, @JsonProperty("hash") String hash) {

    public static final ChainState START = new ChainState(0, ChainHash.GENESIS);
}

package nl.bronsein.runtime.audit;

import java.util.Optional;

/**
 * What a verification of the hash chain found: how many sealed records it checked, the state it ended at (the head
 * hash to compare with one kept elsewhere), how many records are not sealed yet — a tail the sealer has still to do,
 * which is not tampering — and the first break, if any.
 */
public record ChainVerification(long records, ChainState head, long unsealed, Optional<ChainBreak> firstBreak) {

    public boolean intact() {
        return firstBreak.isEmpty();
    }

    @Override
    public String toString() {
        if (firstBreak.isPresent()) {
            return "BROKEN at " + firstBreak.get();
        }
        return "OK " + records + " sealed record(s), head seq " + head.seq() + " hash " + head.hash()
                + (unsealed > 0 ? ", " + unsealed + " not sealed yet" : "");
    }
}

package nl.bronsein.runtime.audit;

/**
 * The first place a verification found the hash chain broken: the seq of the record concerned (for a removal, the
 * first missing seq), what happened to it, and why the verification thinks so, in words an operator can act on.
 */
public record ChainBreak(long seq, Kind kind, String why) {

    public enum Kind {
        /** The record's fields no longer give its hash: it was edited after it was sealed. */
        CHANGED,
        /** A seq is missing: the chain jumps over it, or ends before its head. */
        REMOVED,
        /** A record that does not belong: a second record for a seq, one beyond the head, or one put in between. */
        INSERTED
    }

    @Override
    public String toString() {
        return "seq " + seq + " " + kind.name().toLowerCase(java.util.Locale.ROOT) + ": " + why;
    }
}

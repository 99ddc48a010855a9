package nl.bronsein.runtime.audit;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.function.Predicate;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.jdbc.core.simple.JdbcClient;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Verifies the node's hash chain of processing records ({@link ChainHash}), in its database or in an exported range,
 * and names the first record that was changed, removed or inserted.
 *
 * <p>In the database the chain runs from the latest retention checkpoint (the last removed record's state; the start,
 * {@link ChainState#START}, when nothing was removed) to the chain head the sealer keeps ({@code audit_chain_head}). A
 * record is
 * <ul>
 * <li><b>removed</b> where a seq is missing between two records, or between the last record and the head;</li>
 * <li><b>inserted</b> where its seq is taken already, lies at or before the checkpoint or beyond the head, or where it
 * sits between two records that follow each other directly (put in between, the rest renumbered: either it does not
 * follow from its predecessor while its successor does, or its successor follows from its predecessor);</li>
 * <li><b>changed</b> where its fields do not give its hash otherwise.</li>
 * </ul>
 * Records not sealed yet are counted, not judged: the sealer gives them their place after they commit.
 *
 * <p>What a hash chain cannot show by itself: someone who may write the database can also recompute every hash after
 * an edit. The head's hash, printed by every verification, is therefore worth keeping outside the node (an operator's
 * log, an export): a chain that no longer passes through a head kept earlier was rewritten.
 */
public final class ProcessingChain {

    private static final Logger log = LoggerFactory.getLogger(ProcessingChain.class);
    private static final int PAGE = 1_000;

    private final JdbcClient jdbc;

    public ProcessingChain(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Verifies the chain in the database, from the latest checkpoint to the head. */
    public ChainVerification verify() {
        long unsealed = jdbc.sql("select count(*) from audit_record where chain_seq is null").query(Long.class).single();
        return check(checkpoint(), new Pages(), Optional.of(head()), unsealed);
    }

    /**
     * As {@link #verify()}, and the chain must still pass through {@code kept}: a state an earlier verification printed
     * and someone kept outside the node. An intact chain that no longer does was rewritten, every hash recomputed.
     * A kept state that retention has removed since (before the latest checkpoint, not itself a checkpoint) cannot be
     * checked, and is not held against the chain.
     */
    public ChainVerification verify(ChainState kept) {
        ChainVerification verified = verify();
        if (!verified.intact()) {
            return verified;
        }
        ChainState head = verified.head();
        Optional<ChainBreak> broken = Optional.empty();
        if (kept.seq() > head.seq()) {
            broken = Optional.of(new ChainBreak(head.seq() + 1, ChainBreak.Kind.REMOVED, "the chain ends at seq "
                    + head.seq() + ", before the head kept earlier (seq " + kept.seq() + ")"));
        } else {
            Optional<String> hash = kept.seq() == 0 ? Optional.of(ChainHash.GENESIS)
                    : jdbc.sql("select chain_hash from audit_record where chain_seq = :seq").param("seq", kept.seq())
                            .query(String.class).optional()
                            .or(() -> jdbc.sql("select chain_hash from audit_chain_checkpoint where chain_seq = :seq")
                                    .param("seq", kept.seq()).query(String.class).list().stream().findFirst());
            if (hash.isPresent() && !hash.get().equals(kept.hash())) {
                broken = Optional.of(new ChainBreak(kept.seq(), ChainBreak.Kind.CHANGED, "the chain was rewritten: seq "
                        + kept.seq() + " has hash " + hash.get() + ", the head kept earlier says " + kept.hash()));
            }
        }
        return new ChainVerification(verified.records(), head, verified.unsealed(), broken);
    }

    /** The chain's head: the last sealed record's state, as the sealer left it. */
    public ChainState head() {
        return jdbc.sql("select chain_seq, chain_hash from audit_chain_head where id = 1")
                .query((rs, n) -> new ChainState(rs.getLong(1), rs.getString(2))).single();
    }

    /** Where the chain in the database starts: the latest retention checkpoint, or the start. */
    public ChainState checkpoint() {
        return jdbc.sql("select chain_seq, chain_hash from audit_chain_checkpoint order by chain_seq desc fetch first 1 rows only")
                .query((rs, n) -> new ChainState(rs.getLong(1), rs.getString(2))).optional().orElse(ChainState.START);
    }

    /**
     * The chain's state just before the sealed record {@code seq}: what an export of a range starting there puts in
     * its header ({@link ProcessingExportHeader}).
     *
     * @throws IllegalArgumentException when the record before it is no longer held (removed by retention: start the
     *                                  range after the checkpoint)
     */
    public ChainState stateBefore(long seq) {
        ChainState from = checkpoint();
        if (seq - 1 == from.seq()) {
            return from;
        }
        return jdbc.sql("select chain_hash from audit_record where chain_seq = :seq").param("seq", seq - 1)
                .query(String.class).optional().map(hash -> new ChainState(seq - 1, hash))
                .orElseThrow(() -> new IllegalArgumentException("the record before seq " + seq + " is not held; the "
                        + "chain starts after seq " + from.seq()));
    }

    /**
     * Verifies an exported range: a {@link ProcessingExportHeader} line, then {@link ProcessingRecordLine}s in seq
     * order. An export has no head of its own: its last line's state is the head the result names, to compare with the
     * node's. Blank lines are skipped.
     *
     * @throws IllegalArgumentException when the text is not such an export (naming the line)
     */
    public static ChainVerification verifyExport(BufferedReader export, JsonMapper json) {
        ExportLines lines = new ExportLines(export, json);
        ChainState before = lines.header();
        ChainVerification verified = check(before, lines, Optional.empty(), 0);
        return new ChainVerification(verified.records(), verified.head(), lines.unsealed, verified.firstBreak());
    }

    /**
     * The sealed lines of an export after its header, one at a time, so an export of millions of records is never in
     * memory at once; lines without a {@code chain} (not sealed when exported) are counted, not judged.
     */
    private static final class ExportLines implements Iterator<Link> {

        private final BufferedReader reader;
        private final JsonMapper json;
        private int number;
        private long unsealed;
        private Link next;

        ExportLines(BufferedReader reader, JsonMapper json) {
            this.reader = reader;
            this.json = json;
        }

        ChainState header() {
            String line = nextLine();
            if (line == null) {
                throw new IllegalArgumentException("the export is empty: it starts with a chain_before header line");
            }
            return ProcessingChain.header(line, number, json);
        }

        @Override
        public boolean hasNext() {
            while (next == null) {
                String line = nextLine();
                if (line == null) {
                    return false;
                }
                ProcessingRecordLine record;
                try {
                    record = json.readValue(line, ProcessingRecordLine.class);
                    if (record.chain() == null) {
                        unsealed++;
                        continue;
                    }
                    next = new Link(record.chain().seq(), record.toRecord(), record.chain().hash());
                } catch (RuntimeException e) {
                    throw new IllegalArgumentException("line " + number + ": not a processing record line ("
                            + e.getClass().getSimpleName() + ")");
                }
            }
            return true;
        }

        @Override
        public Link next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            Link link = next;
            next = null;
            return link;
        }

        /** The next line that is not blank, or null at the end. */
        private String nextLine() {
            try {
                String line;
                do {
                    line = reader.readLine();
                    number++;
                } while (line != null && line.isBlank());
                return line == null ? null : line.strip();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    private static ChainState header(String line, int number, JsonMapper json) {
        ChainState before;
        try {
            JsonNode header = json.readTree(line);
            before = header.has("chain_before") ? json.readValue(line, ProcessingExportHeader.class).chainBefore() : null;
        } catch (RuntimeException e) {
            before = null;
        }
        if (before == null || !ChainHash.wellFormed(before.hash())) {
            throw new IllegalArgumentException("line " + number + ": an export starts with its header, "
                    + "{\"chain_before\": {\"seq\": n, \"hash\": \"<64 hex digits>\"}}");
        }
        return before;
    }

    /** What one removal of the chain's expired prefix did: how many records, and the checkpoint it wrote. */
    public record PrefixRemoval(long removed, ChainState checkpoint) {
    }

    /**
     * Removes at most {@code max} records from the start of the chain, in seq order, as long as each is {@code expired}
     * and its link intact, and writes the checkpoint the rest verifies from. Runs in the caller's transaction, and takes
     * the chain head's lock first, so it never interleaves with a sealer's batch or another instance's removal. It stops
     * before a broken link: a checkpoint must never cover tampering, which stays for a verification to name.
     *
     * @return empty when nothing at the start of the chain had expired
     */
    public Optional<PrefixRemoval> removeExpiredPrefix(Predicate<AuditRecord> expired, Instant at, int max) {
        jdbc.sql("select chain_seq from audit_chain_head where id = 1 for update").query(Long.class).single();
        ChainState start = checkpoint();
        List<Link> prefix = jdbc.sql("""
                        select * from audit_record where chain_seq > :after
                        order by chain_seq fetch first :n rows only""")
                .param("after", start.seq()).param("n", max)
                .query((rs, n) -> new Link(rs.getLong("chain_seq"), AuditTrail.row(rs, n), rs.getString("chain_hash")))
                .list();
        ChainState last = start;
        for (Link link : prefix) {
            if (!expired.test(link.record())) {
                break;
            }
            if (link.seq() != last.seq() + 1 || !ChainHash.wellFormed(link.hash())
                    || !ChainHash.next(last.hash(), link.record()).equals(link.hash())) {
                log.error("Retention stops before seq {}: the chain is broken there (replay verify-log names how); "
                        + "nothing from there on is removed", last.seq() + 1);
                break;
            }
            last = new ChainState(link.seq(), link.hash());
        }
        if (last.seq() == start.seq()) {
            return Optional.empty();
        }
        int removed = jdbc.sql("delete from audit_record where chain_seq > :after and chain_seq <= :through")
                .param("after", start.seq()).param("through", last.seq()).update();
        jdbc.sql("""
                        insert into audit_chain_checkpoint (chain_seq, chain_hash, removed, created_at)
                        values (:seq, :hash, :removed, :at)""")
                .param("seq", last.seq()).param("hash", last.hash()).param("removed", removed)
                .param("at", Timestamp.from(at)).update();
        return Optional.of(new PrefixRemoval(removed, last));
    }

    /** One sealed record as found: its seq, its fields and the hash stored with it. */
    record Link(long seq, AuditRecord record, String hash) {
    }

    static ChainVerification check(ChainState start, Iterator<Link> links, Optional<ChainState> head, long unsealed) {
        ChainState beforePrevious = null;
        ChainState previous = start;
        long count = 0;
        Link current = links.hasNext() ? links.next() : null;
        while (current != null) {
            Link following = links.hasNext() ? links.next() : null;
            Optional<ChainBreak> broken = judge(start, beforePrevious, previous, current, following, head);
            if (broken.isPresent()) {
                return new ChainVerification(count, previous, unsealed, broken);
            }
            beforePrevious = previous;
            previous = new ChainState(current.seq(), current.hash());
            count++;
            current = following;
        }
        if (head.isPresent()) {
            ChainState expected = head.get();
            if (previous.seq() < expected.seq()) {
                return new ChainVerification(count, previous, unsealed, Optional.of(new ChainBreak(previous.seq() + 1,
                        ChainBreak.Kind.REMOVED, "the chain ends at seq " + previous.seq() + " but its head is seq "
                        + expected.seq() + ": the last " + (expected.seq() - previous.seq()) + " record(s) are gone")));
            }
            if (!previous.hash().equals(expected.hash())) {
                return new ChainVerification(count, previous, unsealed, Optional.of(new ChainBreak(expected.seq(),
                        ChainBreak.Kind.CHANGED, "the chain head names another hash than the record at seq "
                        + expected.seq() + " has")));
            }
        }
        return new ChainVerification(count, previous, unsealed, Optional.empty());
    }

    private static Optional<ChainBreak> judge(ChainState start, ChainState beforePrevious, ChainState previous,
                                              Link current, Link following, Optional<ChainState> head) {
        long seq = current.seq();
        if (head.isPresent() && seq > head.get().seq()) {
            return broken(seq, ChainBreak.Kind.INSERTED, "sealed as seq " + seq + ", beyond the chain's head (seq "
                    + head.get().seq() + ")");
        }
        if (seq <= start.seq()) {
            return broken(seq, ChainBreak.Kind.INSERTED, "seq " + seq + " lies at or before where the chain starts (seq "
                    + start.seq() + ")");
        }
        if (seq == previous.seq()) {
            return broken(seq, ChainBreak.Kind.INSERTED, "a second record with seq " + seq);
        }
        if (seq < previous.seq()) {
            return broken(seq, ChainBreak.Kind.INSERTED, "seq " + seq + " comes after seq " + previous.seq());
        }
        if (seq > previous.seq() + 1) {
            return broken(previous.seq() + 1, ChainBreak.Kind.REMOVED, "the chain goes from seq " + previous.seq()
                    + " to seq " + seq + ": " + (seq - previous.seq() - 1) + " record(s) are gone");
        }
        if (!ChainHash.wellFormed(current.hash())) {
            return broken(seq, ChainBreak.Kind.CHANGED, "its chain hash is missing or not 64 hex digits");
        }
        if (ChainHash.next(previous.hash(), current.record()).equals(current.hash())) {
            return Optional.empty();
        }
        if (following != null && following.seq() == seq + 1
                && ChainHash.next(previous.hash(), following.record()).equals(following.hash())) {
            return broken(seq, ChainBreak.Kind.INSERTED, "it does not follow from seq " + previous.seq()
                    + ", and the record after it does: it was put in between");
        }
        if (beforePrevious != null && ChainHash.next(beforePrevious.hash(), current.record()).equals(current.hash())) {
            // the record before this one was made to follow its own predecessor, but this one still follows that
            return broken(previous.seq(), ChainBreak.Kind.INSERTED, "seq " + seq + " follows from seq "
                    + beforePrevious.seq() + " directly: the record at seq " + previous.seq() + " was put in between");
        }
        boolean successorFollows = following != null && ChainHash.wellFormed(current.hash())
                && ChainHash.next(current.hash(), following.record()).equals(following.hash());
        return broken(seq, ChainBreak.Kind.CHANGED, "its fields no longer give its hash"
                + (successorFollows ? " (the next record still follows from it)" : ""));
    }

    private static Optional<ChainBreak> broken(long seq, ChainBreak.Kind kind, String why) {
        return Optional.of(new ChainBreak(seq, kind, why));
    }

    /** The sealed records in seq order, a page at a time, so a chain of millions is never in memory at once. */
    private final class Pages implements Iterator<Link> {

        private final Deque<Link> page = new ArrayDeque<>();
        private Long after;
        private boolean done;

        @Override
        public boolean hasNext() {
            if (page.isEmpty() && !done) {
                List<Link> next = jdbc.sql(after == null
                                ? "select * from audit_record where chain_seq is not null order by chain_seq fetch first :n rows only"
                                : "select * from audit_record where chain_seq > :after order by chain_seq fetch first :n rows only")
                        .param("after", after == null ? 0L : after).param("n", PAGE)
                        .query((rs, n) -> new Link(rs.getLong("chain_seq"), AuditTrail.row(rs, n), rs.getString("chain_hash")))
                        .list();
                page.addAll(next);
                done = next.size() < PAGE;
                if (!next.isEmpty()) {
                    after = next.get(next.size() - 1).seq();
                }
            }
            return !page.isEmpty();
        }

        @Override
        public Link next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            return page.removeFirst();
        }
    }
}

package nl.bronsein.runtime.history;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Per source, how far its contiguous sequence is accounted for. Updates are single statements that only move
 * forward, so the Kafka listener and the catch-up worker can both write without coordinating.
 */
public class SourcePositions {

    private final JdbcClient jdbc;
    private final Clock clock;

    public SourcePositions(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** The position of one source: all sequence numbers up to {@code confirmedThrough} are accounted for. */
    public record Position(String source, long confirmedThrough, long highestSeen, Instant gapSeenAt, Instant caughtUpAt) {

        public boolean hasGap() {
            return highestSeen > confirmedThrough;
        }
    }

    /**
     * Notes that a source used this sequence number: one statement for a source seen before, since the listener does
     * this for every record it takes in. Every expression in the update reads the row as it was, so the gap is judged
     * on the positions the same statement sets.
     */
    public void seen(String source, long sequence) {
        Timestamp now = Timestamp.from(clock.instant());
        if (advance(source, sequence, now) == 0) {
            ensure(source);
            advance(source, sequence, now);
        }
    }

    private int advance(String source, long sequence, Timestamp now) {
        return jdbc.sql("""
                        update source_position set
                            confirmed_through = case when :seq = confirmed_through + 1 then :seq else confirmed_through end,
                            highest_seen = case when :seq > highest_seen then :seq else highest_seen end,
                            gap_seen_at = case
                                when (case when :seq > highest_seen then :seq else highest_seen end)
                                     <= (case when :seq = confirmed_through + 1 then :seq else confirmed_through end) then null
                                when gap_seen_at is null then :now
                                else gap_seen_at end
                        where source = :source""")
                .param("source", source).param("seq", sequence).param("now", now).update();
    }

    /** The source's history says everything up to {@code through} is accounted for (what concerns us was fetched). */
    public void confirm(String source, long through) {
        Timestamp now = Timestamp.from(clock.instant());
        ensure(source);
        jdbc.sql("""
                        update source_position set
                            confirmed_through = case when :through > confirmed_through then :through else confirmed_through end,
                            highest_seen = case when :through > highest_seen then :through else highest_seen end,
                            caught_up_at = :now
                        where source = :source""")
                .param("source", source).param("through", through).param("now", now).update();
        markGap(source, now);
    }

    public Optional<Position> find(String source) {
        return jdbc.sql("select * from source_position where source = :source").param("source", source)
                .query((rs, n) -> new Position(rs.getString("source"), rs.getLong("confirmed_through"),
                        rs.getLong("highest_seen"), instant(rs.getTimestamp("gap_seen_at")),
                        instant(rs.getTimestamp("caught_up_at"))))
                .optional();
    }

    public List<Position> all() {
        return jdbc.sql("select * from source_position order by source")
                .query((rs, n) -> new Position(rs.getString("source"), rs.getLong("confirmed_through"),
                        rs.getLong("highest_seen"), instant(rs.getTimestamp("gap_seen_at")),
                        instant(rs.getTimestamp("caught_up_at"))))
                .list();
    }

    /** Forgets every position: after a rebuild the node accounts for every source from the start again. */
    public void forgetAll() {
        jdbc.sql("delete from source_position").update();
    }

    private void ensure(String source) {
        boolean known = jdbc.sql("select count(*) from source_position where source = :source")
                .param("source", source).query(Integer.class).single() > 0;
        if (!known) {
            try {
                jdbc.sql("insert into source_position (source, confirmed_through, highest_seen) values (:source, 0, 0)")
                        .param("source", source).update();
            } catch (org.springframework.dao.DuplicateKeyException alreadyThere) {
                // the other writer was first; fine
            }
        }
    }

    /** A gap is dated from when it was first seen, and cleared when closed, so the grace period runs from then. */
    private void markGap(String source, Timestamp now) {
        jdbc.sql("""
                        update source_position set gap_seen_at = case
                            when highest_seen <= confirmed_through then null
                            when gap_seen_at is null then :now
                            else gap_seen_at end
                        where source = :source""")
                .param("source", source).param("now", now).update();
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}

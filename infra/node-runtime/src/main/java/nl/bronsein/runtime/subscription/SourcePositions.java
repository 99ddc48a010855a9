package nl.bronsein.runtime.subscription;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Per source, how far its contiguous sequence is accounted for. Updates are single statements that only move
 * forward, so the Kafka listener and the catch-up worker can both write without coordinating — except settling a gap
 * the source's history does not confirm, which moves the highest number seen back to what the source confirmed.
 */
public class SourcePositions {

    private final JdbcClient jdbc;
    private final Clock clock;

    public SourcePositions(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /**
     * The position of one source: all sequence numbers up to {@code confirmedThrough} are accounted for.
     *
     * @param gapTries             how often the source's history was read to its end without confirming the gap
     * @param gapRetryAt           not before when the gap is asked about again
     * @param unconfirmedClaim     the last sequence number a record claimed and the source's history never confirmed
     * @param unconfirmedSettledAt when that claim was given up
     */
    public record Position(String source, long confirmedThrough, long highestSeen, Instant gapSeenAt, Instant caughtUpAt,
                           int gapTries, Instant gapRetryAt, Long unconfirmedClaim, Instant unconfirmedSettledAt) {

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
                                else gap_seen_at end,
                            gap_tries = case when gap_seen_at is null then 0 else gap_tries end,
                            gap_retry_at = case when gap_seen_at is null then null else gap_retry_at end
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

    /** The source's history, read to its end, did not confirm the gap: ask again not before {@code retryAt}. */
    public void gapUnconfirmed(String source, int tries, Instant retryAt) {
        jdbc.sql("update source_position set gap_tries = :tries, gap_retry_at = :retryAt where source = :source")
                .param("source", source).param("tries", tries).param("retryAt", Timestamp.from(retryAt)).update();
    }

    /**
     * Gives up a gap the source's history did not confirm after every try: the claimed number is kept for the operator
     * and the highest number seen goes back to what the source confirmed, so the gap is closed and no longer asked about.
     * Only if no higher number was seen since the gap was judged.
     *
     * @return whether it was settled
     */
    public boolean settleUnconfirmedGap(String source, long claimed) {
        return jdbc.sql("""
                        update source_position set unconfirmed_claim = highest_seen, unconfirmed_settled_at = :now,
                            highest_seen = confirmed_through, gap_seen_at = null, gap_tries = 0, gap_retry_at = null
                        where source = :source and highest_seen = :claimed and highest_seen > confirmed_through""")
                .param("source", source).param("claimed", claimed).param("now", Timestamp.from(clock.instant()))
                .update() == 1;
    }

    public Optional<Position> find(String source) {
        return jdbc.sql("select * from source_position where source = :source").param("source", source)
                .query(SourcePositions::map).optional();
    }

    public List<Position> all() {
        return jdbc.sql("select * from source_position order by source").query(SourcePositions::map).list();
    }

    private static Position map(ResultSet rs, int row) throws SQLException {
        long claim = rs.getLong("unconfirmed_claim");
        Long unconfirmedClaim = rs.wasNull() ? null : claim;
        return new Position(rs.getString("source"), rs.getLong("confirmed_through"), rs.getLong("highest_seen"),
                instant(rs.getTimestamp("gap_seen_at")), instant(rs.getTimestamp("caught_up_at")),
                rs.getInt("gap_tries"), instant(rs.getTimestamp("gap_retry_at")), unconfirmedClaim,
                instant(rs.getTimestamp("unconfirmed_settled_at")));
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

package nl.bronsein.runtime.outbox;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The right to relay the outbox, held by one instance of a node at a time. Two instances on one database would
 * otherwise publish the same rows, and interleave one object's changes; with the lease the holder publishes everything
 * in sequence order and the other waits. Taking and renewing is one conditional update, so it is atomic on H2 and
 * PostgreSQL alike. A holder that stops releases the lease; one that dies loses it when it expires.
 * <p>
 * The holder renews it only once a third of it has passed, not every round: a busy relay runs a round per few changes,
 * and a renewal per round was a commit per round — on PostgreSQL a WAL flush, as many as the changes themselves. A
 * round therefore starts with at least two thirds of the lease left (by default 20 s, more than a round's send
 * timeout), as long as the instances' clocks agree to within that; and a relay that outlives its lease all the same
 * is fenced by Kafka, as the transactional id is the node's, not the instance's.
 */
class RelayLease {

    private final JdbcClient jdbc;
    private final Clock clock;
    private final Duration duration;
    private final String holder = UUID.randomUUID().toString();
    /** When this instance last took or renewed the lease; null while it does not hold it. Relay thread only. */
    private Instant renewedAt;

    public RelayLease(JdbcClient jdbc, Clock clock, Duration duration) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.duration = duration;
    }

    /** Takes the lease, or renews it once a third of it has passed; false while another instance holds it. */
    public synchronized boolean hold() {
        Instant now = clock.instant();
        if (renewedAt != null && now.isBefore(renewedAt.plus(duration.dividedBy(3))) && !now.isBefore(renewedAt)) {
            return true;
        }
        boolean held = jdbc.sql("""
                        update relay_lease set holder = :holder, expires_at = :until
                        where name = 'outbox' and (holder = :holder or holder is null or expires_at < :now)""")
                .param("holder", holder).param("until", Timestamp.from(now.plus(duration)))
                .param("now", Timestamp.from(now))
                .update() == 1;
        renewedAt = held ? now : null;
        return held;
    }

    public synchronized void release() {
        renewedAt = null;
        jdbc.sql("update relay_lease set holder = null where name = 'outbox' and holder = :holder")
                .param("holder", holder).update();
    }

    String holder() {
        return holder;
    }
}

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
 */
public class RelayLease {

    private final JdbcClient jdbc;
    private final Clock clock;
    private final Duration duration;
    private final String holder = UUID.randomUUID().toString();

    public RelayLease(JdbcClient jdbc, Clock clock, Duration duration) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.duration = duration;
    }

    /** Takes or renews the lease; false while another instance holds it. */
    public boolean hold() {
        Instant now = clock.instant();
        return jdbc.sql("""
                        update relay_lease set holder = :holder, expires_at = :until
                        where name = 'outbox' and (holder = :holder or holder is null or expires_at < :now)""")
                .param("holder", holder).param("until", Timestamp.from(now.plus(duration)))
                .param("now", Timestamp.from(now))
                .update() == 1;
    }

    public void release() {
        jdbc.sql("update relay_lease set holder = null where name = 'outbox' and holder = :holder")
                .param("holder", holder).update();
    }

    String holder() {
        return holder;
    }
}

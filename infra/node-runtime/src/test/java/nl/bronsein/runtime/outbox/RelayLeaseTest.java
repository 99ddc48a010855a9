package nl.bronsein.runtime.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

import nl.bronsein.runtime.MovableClock;
import nl.bronsein.runtime.RuntimeTables;

/**
 * Two instances of a node on one database and the relay lease between them, on a clock the test moves: one holds it
 * at a time, the holder writes a renewal only once a third of the lease has passed, and the other takes it when it
 * has expired or was released.
 */
class RelayLeaseTest {

    private static final Duration LEASE = Duration.ofSeconds(30);

    private final MovableClock clock = new MovableClock(Instant.parse("2026-11-24T10:00:00Z"));
    private JdbcClient jdbc;
    private RelayLease first;
    private RelayLease second;

    @BeforeEach
    void database() {
        jdbc = RuntimeTables.inMemoryH2("relay-lease");
        first = new RelayLease(jdbc, clock, LEASE);
        second = new RelayLease(jdbc, clock, LEASE);
    }

    @Test
    void oneInstanceHoldsTheLeaseAtATime() {
        assertThat(first.hold()).isTrue();
        assertThat(second.hold()).isFalse();
        clock.advance(Duration.ofSeconds(29));
        assertThat(second.hold()).as("not yet expired").isFalse();
        assertThat(holder()).isEqualTo(first.holder());
    }

    @Test
    void theHolderRenewsOnlyOnceAThirdOfTheLeaseHasPassed() {
        assertThat(first.hold()).isTrue();
        Instant expires = expiresAt();
        clock.advance(Duration.ofSeconds(9));
        assertThat(first.hold()).isTrue();
        assertThat(expiresAt()).as("no write within the first third").isEqualTo(expires);
        clock.advance(Duration.ofSeconds(1));
        assertThat(first.hold()).isTrue();
        assertThat(expiresAt()).as("renewed after a third").isEqualTo(expires.plusSeconds(10));
        clock.advance(Duration.ofSeconds(35));
        assertThat(second.hold()).as("expired: 35 s after its last renewal").isTrue();
        assertThat(first.hold()).as("the first instance asks the database again, and finds it taken").isFalse();
        assertThat(holder()).isEqualTo(second.holder());
    }

    @Test
    void aReleasedLeaseIsTakenAtOnceAndTheOldHolderAsksAgain() {
        assertThat(first.hold()).isTrue();
        first.release();
        assertThat(second.hold()).isTrue();
        clock.advance(Duration.ofSeconds(1));
        assertThat(first.hold()).as("released, so no longer held locally either").isFalse();
    }

    @Test
    void aClockThatWentBackMakesTheHolderAskTheDatabase() {
        assertThat(first.hold()).isTrue();
        Instant expires = expiresAt();
        clock.advance(Duration.ofSeconds(-5));
        assertThat(first.hold()).isTrue();
        assertThat(expiresAt()).isEqualTo(expires.minusSeconds(5));
    }

    private String holder() {
        return jdbc.sql("select holder from relay_lease where name = 'outbox'").query(String.class).single();
    }

    private Instant expiresAt() {
        return jdbc.sql("select expires_at from relay_lease where name = 'outbox'").query(java.sql.Timestamp.class)
                .single().toInstant();
    }
}

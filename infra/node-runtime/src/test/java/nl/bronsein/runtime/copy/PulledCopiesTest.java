package nl.bronsein.runtime.copy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import nl.bronsein.runtime.BothDatabases;
import nl.bronsein.runtime.pull.Withdrawal;
import nl.bronsein.schemas.SharedObjectType;
import tools.jackson.databind.json.JsonMapper;

/**
 * The copies a node keeps of other owners' objects: a later version replaces the one held, an earlier one never does,
 * a withdrawn copy stays withdrawn — also when two notifications' handlers keep the same object at the same moment, as
 * the inbox's concurrent handling lets them (the case's handler and the referral's both keep the GP's referral).
 */
class PulledCopiesTest {

    private static final String GP = "urn:nld:kvk:12345678";
    private static final String REFERRAL = "3f2504e0-4f89-11d3-9a0c-0305e82c3301";
    private static final Instant NOW = Instant.parse("2026-12-06T10:00:00Z");

    @RegisterExtension
    static final BothDatabases BOTH = new BothDatabases();

    static Stream<DataSource> databases() {
        return BOTH.dataSources("pulled-copies", "pulled_copy");
    }

    @ParameterizedTest
    @MethodSource("databases")
    void aLaterVersionReplacesTheHeldOneAndAnEarlierOrAWithdrawnOneNever(DataSource database) {
        PulledCopies copies = new PulledCopies(JdbcClient.create(database), JsonMapper.builder().build());

        assertThat(copies.keep(copy(2))).isTrue();
        assertThat(copies.keep(copy(3))).as("a later version").isTrue();
        assertThat(copies.keep(copy(1))).as("an earlier version").isFalse();
        assertThat(heldVersion(copies)).isEqualTo(3);

        copies.withdraw(GP, SharedObjectType.REFERRAL, REFERRAL, Withdrawal.OBJECT_WITHDRAWN, NOW);
        assertThat(copies.keep(copy(4))).as("after the withdrawal").isFalse();
        assertThat(copies.isWithdrawn(GP, SharedObjectType.REFERRAL, REFERRAL)).isTrue();
    }

    /**
     * The later version is written first and not yet committed; the earlier one read the committed copy before that
     * and found it older than itself. Without the guard in its update it waited for the row and then overwrote the
     * later version; with it, it finds nothing to update.
     */
    @Test
    void ofTwoHandlersKeepingOneObjectAtOnceTheLaterVersionWinsWhicheverCommitsLast() throws Exception {
        DataSource postgres = BOTH.dataSources("pulled-copies-race", "pulled_copy").toList().get(1);
        PulledCopies copies = new PulledCopies(JdbcClient.create(postgres), JsonMapper.builder().build());
        TransactionTemplate transaction = new TransactionTemplate(new DataSourceTransactionManager(postgres));
        copies.keep(copy(3));
        CountDownLatch laterWritten = new CountDownLatch(1);
        CountDownLatch commitLater = new CountDownLatch(1);
        ExecutorService handlers = Executors.newFixedThreadPool(2);
        try {
            Future<Boolean> later = handlers.submit(() -> transaction.execute(status -> {
                boolean kept = copies.keep(copy(5));
                laterWritten.countDown();
                try {
                    commitLater.await(20, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return kept;
            }));
            assertThat(laterWritten.await(20, TimeUnit.SECONDS)).isTrue();
            Future<Boolean> earlier = handlers.submit(() -> transaction.execute(status -> copies.keep(copy(4))));
            JdbcClient observer = JdbcClient.create(postgres);
            await().atMost(Duration.ofSeconds(20)).until(() -> observer.sql(
                    "select count(*) from pg_stat_activity where wait_event_type = 'Lock'").query(Long.class).single() == 1);
            commitLater.countDown();

            assertThat(later.get(20, TimeUnit.SECONDS)).isTrue();
            assertThat(earlier.get(20, TimeUnit.SECONDS)).as("the earlier version, written after the later one committed")
                    .isFalse();
            assertThat(heldVersion(copies)).isEqualTo(5);
        } finally {
            commitLater.countDown();
            handlers.shutdownNow();
        }
    }

    private static int heldVersion(PulledCopies copies) {
        return copies.find(GP, SharedObjectType.REFERRAL, REFERRAL, Map.class).orElseThrow().version();
    }

    private static PulledCopy<Map<String, Object>> copy(int version) {
        return new PulledCopy<>(GP, SharedObjectType.REFERRAL, REFERRAL, version, "intake", NOW,
                Map.of("objectId", REFERRAL, "version", version), null, null);
    }
}

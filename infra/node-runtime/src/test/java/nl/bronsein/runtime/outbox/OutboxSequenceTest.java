package nl.bronsein.runtime.outbox;

import static org.mockito.Mockito.mock;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import nl.bronsein.runtime.RuntimeTables;
import nl.bronsein.runtime.trust.NodeIdentity;
import nl.bronsein.runtime.trust.Participant;
import nl.bronsein.runtime.trust.ParticipantId;
import nl.bronsein.runtime.trust.ParticipantRole;
import nl.bronsein.schemas.NotificationCodec;

/**
 * A freshly started node on PostgreSQL that takes many changes at once: the first ones must not race on creating the
 * sequence row (a losing insert aborts the whole PostgreSQL transaction — found by the chaos suite as 500s on the very
 * first referrals), and the numbers stay contiguous.
 */
class OutboxSequenceTest {

    private static final String GP = "urn:nld:kvk:12345678";
    private static final int WRITERS = 8;

    @Test
    void concurrentFirstChangesOnPostgresqlAllCommitWithContiguousNumbers() throws Exception {
        try (EmbeddedPostgres postgres = EmbeddedPostgres.builder().start()) {
            DataSource database = postgres.getPostgresDatabase();
            RuntimeTables.migrate(database);
            JdbcClient jdbc = JdbcClient.create(database);
            NodeIdentity identity = new NodeIdentity(new Participant(ParticipantId.of(GP), ParticipantRole.GP_PRACTICE,
                    "Huisartsenpraktijk De Linde", URI.create("https://gp.example:8443"), "ab".repeat(32)));
            Outbox outbox = new Outbox(new OutboxRepository(jdbc), new NotificationCodec(), identity, () -> { },
                    OutboxFixtures.addressees(), mock(nl.bronsein.runtime.audit.AuditTrail.class));
            outbox.afterSingletonsInstantiated(); // as the node does once it has started
            TransactionTemplate transactions = new TransactionTemplate(new DataSourceTransactionManager(database));

            ExecutorService writers = Executors.newFixedThreadPool(WRITERS);
            CountDownLatch together = new CountDownLatch(1);
            List<Future<Long>> sequences = new ArrayList<>();
            for (int i = 0; i < WRITERS; i++) {
                sequences.add(writers.submit(() -> {
                    together.await();
                    return transactions.execute(status -> outbox.record(change()).get(0).sourceSequence());
                }));
            }
            together.countDown();
            List<Long> taken = new ArrayList<>();
            for (Future<Long> sequence : sequences) {
                taken.add(sequence.get(30, TimeUnit.SECONDS));
            }
            writers.shutdown();

            assertThat(taken).containsExactlyInAnyOrder(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L);
            // the recipient's own numbering, taken under the same lock, is contiguous in commit order too
            assertThat(jdbc.sql("select recipient_sequence from outbox_entry order by source_sequence").query(Long.class)
                    .list()).containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L);
            assertThat(jdbc.sql("select distinct recipient from outbox_entry").query(String.class).list())
                    .containsExactly(OutboxFixtures.MUNICIPALITY);
        }
    }

    private static NewNotification change() {
        return OutboxFixtures.change(UUID.randomUUID().toString(), 1);
    }
}

package nl.bronsein.runtime.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.mockito.Mockito.mock;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;
import java.util.stream.Stream;

import javax.sql.DataSource;

import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import nl.bronsein.runtime.BothDatabases;
import nl.bronsein.schemas.NotificationCodec;
import nl.bronsein.schemas.ObjectChanged;

/**
 * The numbers a node's notifications carry, given by the relay's numbering after the changes committed (issue 21), on
 * H2 and on PostgreSQL: contiguous per source and per recipient, and in order per object, while many changes commit at
 * once and the numbering runs between them; and a change that no longer waits for another that is still open, as it
 * did while every change took the node's sequence row until its commit. Each test starts without the sequence row, as
 * a fresh node does: a node on PostgreSQL once raced on creating it (a losing insert aborts the whole PostgreSQL
 * transaction — found by the chaos suite as 500s on the very first referrals).
 */
class OutboxSequenceTest {

    @RegisterExtension
    static final BothDatabases BOTH = new BothDatabases();

    private static final int WRITERS = 8;
    /** Changes per writer, each writer changing an object of its own. */
    private static final int CHANGES = 25;

    private final NotificationCodec codec = new NotificationCodec();
    private OutboxRepository repository;
    private TransactionTemplate transactions;
    private Outbox outbox;

    static Stream<DataSource> databases() {
        return BOTH.dataSources("outbox-sequence", "outbox_entry", "source_sequence", "recipient_sequence");
    }

    @ParameterizedTest
    @MethodSource("databases")
    void concurrentChangesAreNumberedContiguouslyAndInOrderPerObject(DataSource database) throws Exception {
        on(database);
        // a small batch, so that rows commit between the numbering's batches
        OutboxNumbering numbering = new OutboxNumbering(repository, transactions, OutboxFixtures.GP, 7);

        ExecutorService writers = Executors.newFixedThreadPool(WRITERS);
        CountDownLatch together = new CountDownLatch(1);
        List<Future<?>> writing = new ArrayList<>();
        for (int i = 0; i < WRITERS; i++) {
            String object = UUID.randomUUID().toString();
            writing.add(writers.submit(() -> {
                together.await();
                for (int version = 1; version <= CHANGES; version++) {
                    int v = version;
                    transactions.executeWithoutResult(status -> outbox.record(OutboxFixtures.change(object, v)));
                }
                return null;
            }));
        }
        together.countDown();
        try {
            // the relay numbers while changes commit, as it does when each commit wakes it
            while (writing.stream().anyMatch(writer -> !writer.isDone())) {
                numbering.numberBatch();
            }
            for (Future<?> writer : writing) {
                writer.get(60, TimeUnit.SECONDS);
            }
        } finally {
            writers.shutdownNow();
        }
        while (numbering.numberBatch() > 0) {
            // what committed after the last round
        }

        List<OutboxEntry> rows = new ArrayList<>(repository.findAll());
        List<Long> all = LongStream.rangeClosed(1, WRITERS * CHANGES).boxed().toList();
        assertThat(rows).extracting(OutboxEntry::sourceSequence).containsExactlyInAnyOrderElementsOf(all);
        assertThat(rows).extracting(OutboxEntry::recipient).containsOnly(OutboxFixtures.MUNICIPALITY);
        assertThat(rows).extracting(OutboxEntry::recipientSequence).containsExactlyInAnyOrderElementsOf(all);
        rows.sort(Comparator.comparing(OutboxEntry::sourceSequence));
        // the recipient's numbers follow the node's order, so what it is sent arrives numbered in publishing order
        assertThat(rows).allSatisfy(row -> assertThat(row.recipientSequence()).isEqualTo(row.sourceSequence()));
        Map<String, List<Integer>> versions = new HashMap<>();
        for (OutboxEntry row : rows) {
            versions.computeIfAbsent(row.subject(), object -> new ArrayList<>())
                    .add(codec.decode(row.body(), ObjectChanged.class).getObjectVersion());
        }
        assertThat(versions).hasSize(WRITERS).allSatisfy((object, inOrder) ->
                assertThat(inOrder).as("versions of " + object + " in numbering order").isSorted().hasSize(CHANGES));
    }

    @ParameterizedTest
    @MethodSource("databases")
    void aChangeCommitsWhileAnotherIsOpenAndTheLaterCommitIsNumberedLater(DataSource database) throws Exception {
        on(database);
        OutboxNumbering numbering = new OutboxNumbering(repository, transactions, OutboxFixtures.GP, 500);
        String open = UUID.randomUUID().toString();
        String committed = UUID.randomUUID().toString();

        ExecutorService connections = Executors.newFixedThreadPool(2);
        CountDownLatch recorded = new CountDownLatch(1);
        CountDownLatch commit = new CountDownLatch(1);
        try {
            Future<?> first = connections.submit(() -> transactions.executeWithoutResult(status -> {
                outbox.record(OutboxFixtures.change(open, 1));
                recorded.countDown();
                try {
                    commit.await(60, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }));
            try {
                assertThat(recorded.await(30, TimeUnit.SECONDS)).as("the first change recorded").isTrue();
                // While every change took the node's sequence row, this waited for the first change's commit.
                connections.submit(() -> transactions.executeWithoutResult(
                        status -> outbox.record(OutboxFixtures.change(committed, 1)))).get(10, TimeUnit.SECONDS);
                assertThat(numbering.numberBatch()).as("rows numbered while the first change is open").isEqualTo(1);
            } finally {
                commit.countDown();
            }
            first.get(30, TimeUnit.SECONDS);
        } finally {
            connections.shutdownNow();
        }
        assertThat(numbering.numberBatch()).isEqualTo(1);

        // in id order: the open change inserted its row first, and is numbered after the one that committed first
        assertThat(repository.findAll())
                .extracting(OutboxEntry::subject, OutboxEntry::sourceSequence, OutboxEntry::recipientSequence)
                .containsExactly(tuple(open, 2L, 2L), tuple(committed, 1L, 1L));
    }

    /** The GP's outbox on {@code database}, recording as a node's services do, each change in a transaction of its own. */
    private void on(DataSource database) {
        repository = new OutboxRepository(JdbcClient.create(database));
        transactions = new TransactionTemplate(new DataSourceTransactionManager(database));
        outbox = new Outbox(repository, codec, OutboxFixtures.IDENTITY, () -> { }, OutboxFixtures.addressees(),
                mock(nl.bronsein.runtime.audit.AuditTrail.class));
    }
}

package nl.bronsein.runtime.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.StringReader;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;

import javax.sql.DataSource;

import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import nl.bronsein.runtime.BothDatabases;
import nl.bronsein.runtime.MovableClock;
import tools.jackson.databind.json.JsonMapper;

/**
 * The processing log's hash chain on H2 and PostgreSQL: records written by many threads at once are sealed by two
 * sealers sharing the database into one unbroken chain, and a row edited, deleted or inserted behind the node's back is
 * found and named — in the database and in an exported range.
 */
class ProcessingChainTest {

    @RegisterExtension
    static final BothDatabases BOTH = new BothDatabases();

    /** Nanoseconds on purpose: the databases keep microseconds, and the chain must hash what they give back. */
    private final MovableClock clock = new MovableClock(Instant.parse("2026-12-06T10:00:00.123456789Z"));
    private final JsonMapper json = JsonMapper.builder().build();
    private JdbcClient jdbc;
    private AuditTrail trail;
    private ChainSealer sealer;
    private ProcessingChain chain;

    static Stream<DataSource> databases() {
        return BOTH.dataSources("processing-chain");
    }

    private void on(DataSource database) {
        jdbc = JdbcClient.create(database);
        ChainTables.empty(jdbc);
        trail = AuditTrail.withoutTracing(jdbc, clock);
        sealer = new ChainSealer(jdbc, new TransactionTemplate(new DataSourceTransactionManager(database)),
                Duration.ofSeconds(1), 7);
        chain = new ProcessingChain(jdbc);
    }

    @ParameterizedTest
    @MethodSource("databases")
    void recordsWrittenAtOnceAreSealedIntoOneChainByTwoSealers(DataSource database) throws Exception {
        on(database);
        ChainSealer other = new ChainSealer(jdbc, new TransactionTemplate(new DataSourceTransactionManager(database)),
                Duration.ofSeconds(1), 5);
        ExecutorService threads = Executors.newFixedThreadPool(6);
        AtomicBoolean writing = new AtomicBoolean(true);
        try {
            List<CompletableFuture<Void>> writers = new ArrayList<>();
            for (int w = 0; w < 4; w++) {
                int writer = w;
                writers.add(CompletableFuture.runAsync(() -> {
                    for (int i = 0; i < 40; i++) {
                        write("writer-" + writer + "-" + i);
                    }
                }, threads));
            }
            List<CompletableFuture<Void>> sealers = List.of(
                    CompletableFuture.runAsync(() -> sealWhile(sealer, writing), threads),
                    CompletableFuture.runAsync(() -> sealWhile(other, writing), threads));
            CompletableFuture.allOf(writers.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
            writing.set(false);
            CompletableFuture.allOf(sealers.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
        } finally {
            threads.shutdownNow();
        }
        sealer.sealPending();

        ChainVerification verified = chain.verify();
        assertThat(verified.intact()).as(verified.toString()).isTrue();
        assertThat(verified.records()).isEqualTo(160);
        assertThat(verified.unsealed()).isZero();
        assertThat(verified.head()).isEqualTo(chain.head());
        assertThat(jdbc.sql("select count(distinct chain_seq) from audit_record").query(Long.class).single())
                .isEqualTo(160L);
    }

    @ParameterizedTest
    @MethodSource("databases")
    void anUnsealedTailIsReportedAsSuchNotAsTampering(DataSource database) {
        on(database);
        writeAndSeal(3);
        write("late");

        ChainVerification verified = chain.verify();

        assertThat(verified.intact()).isTrue();
        assertThat(verified.records()).isEqualTo(3);
        assertThat(verified.unsealed()).isEqualTo(1);
        assertThat(verified.toString()).startsWith("OK 3 sealed record(s), head seq 3 hash ").endsWith("1 not sealed yet");
    }

    @ParameterizedTest
    @MethodSource("databases")
    void anEditedRecordIsNamedChanged(DataSource database) {
        on(database);
        writeAndSeal(10);
        jdbc.sql("update audit_record set purpose = 'marketing' where chain_seq = 5").update();

        assertThat(chain.verify().firstBreak()).hasValueSatisfying(broken -> {
            assertThat(broken.seq()).isEqualTo(5);
            assertThat(broken.kind()).isEqualTo(ChainBreak.Kind.CHANGED);
            assertThat(broken.why()).contains("the next record still follows from it");
        });
    }

    @ParameterizedTest
    @MethodSource("databases")
    void anEditedTimeIsFoundToo(DataSource database) {
        on(database);
        writeAndSeal(4);
        jdbc.sql("update audit_record set recorded_at = started_at where chain_seq = 4").update();
        jdbc.sql("update audit_record set started_at = recorded_at - interval '1' second where chain_seq = 4").update();

        assertThat(chain.verify().firstBreak()).hasValueSatisfying(broken -> {
            assertThat(broken.seq()).isEqualTo(4);
            assertThat(broken.kind()).isEqualTo(ChainBreak.Kind.CHANGED);
        });
    }

    @ParameterizedTest
    @MethodSource("databases")
    void aDeletedRecordIsNamedRemoved(DataSource database) {
        on(database);
        writeAndSeal(10);
        jdbc.sql("delete from audit_record where chain_seq = 6").update();

        assertThat(chain.verify().firstBreak()).hasValueSatisfying(broken -> {
            assertThat(broken.seq()).isEqualTo(6);
            assertThat(broken.kind()).isEqualTo(ChainBreak.Kind.REMOVED);
            assertThat(broken.why()).isEqualTo("the chain goes from seq 5 to seq 7: 1 record(s) are gone");
        });
    }

    @ParameterizedTest
    @MethodSource("databases")
    void theLastRecordsDeletedAreNamedRemovedAgainstTheHead(DataSource database) {
        on(database);
        writeAndSeal(10);
        jdbc.sql("delete from audit_record where chain_seq >= 9").update();

        assertThat(chain.verify().firstBreak()).hasValueSatisfying(broken -> {
            assertThat(broken.seq()).isEqualTo(9);
            assertThat(broken.kind()).isEqualTo(ChainBreak.Kind.REMOVED);
        });
    }

    @ParameterizedTest
    @MethodSource("databases")
    void aRecordSealedBeyondTheHeadIsNamedInserted(DataSource database) {
        on(database);
        writeAndSeal(3);
        write("forged");
        jdbc.sql("update audit_record set chain_seq = 4, chain_hash = :hash where chain_seq is null")
                .param("hash", "ab".repeat(32)).update();

        assertThat(chain.verify().firstBreak()).hasValueSatisfying(broken -> {
            assertThat(broken.seq()).isEqualTo(4);
            assertThat(broken.kind()).isEqualTo(ChainBreak.Kind.INSERTED);
            assertThat(broken.why()).contains("beyond the chain's head");
        });
    }

    @ParameterizedTest
    @MethodSource("databases")
    void aRecordPutInBetweenIsNamedInsertedWhetherOrNotItsHashFollows(DataSource database) {
        on(database);
        writeAndSeal(8);
        String hashOf4 = jdbc.sql("select chain_hash from audit_record where chain_seq = 4").query(String.class).single();
        // the records from seq 5 on move up one, and a forged one takes seq 5, hashed as the sealer would
        jdbc.sql("update audit_record set chain_seq = chain_seq + 1000 where chain_seq >= 5").update();
        jdbc.sql("update audit_record set chain_seq = chain_seq - 999 where chain_seq >= 1000").update();
        jdbc.sql("update audit_chain_head set chain_seq = 9").update();
        write("forged");
        AuditRecord forged = trail.all().stream().filter(r -> r.chainSeq() == null).findFirst().orElseThrow();
        jdbc.sql("update audit_record set chain_seq = 5, chain_hash = :hash where chain_seq is null")
                .param("hash", ChainHash.next(hashOf4, forged)).update();

        assertThat(chain.verify().firstBreak()).hasValueSatisfying(broken -> {
            assertThat(broken.seq()).isEqualTo(5);
            assertThat(broken.kind()).isEqualTo(ChainBreak.Kind.INSERTED);
        });

        // and the clumsy forger, who gave it any hash
        jdbc.sql("update audit_record set chain_hash = :hash where chain_seq = 5").param("hash", "cd".repeat(32)).update();
        assertThat(chain.verify().firstBreak()).hasValueSatisfying(broken -> {
            assertThat(broken.seq()).isEqualTo(5);
            assertThat(broken.kind()).isEqualTo(ChainBreak.Kind.INSERTED);
            assertThat(broken.why()).contains("put in between");
        });
    }

    @ParameterizedTest
    @MethodSource("databases")
    void anExportedRangeVerifiesAndAnEditedLineIsFound(DataSource database) {
        on(database);
        writeAndSeal(12);
        String export = export(4, 9);

        ChainVerification verified = ProcessingChain.verifyExport(reader(export), json);
        assertThat(verified.intact()).as(verified.toString()).isTrue();
        assertThat(verified.records()).isEqualTo(6);
        assertThat(verified.head().seq()).isEqualTo(9);
        assertThat(verified.head().hash()).isEqualTo(
                jdbc.sql("select chain_hash from audit_record where chain_seq = 9").query(String.class).single());

        List<String> lines = new ArrayList<>(export.lines().toList());
        lines.set(4, lines.get(4).replace("\"bronsein.purpose\":\"intake\"", "\"bronsein.purpose\":\"research\""));
        assertThat(lines.get(4)).contains("research");
        assertThat(ProcessingChain.verifyExport(reader(String.join("\n", lines)), json).firstBreak())
                .hasValueSatisfying(broken -> {
                    assertThat(broken.seq()).isEqualTo(7);
                    assertThat(broken.kind()).isEqualTo(ChainBreak.Kind.CHANGED);
                });

        List<String> gap = new ArrayList<>(export.lines().toList());
        gap.remove(3);
        assertThat(ProcessingChain.verifyExport(reader(String.join("\n", gap)), json).firstBreak())
                .hasValueSatisfying(broken -> assertThat(broken.kind()).isEqualTo(ChainBreak.Kind.REMOVED));

        List<String> twice = new ArrayList<>(export.lines().toList());
        twice.add(3, twice.get(3));
        assertThat(ProcessingChain.verifyExport(reader(String.join("\n", twice)), json).firstBreak())
                .hasValueSatisfying(broken -> {
                    assertThat(broken.seq()).isEqualTo(6);
                    assertThat(broken.kind()).isEqualTo(ChainBreak.Kind.INSERTED);
                });
    }

    /** The header, then the records from seq {@code from} to {@code to}, as an officer's export writes them. */
    private String export(long from, long to) {
        StringBuilder out = new StringBuilder(json.writeValueAsString(new ProcessingExportHeader(chain.stateBefore(from))))
                .append('\n');
        trail.all().stream().filter(r -> r.chainSeq() != null && r.chainSeq() >= from && r.chainSeq() <= to)
                .sorted(java.util.Comparator.comparing(AuditRecord::chainSeq))
                .forEach(r -> out.append(json.writeValueAsString(ProcessingRecordLine.of(r))).append('\n'));
        return out.toString();
    }

    private static BufferedReader reader(String text) {
        return new BufferedReader(new StringReader(text));
    }

    private void writeAndSeal(int records) {
        for (int i = 0; i < records; i++) {
            write("record-" + i);
            clock.advance(Duration.ofMillis(1));
        }
        sealer.sealPending();
        assertThat(chain.verify().intact()).isTrue();
    }

    private void write(String objectId) {
        trail.record(new Processing(Processing.PULL, "urn:nld:oin:00000001234567890000", "referral", objectId, "intake",
                AuditOutcome.ALLOWED, null, 200, Optional.of("999990019"), clock.instant().minusMillis(3)));
    }

    private static void sealWhile(ChainSealer sealer, AtomicBoolean writing) {
        while (writing.get()) {
            sealer.sealPending();
        }
    }
}

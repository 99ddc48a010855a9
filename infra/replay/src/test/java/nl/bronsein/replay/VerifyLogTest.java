package nl.bronsein.replay;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.transaction.support.TransactionTemplate;

import nl.bronsein.runtime.RuntimeTables;
import nl.bronsein.runtime.audit.AuditOutcome;
import nl.bronsein.runtime.audit.AuditRecord;
import nl.bronsein.runtime.audit.AuditTrail;
import nl.bronsein.runtime.audit.ChainSealer;
import nl.bronsein.runtime.audit.Processing;
import nl.bronsein.runtime.audit.ProcessingChain;
import nl.bronsein.runtime.audit.ProcessingExportHeader;
import nl.bronsein.runtime.audit.ProcessingRecordLine;
import tools.jackson.databind.json.JsonMapper;

/** {@code replay verify-log} on a node's database (H2, as a node embeds it) and on an exported range. */
class VerifyLogTest {

    private final JsonMapper json = JsonMapper.builder().build();
    private String url;
    private JdbcClient jdbc;
    private AuditTrail trail;

    @TempDir
    Path dir;

    /** A node's database with six sealed records; only the tests that read one pay for its migration. */
    private void aNodeWithSixSealedRecords() {
        url = "jdbc:h2:mem:verify-log-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";
        DriverManagerDataSource database = new DriverManagerDataSource(url, "sa", "");
        RuntimeTables.migrate(database);
        jdbc = JdbcClient.create(database);
        trail = AuditTrail.withoutTracing(jdbc, Clock.fixed(Instant.parse("2026-12-06T10:00:00Z"), ZoneOffset.UTC));
        for (int i = 0; i < 6; i++) {
            trail.record(new Processing(Processing.PULL, "urn:nld:kvk:87654321", "case", "case-" + i,
                    "referral-feedback", AuditOutcome.ALLOWED, null, 200, Optional.of("999990019"), null));
        }
        new ChainSealer(jdbc, new TransactionTemplate(new DataSourceTransactionManager(database)), Duration.ofSeconds(1),
                100).sealBatch();
    }

    @Test
    void anIntactDatabaseIsOkWithItsCountAndHeadHash() {
        aNodeWithSixSealedRecords();
        Result result = run("verify-log", "--jdbc-url", url, "--user", "sa");

        String head = new ProcessingChain(jdbc).head().hash();
        assertThat(result.code()).isZero();
        assertThat(result.out()).isEqualTo("database: OK 6 sealed record(s), head seq 6 hash " + head + "\n");
        assertThat(result.err()).isEmpty();
    }

    @Test
    void aChainRewrittenWholeNoLongerPassesThroughTheHeadKeptEarlier() {
        aNodeWithSixSealedRecords();
        String kept = "6:" + new ProcessingChain(jdbc).head().hash();
        assertThat(run("verify-log", "--jdbc-url", url, "--user", "sa", "--head", kept).code()).isZero();

        // someone who may write the database edits a record and seals the whole log again: every link holds
        jdbc.sql("update audit_record set purpose = 'research' where chain_seq = 2").update();
        jdbc.sql("update audit_record set chain_seq = null, chain_hash = null").update();
        jdbc.sql("update audit_chain_head set chain_seq = 0, chain_hash = :genesis")
                .param("genesis", "0".repeat(64)).update();
        new ChainSealer(jdbc, new TransactionTemplate(new DataSourceTransactionManager(
                new DriverManagerDataSource(url, "sa", ""))), Duration.ofSeconds(1), 100).sealBatch();
        assertThat(run("verify-log", "--jdbc-url", url, "--user", "sa").code()).isZero();

        Result result = run("verify-log", "--jdbc-url", url, "--user", "sa", "--head", kept);
        assertThat(result.code()).isEqualTo(1);
        assertThat(result.out()).startsWith("database: BROKEN at seq 6 changed: the chain was rewritten: seq 6 has hash ");
    }

    @Test
    void aHeadThatIsNoSeqAndHashIsAUsageError() {
        Result result = run("verify-log", "--jdbc-url", "jdbc:h2:mem:x", "--head", "6:abc");

        assertThat(result.code()).isEqualTo(2);
        assertThat(result.err()).contains("--head must be SEQ:HASH");
    }

    @Test
    void aDeletedRecordFailsWithItsSeq() {
        aNodeWithSixSealedRecords();
        jdbc.sql("delete from audit_record where chain_seq = 4").update();

        Result result = run("verify-log", "--jdbc-url", url, "--user", "sa");

        assertThat(result.code()).isEqualTo(1);
        assertThat(result.out()).isEqualTo("database: BROKEN at seq 4 removed: the chain goes from seq 3 to seq 5: 1 "
                + "record(s) are gone\n");
    }

    @Test
    void anExportVerifiesAndAnEditedLineIsNamed() throws Exception {
        aNodeWithSixSealedRecords();
        Path export = dir.resolve("export.jsonl");
        List<String> lines = export(2);
        Files.write(export, lines);

        Result intact = run("verify-log", "--file", export.toString());
        assertThat(intact.code()).isZero();
        assertThat(intact.out()).startsWith("export " + export + ": OK 5 sealed record(s), head seq 6 hash ");

        lines.set(3, lines.get(3).replace("\"bronsein.outcome\":\"ALLOWED\"", "\"bronsein.outcome\":\"NOT_INVOLVED\""));
        Files.write(export, lines);
        Result edited = run("verify-log", "--jdbc-url", url, "--user", "sa", "--file", export.toString());
        assertThat(edited.code()).isEqualTo(1);
        assertThat(edited.out()).startsWith("database: OK 6 sealed record(s)")
                .contains("\nexport " + export + ": BROKEN at seq 4 changed: its fields no longer give its hash");
    }

    @Test
    void aFileThatIsNoExportIsBadInput() throws Exception {
        Path export = dir.resolve("other.jsonl");
        Files.writeString(export, "{\"trace_id\": \"x\"}\n");

        Result result = run("verify-log", "--file", export.toString());

        assertThat(result.code()).isEqualTo(2);
        assertThat(result.err()).startsWith("replay: " + export + ": line 1: an export starts with its header");
    }

    @Test
    void aDatabaseOutOfReachIsExitThree() {
        Result result = run("verify-log", "--jdbc-url", "jdbc:postgresql://127.0.0.1:1/node", "--user", "node");

        assertThat(result.code()).isEqualTo(3);
        assertThat(result.err()).startsWith("replay: cannot read the processing log at jdbc:postgresql://127.0.0.1:1/node");
    }

    @Test
    void neitherDatabaseNorFileIsAUsageError() {
        Result result = run("verify-log");

        assertThat(result.code()).isEqualTo(2);
        assertThat(result.err()).contains("verify-log needs --jdbc-url URL, --file FILE or both");
    }

    /** The header, then the sealed records from seq {@code from}: an export of a range. */
    private List<String> export(long from) {
        List<String> lines = new ArrayList<>();
        lines.add(json.writeValueAsString(new ProcessingExportHeader(new ProcessingChain(jdbc).stateBefore(from))));
        trail.all().stream().filter(r -> r.chainSeq() >= from).sorted(Comparator.comparing(AuditRecord::chainSeq))
                .forEach(r -> lines.add(json.writeValueAsString(ProcessingRecordLine.of(r))));
        return lines;
    }

    private static Result run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = ReplayMain.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private record Result(int code, String out, String err) {
    }
}

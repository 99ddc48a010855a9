package nl.bronsein.benchmark;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.LongStream;

import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import nl.bronsein.runtime.audit.AuditRecord;
import nl.bronsein.runtime.audit.AuditTrail;
import nl.bronsein.runtime.audit.Processing;

/**
 * The processing-log part on a real PostgreSQL with a few thousand rows: the rows it makes are ones the node's own
 * {@link AuditTrail} reads back, in the mix it says, about the citizens it says, and the queries it times answer what
 * they claim to.
 */
class ProcessingLogQueriesTest {

    /** 50 citizens: a number that 100 is a multiple of, where a citizen chosen from the row's number was of one kind. */
    private static final int ROWS = 2_908;

    @Test
    void fillsTheLogInItsMixAndTimesQueriesThatFindTheCitizensAndThePartysRecords() throws Exception {
        try (EmbeddedPostgres postgres = EmbeddedPostgres.builder().start()) {
            JdbcTarget database = new JdbcTarget(postgres.getJdbcUrl("postgres", "postgres"), "postgres", "");
            ByteArrayOutputStream printed = new ByteArrayOutputStream();
            ProcessingLogQueries.Figure figure = ProcessingLogQueries.measure(database, ROWS, 2,
                    new PrintStream(printed, true, StandardCharsets.UTF_8));

            JdbcClient jdbc = database.jdbc();
            assertThat(jdbc.sql("select count(*) from audit_record").query(Long.class).single()).isEqualTo(ROWS);
            Map<String, Long> names = jdbc.sql("select name, count(*) from audit_record group by name")
                    .query((rs, n) -> Map.entry(rs.getString(1), rs.getLong(2))).list().stream()
                    .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
            assertThat(figure.citizens()).isEqualTo(50);
            assertThat(names).containsEntry(Processing.CHANGE, rowsOfKind(0, 34))
                    .containsEntry(Processing.PULL, rowsOfKind(35, 69))
                    .containsEntry(Processing.STAFF_READ, rowsOfKind(70, 84));
            assertThat(jdbc.sql("select count(*) from audit_record where subject is not null").query(Long.class)
                    .single()).isEqualTo(rowsOfKind(0, 84) + rowsOfKind(99, 99));
            assertThat(jdbc.sql("select count(*) from (select subject from audit_record where subject is not null"
                    + " group by subject having count(distinct name) < 3) one_kind").query(Long.class).single())
                    .as("every citizen's records are changes, pulls and staff reads").isZero();
            assertThat(jdbc.sql("select count(*) from audit_record where length(subject) <> 64").query(Long.class)
                    .single()).isZero();

            // the citizen measured: the node's own trail finds its records under its pseudonym of the BSN
            AuditTrail trail = AuditTrail.withoutTracing(jdbc, Clock.systemUTC());
            String bsn = ProcessingLogQueries.bsn(figure.citizens() / 2);
            assertThat(figure.citizenRecords()).isEqualTo(jdbc.sql("select count(*) from audit_record where subject = :s")
                    .param("s", trail.subjectOf(bsn)).query(Long.class).single()).isPositive();
            assertThat(trail.accessesAbout(bsn)).hasSize(figure.citizen().answered()).isNotEmpty()
                    .extracting(AuditRecord::name).containsOnly(Processing.PULL, Processing.STAFF_READ);
            assertThat(figure.citizen().runs().count()).isEqualTo(2);
            assertThat(figure.otherCitizens().count()).isEqualTo(2);

            // the pages hold the party's records only, as many as it has in the month up to a page
            long busyInMonth = jdbc.sql("select count(*) from audit_record where caller = :p and recorded_at >= "
                            + "timestamp with time zone '2026-06-30 00:00:00+00' and recorded_at < "
                            + "timestamp with time zone '2026-07-30 00:00:00+00'")
                    .param("p", ProcessingLogQueries.party(1)).query(Long.class).single();
            assertThat(figure.busyParty().answered()).isPositive()
                    .isEqualTo(Math.min(ProcessingLogQueries.PAGE, busyInMonth));
            assertThat(figure.withoutIndex()).as("V17's index is there to be dropped for the comparison").isNotNull();
            assertThat(jdbc.sql("select count(*) from pg_indexes where indexname = 'audit_record_caller'")
                    .query(Long.class).single()).as("and back after the rollback").isEqualTo(1);
            assertThat(figure.targetMet()).isTrue();
            assertThat(ProcessingLogQueries.describe(figure)).last().asString()
                    .isEqualTo("  target: one citizen's records in < 2 s: met");
        }
    }

    /** Rows 1..ROWS whose {@code g % 100} is in [from, to]: the fill's kinds. */
    private static long rowsOfKind(int from, int to) {
        return LongStream.rangeClosed(1, ROWS).filter(g -> g % 100 >= from && g % 100 <= to).count();
    }
}

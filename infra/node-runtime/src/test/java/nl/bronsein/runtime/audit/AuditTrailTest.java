package nl.bronsein.runtime.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.jdbc.core.simple.JdbcClient;

import nl.bronsein.runtime.BothDatabases;
import nl.bronsein.runtime.RuntimeTables;
import tools.jackson.databind.json.JsonMapper;

/** The processing log on both databases: LDV's fields, the citizen by pseudonym, the register, fail closed, export. */
class AuditTrailTest {

    @RegisterExtension
    static final BothDatabases BOTH = new BothDatabases();

    private static final Instant START = Instant.parse("2026-12-06T10:00:00.123456Z");
    private static final Instant NOW = Instant.parse("2026-12-06T10:00:00.456789Z");
    private static final String BSN = "999993653";
    private static final String GP = "urn:nld:kvk:12345678";
    private static final String MUNICIPALITY = "urn:nld:oin:00000001001234567000";
    private static final ProcessingSpan ENCLOSING = new ProcessingSpan("4bf92f3577b34da6a3ce929d0e0e4736", "00f067aa0ba902b7");

    static Stream<JdbcClient> databases() {
        return BOTH.databases("audit-trail", "audit_record", "processing_log_key");
    }

    private static AuditTrail trail(JdbcClient jdbc, Optional<ProcessingSpan> enclosing) {
        SubjectPseudonyms subjects = new SubjectPseudonyms(jdbc, new SecureRandom());
        subjects.afterSingletonsInstantiated();
        ProcessingActivities register = new ProcessingActivities(
                Map.of("pull.intake", URI.create("https://register.gemeente.example/verwerkingen/wmo-intake")),
                () -> Set.of("intake", "care-delivery", "referral"));
        return new AuditTrail(jdbc, Clock.fixed(NOW, ZoneOffset.UTC), () -> enclosing, register, subjects,
                new SecureRandom(), () -> { });
    }

    private static Processing pull(String purpose, AuditOutcome outcome) {
        return new Processing(Processing.PULL, MUNICIPALITY, "referral", "0b9f2f3c-8a3e-4a59-9d1c-2f4b5c6d7e8f", purpose,
                outcome, "view intake", 200, Optional.of(BSN), START);
    }

    @ParameterizedTest
    @MethodSource("databases")
    void aRecordHasLdvsFieldsInTheSpanItRanIn(JdbcClient jdbc) {
        AuditTrail trail = trail(jdbc, Optional.of(ENCLOSING));

        trail.record(pull("intake", AuditOutcome.ALLOWED));

        AuditRecord written = trail.all().get(0);
        assertThat(written.traceId()).isEqualTo(ENCLOSING.traceId());
        assertThat(written.parentSpanId()).isEqualTo(ENCLOSING.spanId());
        assertThat(written.spanId()).matches("[0-9a-f]{16}").isNotEqualTo(ENCLOSING.spanId());
        assertThat(written).extracting(AuditRecord::name, AuditRecord::startedAt, AuditRecord::at,
                AuditRecord::statusCode, AuditRecord::activity, AuditRecord::subjectType, AuditRecord::caller,
                AuditRecord::purpose).containsExactly("pull", START, NOW, "OK",
                "https://register.gemeente.example/verwerkingen/wmo-intake", "BSN", MUNICIPALITY, "intake");
    }

    @ParameterizedTest
    @MethodSource("databases")
    void withoutAnEnclosingSpanARecordStartsATraceOfItsOwn(JdbcClient jdbc) {
        AuditTrail trail = trail(jdbc, Optional.empty());

        trail.record(pull("intake", AuditOutcome.ALLOWED));
        trail.record(pull("intake", AuditOutcome.ALLOWED));

        assertThat(trail.all()).extracting(AuditRecord::traceId).doesNotHaveDuplicates()
                .allSatisfy(id -> assertThat(id).matches("[0-9a-f]{32}"));
        assertThat(trail.all()).extracting(AuditRecord::parentSpanId).containsOnlyNulls();
    }

    @ParameterizedTest
    @MethodSource("databases")
    void theCitizenIsNamedByThisNodesPseudonymNeverTheBsn(JdbcClient jdbc) {
        AuditTrail trail = trail(jdbc, Optional.empty());
        AuditTrail anotherNode = trail(RuntimeTables.inMemoryH2("another-node"), Optional.empty());

        trail.record(pull("intake", AuditOutcome.ALLOWED));
        trail.record(pull("care-delivery", AuditOutcome.NOT_INVOLVED));

        assertThat(trail.all()).extracting(AuditRecord::subject).containsOnly(trail.subjectOf(BSN));
        assertThat(trail.subjectOf(BSN)).matches("[0-9a-f]{64}").doesNotContain(BSN)
                .isNotEqualTo(anotherNode.subjectOf(BSN)).isNotEqualTo(trail.subjectOf("999998882"));
        // the key is the node's: another instance on the same database names the citizen alike
        assertThat(trail(jdbc, Optional.empty()).subjectOf(BSN)).isEqualTo(trail.subjectOf(BSN));
        assertThat(jdbc.sql("select count(*) from audit_record where subject like '%" + BSN + "%' or reason like '%"
                + BSN + "%'").query(Long.class).single()).isZero();
    }

    @ParameterizedTest
    @MethodSource("databases")
    void theActivityComesFromTheRegisterAndOnlyAKnownPurposeQualifiesIt(JdbcClient jdbc) {
        AuditTrail trail = trail(jdbc, Optional.empty());

        trail.record(pull("care-delivery", AuditOutcome.ALLOWED));
        trail.record(pull("made-up-purpose", AuditOutcome.PURPOSE_NOT_ALLOWED));
        trail.record(new Processing(Processing.CHANGE, GP, "referral", "0b9f2f3c-8a3e-4a59-9d1c-2f4b5c6d7e8f", null,
                AuditOutcome.ALLOWED, "version 2 corrected", null, Optional.of(BSN), null));

        assertThat(trail.all()).extracting(AuditRecord::activity, AuditRecord::statusCode).containsExactly(
                org.assertj.core.groups.Tuple.tuple("urn:bronsein:processing-activity:pull.care-delivery", "OK"),
                org.assertj.core.groups.Tuple.tuple("urn:bronsein:processing-activity:pull", "UNSET"),
                org.assertj.core.groups.Tuple.tuple("urn:bronsein:processing-activity:change.referral", "OK"));
        // a change without a start of its own started when it was recorded
        assertThat(trail.all().get(2).startedAt()).isEqualTo(NOW);
    }

    @ParameterizedTest
    @MethodSource("databases")
    void aRecordThatCannotBeWrittenRefusesTheProcessing(JdbcClient jdbc) {
        AuditTrail trail = trail(jdbc, Optional.empty());
        jdbc.sql("alter table audit_record rename to audit_record_away").update();
        try {
            assertThatThrownBy(() -> trail.record(pull("intake", AuditOutcome.ALLOWED)))
                    .isInstanceOf(ProcessingLogUnavailableException.class)
                    .hasMessageNotContaining(BSN).hasMessageNotContaining("insert");
        } finally {
            jdbc.sql("alter table audit_record_away rename to audit_record").update();
        }
    }

    @ParameterizedTest
    @MethodSource("databases")
    void anExportLineCarriesLdvsNamesAndGivesBackTheRecordAsStored(JdbcClient jdbc) {
        AuditTrail trail = trail(jdbc, Optional.of(ENCLOSING));
        trail.record(pull("intake", AuditOutcome.ALLOWED));
        AuditRecord stored = trail.all().get(0);
        JsonMapper json = JsonMapper.builder().build();

        String line = json.writeValueAsString(ProcessingRecordLine.of(stored));

        assertThat(json.readTree(line).path("attributes").path("dpl.core.processing_activity_id").asString())
                .isEqualTo("https://register.gemeente.example/verwerkingen/wmo-intake");
        assertThat(json.readTree(line).path("trace_id").asString()).isEqualTo(ENCLOSING.traceId());
        assertThat(line).doesNotContain(BSN);
        assertThat(json.readValue(line, ProcessingRecordLine.class).toRecord()).isEqualTo(stored);
    }
}

package nl.bronsein.runtime.retention;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.Period;
import java.util.Map;
import java.util.Optional;
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
import nl.bronsein.runtime.audit.AuditOutcome;
import nl.bronsein.runtime.audit.AuditRecord;
import nl.bronsein.runtime.audit.AuditTrail;
import nl.bronsein.runtime.audit.ChainSealer;
import nl.bronsein.runtime.audit.ChainState;
import nl.bronsein.runtime.audit.ChainTables;
import nl.bronsein.runtime.audit.ChainVerification;
import nl.bronsein.runtime.audit.Processing;
import nl.bronsein.runtime.audit.ProcessingChain;
import nl.bronsein.runtime.retention.RetentionProperties.Rule;

/**
 * Retention on a clock the test moves, on H2 and PostgreSQL: exactly what expired goes — processing records only as a
 * sealed prefix, with a checkpoint from which the rest of the chain still verifies; pulled copies by the time since
 * they were last pulled, withdrawn ones emptied but kept — and the job records what it did.
 */
class RetentionTest {

    private static final Instant T0 = Instant.parse("2020-01-01T00:00:00Z");
    private static final String NODE = "urn:nld:oin:00000001234567890000";
    private static final String GP = "urn:nld:kvk:12345678";

    @RegisterExtension
    static final BothDatabases BOTH = new BothDatabases();

    private final MovableClock clock = new MovableClock(T0);
    /** Catalogue services' records kept a year, everything else five (the default). */
    private final RetentionProperties properties = new RetentionProperties(Duration.ofDays(1),
            Map.of("service", new Rule(Period.ofYears(1), "test: a year")), null);
    private JdbcClient jdbc;
    private AuditTrail trail;
    private ChainSealer sealer;
    private ProcessingChain chain;
    private Retention retention;

    static Stream<DataSource> databases() {
        return BOTH.dataSources("retention", "pulled_copy");
    }

    private void on(DataSource database) {
        jdbc = JdbcClient.create(database);
        ChainTables.empty(jdbc);
        TransactionTemplate transactions = new TransactionTemplate(new DataSourceTransactionManager(database));
        trail = AuditTrail.withoutTracing(jdbc, clock);
        sealer = new ChainSealer(jdbc, transactions, Duration.ofSeconds(1), 100);
        chain = new ProcessingChain(jdbc);
        retention = new Retention(jdbc, transactions, trail, properties, clock, NODE);
    }

    @ParameterizedTest
    @MethodSource("databases")
    void removesExactlyTheExpiredSealedPrefixAndCheckpointsIt(DataSource database) {
        on(database);
        pull("referral", "r-1");                       // seq 1, expires T0 + 5y
        pull("referral", "r-2");                       // seq 2, expires T0 + 5y
        clock.advance(Duration.ofDays(1));
        pull("service", "s-1");                        // seq 3, expires T0 + 1y + 1d
        clock.advance(Duration.ofDays(730));
        pull("referral", "r-3");                       // seq 4, expires T0 + 7y + 1d
        pull("service", "s-2");                        // seq 5, expires T0 + 3y + 1d, but seq 4 is older in the chain
        sealer.sealBatch();

        // two years on, only seq 3 has expired: it waits for seq 1 and 2, the chain loses nothing from its middle
        assertThat(retention.run().records()).isZero();
        assertThat(trail.all()).hasSize(5);

        clock.advance(Duration.ofDays(3 * 365 + 2));   // T0 + 5y + 3d
        Retention.Removed removed = retention.run();

        assertThat(removed.records()).isEqualTo(3);
        assertThat(removed.checkpoint()).map(ChainState::seq).contains(3L);
        assertThat(trail.all()).extracting(AuditRecord::objectId, AuditRecord::chainSeq)
                .containsExactly(tuple("r-3", 4L), tuple("s-2", 5L), tuple(null, null));
        assertThat(jdbc.sql("select chain_seq, removed from audit_chain_checkpoint").query((rs, n) ->
                tuple(rs.getLong(1), rs.getLong(2))).list()).containsExactly(tuple(3L, 3L));
        AuditRecord itself = trail.all().get(2);
        assertThat(itself.name()).isEqualTo(Processing.RETENTION);
        assertThat(itself.caller()).isEqualTo(NODE);
        assertThat(itself.reason()).isEqualTo(
                "removed 3 processing record(s) through seq 3 and 0 pulled copies; emptied 0 withdrawn copies");

        sealer.sealBatch();
        ChainVerification verified = chain.verify();
        assertThat(verified.intact()).as(verified.toString()).isTrue();
        assertThat(verified.records()).isEqualTo(3);
        assertThat(verified.head().seq()).isEqualTo(6);
        assertThat(chain.stateBefore(4)).isEqualTo(chain.checkpoint());

        // nothing more expired: no removal and no record of one
        assertThat(retention.run().records()).isZero();
        assertThat(trail.all()).hasSize(3);
    }

    @ParameterizedTest
    @MethodSource("databases")
    void neverRemovesABrokenLinkSoTheTamperingStaysToBeFound(DataSource database) {
        on(database);
        for (int i = 0; i < 4; i++) {
            pull("referral", "r-" + i);
        }
        sealer.sealBatch();
        jdbc.sql("update audit_record set purpose = 'research' where chain_seq = 3").update();
        clock.advance(Duration.ofDays(6 * 365));

        assertThat(retention.run().checkpoint()).map(ChainState::seq).contains(2L);

        assertThat(chain.verify().firstBreak()).hasValueSatisfying(broken -> assertThat(broken.seq()).isEqualTo(3));
    }

    @ParameterizedTest
    @MethodSource("databases")
    void removesPulledCopiesByTheTimeSinceTheyWereLastPulledAndEmptiesWithdrawnOnes(DataSource database) {
        on(database);
        copy("referral", "r-1", T0, null);                                      // 20 years: kept
        copy("contact-point", "cp-old", T0, null);                              // 1 year: removed
        copy("contact-point", "cp-fresh", T0.plus(Duration.ofDays(5 * 365)), null); // pulled again lately: kept
        copy("contact-point", "cp-withdrawn", T0, T0.plus(Duration.ofDays(1)));   // withdrawn: emptied, kept
        copy("widget", "w-old", T0.plus(Duration.ofDays(3 * 365)), null);        // default 2 years: removed
        copy("widget", "w-new", T0.plus(Duration.ofDays(4 * 365 + 200)), null);  // kept
        clock.advance(Duration.ofDays(5 * 365 + 100));                         // T0 + 5y + ~100d

        Retention.Removed removed = retention.run();

        assertThat(removed.copies()).isEqualTo(2);
        assertThat(removed.anonymisedCopies()).isEqualTo(1);
        assertThat(jdbc.sql("select object_id, content, withdrawal from pulled_copy order by object_id")
                .query((rs, n) -> tuple(rs.getString(1), rs.getString(2), rs.getString(3))).list())
                .containsExactly(tuple("cp-fresh", "{\"x\":1}", null), tuple("cp-withdrawn", "null", "CONSENT_WITHDRAWN"),
                        tuple("r-1", "{\"x\":1}", null), tuple("w-new", "{\"x\":1}", null));
        assertThat(trail.all()).singleElement().satisfies(record -> {
            assertThat(record.name()).isEqualTo(Processing.RETENTION);
            assertThat(record.reason()).isEqualTo(
                    "removed 0 processing record(s) and 2 pulled copies; emptied 1 withdrawn copies");
        });
        assertThat(retention.run().anonymisedCopies()).isZero();
    }

    private void pull(String type, String id) {
        trail.record(new Processing(Processing.PULL, GP, type, id, "intake", AuditOutcome.ALLOWED, null, 200,
                Optional.of("999990019"), null));
    }

    private void copy(String type, String id, Instant pulledAt, Instant withdrawnAt) {
        jdbc.sql("""
                        insert into pulled_copy (owner, object_type, object_id, version, purpose, pulled_at, content,
                            withdrawal, withdrawn_at)
                        values (:owner, :type, :id, 1, 'intake', :pulledAt, '{"x":1}', :withdrawal, :withdrawnAt)""")
                .param("owner", GP).param("type", type).param("id", id).param("pulledAt", Timestamp.from(pulledAt))
                .param("withdrawal", withdrawnAt == null ? null : "CONSENT_WITHDRAWN")
                .param("withdrawnAt", withdrawnAt == null ? null : Timestamp.from(withdrawnAt))
                .update();
    }
}

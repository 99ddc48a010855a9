package nl.bronsein.benchmark;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

import tools.jackson.databind.json.JsonMapper;

/**
 * The plain-JDBC floor writes what a recorded referral writes in the node — consent, referral, the change's processing
 * record and one unnumbered outbox row — one commit per change, from concurrent clients that take no shared lock.
 */
class RawJdbcTest {

    @Test
    void eachChangeWritesTheNodesRowsAndLeavesTheOutboxRowForTheRelayToNumber() throws Exception {
        JdbcTarget database = new JdbcTarget("jdbc:h2:mem:raw-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "sa", "");
        RawJdbc.prepare(database);
        RawJdbc.OutboxSample outbox = new RawJdbc.OutboxSample("bronsein.inbox.municipality.oin.00000001001234567000",
                "nl.bronsein.referral.recorded", "referral", "https://gp.example/network/v1/objects/referral/",
                new byte[] {1, 2, 3}, Member.MUNICIPALITY.urn, "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01");
        RawJdbc.ChangeRecordSample change = new RawJdbc.ChangeRecordSample(Member.GP.urn, "referral", null, "ALLOWED",
                "version 1 RECORDED", "0af7651916cd43dd8448eb211c80319c", "b7ad6b7169203331", null, "change", "OK",
                "urn:bronsein:processing-activity:change.referral", "pseudonym", "BSN");

        ClosedLoop.Result result = RawJdbc.measure(database, ReferralSample.draft(JsonMapper.builder().build()), outbox,
                change, 4, 40);

        assertThat(result.calls()).isEqualTo(40);
        JdbcClient jdbc = database.jdbc();
        assertThat(jdbc.sql("select count(*) from referral").query(Long.class).single()).isEqualTo(40);
        assertThat(jdbc.sql("select count(*) from consent_record").query(Long.class).single()).isEqualTo(40);
        assertThat(jdbc.sql("select count(*) from audit_record where name = 'change'").query(Long.class).single())
                .isEqualTo(40);
        assertThat(jdbc.sql("select count(*) from outbox_entry where source_sequence is null and recipient = :recipient")
                .param("recipient", Member.MUNICIPALITY.urn).query(Long.class).single()).isEqualTo(40);
        assertThat(jdbc.sql("select count(distinct subject) from outbox_entry").query(Long.class).single())
                .as("one outbox row per referral").isEqualTo(40);
    }
}

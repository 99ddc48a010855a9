package nl.bronsein.runtime.outbox;

import static org.mockito.Mockito.mock;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;
import org.springframework.transaction.support.TransactionTemplate;

import nl.bronsein.runtime.config.InvalidNodeConfigurationException;
import nl.bronsein.schemas.NotificationCodec;
import nl.bronsein.schemas.ObjectChanged;

/**
 * What the outbox writes for a change: one row per addressed participant on its inbox, the body built here with the
 * facts only; and a database of the first network (rows on the shared per-type topics) refused with a clear message.
 */
class OutboxTest {

    private JdbcClient jdbc;
    private Outbox outbox;
    private TransactionTemplate transactions;

    @BeforeEach
    void database() {
        SingleConnectionDataSource database = new SingleConnectionDataSource(
                "jdbc:h2:mem:outbox-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", true);
        nl.bronsein.runtime.RuntimeTables.migrate(database);
        jdbc = JdbcClient.create(database);
        outbox = new Outbox(new OutboxRepository(jdbc), new NotificationCodec(), OutboxFixtures.IDENTITY,
                () -> { }, OutboxFixtures.addressees(), mock(nl.bronsein.runtime.audit.AuditTrail.class));
        transactions = new TransactionTemplate(new DataSourceTransactionManager(database));
    }

    @Test
    void aChangeIsWrittenToItsRecipientsInboxWithTheFactsOnly() {
        String referral = UUID.randomUUID().toString();
        List<OutboxEntry> written = transactions.execute(status -> outbox.record(OutboxFixtures.change(referral, 3)));

        assertThat(written).singleElement().satisfies(entry -> {
            assertThat(entry.topic()).isEqualTo(OutboxFixtures.INBOX);
            assertThat(entry.recipient()).isEqualTo(OutboxFixtures.MUNICIPALITY);
            assertThat(entry.sourceSequence()).as("numbered by the relay after the commit").isNull();
            assertThat(entry.recipientSequence()).isNull();
            assertThat(entry.eventType()).isEqualTo("nl.bronsein.referral.corrected.v2");
            ObjectChanged body = new NotificationCodec().decode(entry.body(), ObjectChanged.class);
            assertThat(body).isEqualTo(new ObjectChanged("referral", referral, 3, OutboxFixtures.GP, body.getOccurredAt()));
        });
    }

    @Test
    void aCommittedChangeIsInItsRecipientsHistoryOnceNumbered() {
        OutboxRepository repository = new OutboxRepository(jdbc);
        transactions.executeWithoutResult(status -> outbox.record(OutboxFixtures.change(UUID.randomUUID().toString(), 1)));
        assertThat(repository.findSentTo(OutboxFixtures.MUNICIPALITY, 0, null, 10)).as("before the relay numbered it")
                .isEmpty();

        assertThat(new OutboxNumbering(repository, transactions, OutboxFixtures.GP, 500).numberBatch()).isEqualTo(1);

        assertThat(repository.findSentTo(OutboxFixtures.MUNICIPALITY, 0, null, 10)).singleElement()
                .satisfies(entry -> {
                    assertThat(entry.sourceSequence()).isEqualTo(1L);
                    assertThat(entry.recipientSequence()).isEqualTo(1L);
                });
    }

    @Test
    void aDatabaseOfTheFirstNetworkIsRefusedAtStartWithWhatToDo() {
        jdbc.sql("""
                insert into outbox_entry (event_id, source_sequence, topic, event_type, object_type, subject, dataref,
                                          occurred_at, body)
                values (:id, 1, 'bronsein.referral.v1', 'nl.bronsein.referral.recorded.v1', 'referral', 'r-1',
                        'https://gp.example:8443/network/v1/objects/referral/r-1', current_timestamp, X'01')""")
                .param("id", UUID.randomUUID()).update();

        assertThatThrownBy(outbox::afterSingletonsInstantiated).isInstanceOfSatisfying(
                InvalidNodeConfigurationException.class, e -> {
                    assertThat(e.getMessage()).contains("1 notification(s) from before addressed delivery");
                    assertThat(e.action()).contains("fresh database", ".bronsein-network");
                });
    }

    @Test
    void aDatabaseOfThisReleaseStarts() {
        transactions.executeWithoutResult(status -> outbox.record(OutboxFixtures.change(UUID.randomUUID().toString(), 1)));

        outbox.afterSingletonsInstantiated();

        assertThat(jdbc.sql("select count(*) from source_sequence").query(Long.class).single()).isEqualTo(1);
    }
}

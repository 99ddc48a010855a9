package nl.bronsein.runtime.outbox;

import static org.mockito.Mockito.mock;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.DefaultTransactionIdSuffixStrategy;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.transaction.support.TransactionTemplate;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import nl.bronsein.runtime.SecuredTestBroker;
import nl.bronsein.runtime.RuntimeTables;
import nl.bronsein.runtime.metrics.RuntimeMetrics;
import nl.bronsein.runtime.trust.NodeIdentity;
import nl.bronsein.runtime.trust.Participant;
import nl.bronsein.runtime.trust.ParticipantId;
import nl.bronsein.runtime.trust.ParticipantRole;
import nl.bronsein.schemas.NotificationCodec;
import nl.bronsein.schemas.ObjectChanged;

/**
 * Two instances of one node on one real PostgreSQL database, both relaying while changes are committed: every change
 * is published exactly once, and each object's changes in order.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RelayOnSharedDatabaseTest {

    private static final String GP = "urn:nld:kvk:12345678";
    private static final int OBJECTS = 40;
    private static final int VERSIONS = 50;

    private EmbeddedPostgres postgres;
    private SecuredTestBroker broker;
    private Path dir;

    @BeforeAll
    void start() throws Exception {
        dir = Files.createTempDirectory("relay-shared-db");
        postgres = EmbeddedPostgres.builder().start();
        broker = SecuredTestBroker.start(dir.resolve("kafka"), List.of(GP));
        try (Admin admin = Admin.create(broker.client(GP))) {
            admin.createTopics(List.of(new NewTopic(OutboxFixtures.INBOX, 3, (short) 1),
                            new NewTopic(PublicationCheckpoint.ownTopic(ParticipantId.of(GP)), 1, (short) 1))).all()
                    .get(30, TimeUnit.SECONDS);
        }
    }

    @AfterAll
    void stop() throws Exception {
        broker.close();
        postgres.close();
    }

    @Test
    void twoRelaysOnOneDatabasePublishEveryChangeOnceAndInOrderPerObject() throws Exception {
        DataSource database = postgres.getPostgresDatabase();
        RuntimeTables.migrate(database);
        JdbcClient jdbc = JdbcClient.create(database);
        OutboxRepository repository = new OutboxRepository(jdbc);
        NodeIdentity identity = new NodeIdentity(new Participant(ParticipantId.of(GP), ParticipantRole.GP_PRACTICE,
                "Huisartsenpraktijk De Linde", URI.create("https://gp.example:8443"), "ab".repeat(32)));
        RelayProperties properties = new RelayProperties(Duration.ofMillis(50), 100, Duration.ofSeconds(10),
                Duration.ofMillis(200), Duration.ofSeconds(5), null);
        TransactionTemplate transactions = new TransactionTemplate(new DataSourceTransactionManager(database));
        Relay first = relay(repository, transactions, jdbc, identity, properties);
        Relay second = relay(repository, transactions, jdbc, identity, properties);
        Outbox outbox = new Outbox(repository, new NotificationCodec(), identity, first::wakeUp, OutboxFixtures.addressees(), mock(nl.bronsein.runtime.audit.AuditTrail.class));
        List<String> objects = new ArrayList<>();
        for (int i = 0; i < OBJECTS; i++) {
            objects.add(UUID.randomUUID().toString());
        }

        first.start();
        second.start();
        try {
            // 2,000 changes in small transactions while both relays run, the objects' versions interleaved
            for (int version = 1; version <= VERSIONS; version++) {
                int v = version;
                for (int batch = 0; batch < OBJECTS; batch += 10) {
                    List<String> some = objects.subList(batch, batch + 10);
                    transactions.executeWithoutResult(status -> some.forEach(id -> outbox.record(change(id, v))));
                }
                second.wakeUp();
            }
            await().atMost(Duration.ofSeconds(120)).until(() -> repository.countUnpublished() == 0);
        } finally {
            first.stop();
            second.stop();
        }

        List<ConsumerRecord<String, byte[]>> records = CommittedRecords.of(broker.client(GP), OutboxFixtures.INBOX);
        assertThat(records).hasSize(OBJECTS * VERSIONS);
        Set<String> eventIds = new HashSet<>();
        Set<Long> sequences = new HashSet<>();
        Map<String, List<Integer>> versionsPerObject = new HashMap<>();
        NotificationCodec codec = new NotificationCodec();
        for (ConsumerRecord<String, byte[]> record : records) {
            eventIds.add(new String(record.headers().lastHeader("ce_id").value(), StandardCharsets.UTF_8));
            sequences.add(Long.valueOf(new String(record.headers().lastHeader("ce_sequence").value(), StandardCharsets.UTF_8)));
            versionsPerObject.computeIfAbsent(record.key(), k -> new ArrayList<>())
                    .add(codec.decode(record.value(), ObjectChanged.class).getObjectVersion());
        }
        assertThat(eventIds).as("each change published exactly once").hasSize(OBJECTS * VERSIONS);
        // both relays numbered, each on from where the other left: the recipient's numbers have neither gap nor twin
        assertThat(sequences).as("the recipient's ce_sequence").hasSize(OBJECTS * VERSIONS)
                .containsAll(java.util.stream.LongStream.rangeClosed(1, OBJECTS * VERSIONS).boxed().toList());
        assertThat(versionsPerObject).hasSize(OBJECTS).allSatisfy((object, versions) ->
                assertThat(versions).as("versions of " + object).isSorted().hasSize(VERSIONS).doesNotHaveDuplicates());
    }

    private static NewNotification change(String objectId, int version) {
        return OutboxFixtures.change(objectId, version);
    }

    /** A relay as a node wires it: its own transactional producer, the participant's transactional id. */
    private Relay relay(OutboxRepository repository, TransactionTemplate transactions, JdbcClient jdbc,
                        NodeIdentity identity, RelayProperties properties) {
        DefaultKafkaProducerFactory<String, byte[]> producers = new DefaultKafkaProducerFactory<>(kafka(Map.of(
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true)), new StringSerializer(), new ByteArraySerializer());
        producers.setTransactionIdPrefix(PublicationCheckpoint.transactionalIdPrefix(GP));
        producers.setTransactionIdSuffixStrategy(new DefaultTransactionIdSuffixStrategy(1));
        PublicationCheckpoint checkpoint = new PublicationCheckpoint(PublicationCheckpoint.ownTopic(identity.id()), GP,
                broker.client(GP), Duration.ofSeconds(10));
        return new Relay(repository, new OutboxNumbering(repository, transactions, GP, properties.batchSize()),
                new RelayLease(jdbc, Clock.systemUTC(), properties.lease()), new KafkaTemplate<>(producers),
                checkpoint, identity, properties, Clock.systemUTC(), RuntimeMetrics.NONE,
                OutboxFixtures.signer());
    }

    /** This test's Kafka client settings: the participant's own TLS identity, and {@code settings}. */
    private Map<String, Object> kafka(Map<String, Object> settings) {
        Map<String, Object> client = new java.util.HashMap<>(broker.client(GP));
        client.putAll(settings);
        return client;
    }
}

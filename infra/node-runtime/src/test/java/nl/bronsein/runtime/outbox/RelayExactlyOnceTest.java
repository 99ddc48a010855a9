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
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.DefaultTransactionIdSuffixStrategy;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.transaction.support.TransactionTemplate;

import nl.bronsein.runtime.SecuredTestBroker;
import nl.bronsein.runtime.RuntimeTables;
import nl.bronsein.runtime.metrics.RuntimeMetrics;
import nl.bronsein.runtime.trust.NodeIdentity;
import nl.bronsein.runtime.trust.Participant;
import nl.bronsein.runtime.trust.ParticipantId;
import nl.bronsein.runtime.trust.ParticipantRole;
import nl.bronsein.schemas.NotificationCodec;

/**
 * The moments where at-least-once would publish twice: the database is away just after the Kafka commit, the relay
 * dies between the two, or the database is an older restore. Each outbox row must be on the topic exactly once, as a
 * read-committed consumer sees it.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RelayExactlyOnceTest {

    private static final String GP = "urn:nld:kvk:12345678";
    private static final String TOPIC = OutboxFixtures.INBOX;
    private static final String CHECKPOINTS = PublicationCheckpoint.ownTopic(ParticipantId.of(GP));
    private static final RelayProperties PROPERTIES = new RelayProperties(Duration.ofMillis(50), 10,
            Duration.ofSeconds(10), Duration.ofMillis(100), Duration.ofSeconds(5), null);

    private final NodeIdentity identity = new NodeIdentity(new Participant(ParticipantId.of(GP), ParticipantRole.GP_PRACTICE,
            "Huisartsenpraktijk De Linde", URI.create("https://gp.example:8443"), "ab".repeat(32)));
    private SecuredTestBroker broker;
    private JdbcClient jdbc;
    private TransactionTemplate transactions;
    private int run;

    @BeforeAll
    void startBroker() throws Exception {
        Path dir = Files.createTempDirectory("relay-exactly-once");
        broker = SecuredTestBroker.start(dir.resolve("kafka"), List.of(GP));
    }

    @AfterAll
    void stopBroker() {
        broker.close();
    }

    /** A fresh outbox, topic and checkpoint topic per test: each starts from a clean history. */
    @BeforeEach
    void freshOutboxAndTopics() throws Exception {
        run++;
        try (Admin admin = Admin.create(broker.client(GP))) {
            admin.deleteTopics(List.of(TOPIC, CHECKPOINTS));
            await().atMost(Duration.ofSeconds(30)).ignoreExceptions().until(() -> {
                admin.createTopics(List.of(new NewTopic(TOPIC, 3, (short) 1),
                        new NewTopic(CHECKPOINTS, 1, (short) 1))).all().get(10, TimeUnit.SECONDS);
                return true;
            });
        }
        DriverManagerDataSource database = new DriverManagerDataSource(
                "jdbc:h2:mem:relay-exactly-once-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "sa", "");
        RuntimeTables.migrate(database);
        jdbc = JdbcClient.create(database);
        transactions = new TransactionTemplate(new DataSourceTransactionManager(database));
    }

    @Test
    void theDatabaseAwayJustAfterTheKafkaCommitDoesNotPublishTwice() {
        AtomicInteger lostMarks = new AtomicInteger();
        OutboxRepository repository = new OutboxRepository(jdbc) {
            @Override
            void markPublished(Collection<Long> ids, Instant at) {
                if (lostMarks.getAndIncrement() < 3) {
                    throw new DataAccessResourceFailureException("connection reset");
                }
                super.markPublished(ids, at);
            }
        };
        Relay relay = relay(repository);
        List<UUID> committed = record(repository, relay, 45);
        relay.start();
        try {
            await().atMost(Duration.ofSeconds(60)).until(() -> repository.countUnpublished() == 0);
        } finally {
            relay.stop();
        }

        assertThat(lostMarks).as("marks lost after a commit").hasValueGreaterThan(3);
        assertThat(eventIdsOnTopic()).containsExactlyInAnyOrderElementsOf(committed);
    }

    @Test
    void aRelayThatDiedBetweenCommitAndMarkIsFollowedByOneThatSendsNothingTwice() {
        OutboxRepository dying = new OutboxRepository(jdbc) {
            @Override
            void markPublished(Collection<Long> ids, Instant at) {
                throw new DataAccessResourceFailureException("process killed before the mark");
            }

            @Override
            int markPublishedThrough(long sequence, UUID eventId, Instant at) {
                throw new DataAccessResourceFailureException("process killed before the mark");
            }
        };
        Relay first = relay(dying);
        List<UUID> committed = record(dying, first, 25);
        first.start();
        await().atMost(Duration.ofSeconds(60)).until(() -> eventIdsOnTopic().size() >= 10);
        first.stop();
        assertThat(new OutboxRepository(jdbc).countUnpublished()).as("rows sent but never marked").isEqualTo(25);

        OutboxRepository repository = new OutboxRepository(jdbc);
        Relay next = relay(repository);
        next.start();
        try {
            await().atMost(Duration.ofSeconds(60)).until(() -> repository.countUnpublished() == 0);
        } finally {
            next.stop();
        }
        assertThat(eventIdsOnTopic()).containsExactlyInAnyOrderElementsOf(committed);
    }

    @Test
    void aCheckpointThatNamesAnotherEventMarksNothing() throws Exception {
        OutboxRepository repository = new OutboxRepository(jdbc);
        Relay relay = relay(repository);
        List<UUID> committed = record(repository, relay, 12);
        // as if this database were restored from a backup taken before sequence 8 was first used
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(broker.client(GP), new StringSerializer(), new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(CHECKPOINTS, GP,
                    ("8/" + UUID.randomUUID()).getBytes(StandardCharsets.UTF_8))).get(10, TimeUnit.SECONDS);
        }
        relay.start();
        try {
            await().atMost(Duration.ofSeconds(60)).until(() -> repository.countUnpublished() == 0);
        } finally {
            relay.stop();
        }
        assertThat(eventIdsOnTopic()).containsExactlyInAnyOrderElementsOf(committed);
    }

    @Test
    void theCheckpointStaysInTheNodesOwnTopicWhereNoPatternForTheNetworksTopicsFindsIt() {
        OutboxRepository repository = new OutboxRepository(jdbc);
        Relay relay = relay(repository);
        List<UUID> committed = record(repository, relay, 25);
        relay.start();
        try {
            await().atMost(Duration.ofSeconds(60)).until(() -> repository.countUnpublished() == 0);
        } finally {
            relay.stop();
        }

        Set<String> topics = topicNames();
        for (String pattern : List.of("bronsein.*", "bronsein\\..*")) {
            assertThat(topics).as("topics matching " + pattern).filteredOn(t -> Pattern.matches(pattern, t))
                    .containsExactly(TOPIC);
        }
        List<ConsumerRecord<String, byte[]>> seen = readBySubscription(Pattern.compile("bronsein.*"));
        assertThat(seen).as("what a pattern subscriber reads").allSatisfy(record -> {
            assertThat(record.topic()).isEqualTo(TOPIC);
            assertThat(record.headers().lastHeader("ce_specversion")).as("CloudEvents headers").isNotNull();
            assertThat(record.headers().lastHeader("ce_id")).isNotNull();
        });
        assertThat(seen).extracting(r -> UUID.fromString(new String(r.headers().lastHeader("ce_id").value(),
                StandardCharsets.UTF_8))).containsExactlyInAnyOrderElementsOf(committed);
        // three batches of at most ten, each with its checkpoint, all in the node's own topic
        assertThat(CommittedRecords.of(broker.client(GP), CHECKPOINTS)).hasSize(3).last()
                .satisfies(last -> assertThat(new String(last.value(), StandardCharsets.UTF_8))
                        .isEqualTo("25/" + committed.get(24)));
    }

    private Set<String> topicNames() {
        try (Admin admin = Admin.create(broker.client(GP))) {
            return admin.listTopics().names().get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Everything committed on the topics a pattern subscription is given, read to their end. */
    private List<ConsumerRecord<String, byte[]>> readBySubscription(Pattern pattern) {
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(kafka(Map.of(
                "group.id", "pattern-reader-" + UUID.randomUUID(), "enable.auto.commit", false,
                "auto.offset.reset", "earliest", "isolation.level", "read_committed")),
                new StringDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(pattern);
            List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
            long deadline = System.currentTimeMillis() + 30_000;
            Map<TopicPartition, Long> end = Map.of();
            while (end.isEmpty() || end.entrySet().stream().anyMatch(e -> consumer.position(e.getKey()) < e.getValue())) {
                if (System.currentTimeMillis() > deadline) {
                    throw new IllegalStateException("could not read " + pattern + " to its end");
                }
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
                if (end.isEmpty() && !consumer.assignment().isEmpty()) {
                    end = consumer.endOffsets(consumer.assignment());
                }
            }
            return records;
        }
    }

    private List<UUID> record(OutboxRepository repository, Relay relay, int changes) {
        Outbox outbox = new Outbox(repository, new NotificationCodec(), identity, relay::wakeUp, OutboxFixtures.addressees(), mock(nl.bronsein.runtime.audit.AuditTrail.class));
        List<UUID> eventIds = new ArrayList<>();
        String object = UUID.randomUUID().toString();
        for (int version = 1; version <= changes; version++) {
            int v = version;
            transactions.executeWithoutResult(status -> outbox.record(change(object, v)));
        }
        // in the order recorded, which is the order the relay numbers them in: nothing else commits meanwhile
        jdbc.sql("select event_id from outbox_entry order by id").query(UUID.class).list().forEach(eventIds::add);
        return eventIds;
    }

    private Relay relay(OutboxRepository repository) {
        DefaultKafkaProducerFactory<String, byte[]> producers = new DefaultKafkaProducerFactory<>(kafka(Map.of(
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true)), new StringSerializer(), new ByteArraySerializer());
        producers.setTransactionIdPrefix(PublicationCheckpoint.transactionalIdPrefix(GP) + run + "-");
        producers.setTransactionIdSuffixStrategy(new DefaultTransactionIdSuffixStrategy(1));
        PublicationCheckpoint checkpoint = new PublicationCheckpoint(CHECKPOINTS, GP,
                broker.client(GP), Duration.ofSeconds(10));
        return new Relay(repository, new OutboxNumbering(repository, transactions, GP, PROPERTIES.batchSize()),
                new RelayLease(jdbc, Clock.systemUTC(), PROPERTIES.lease()),
                new KafkaTemplate<>(producers), checkpoint, identity, PROPERTIES, Clock.systemUTC(), RuntimeMetrics.NONE,
                OutboxFixtures.signer());
    }

    private static NewNotification change(String objectId, int version) {
        return OutboxFixtures.change(objectId, version);
    }

    /** The event ids on the topic as a consumer of the network reads them: committed transactions only. */
    private List<UUID> eventIdsOnTopic() {
        return CommittedRecords.of(broker.client(GP), TOPIC).stream()
                .map(r -> UUID.fromString(new String(r.headers().lastHeader("ce_id").value(), StandardCharsets.UTF_8)))
                .toList();
    }

    /** This test's Kafka client settings: the participant's own TLS identity, and {@code settings}. */
    private Map<String, Object> kafka(Map<String, Object> settings) {
        Map<String, Object> client = new java.util.HashMap<>(broker.client(GP));
        client.putAll(settings);
        return client;
    }
}

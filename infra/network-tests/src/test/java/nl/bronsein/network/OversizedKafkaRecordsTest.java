package nl.bronsein.network;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.health.actuate.endpoint.HealthEndpoint;
import org.springframework.boot.health.actuate.endpoint.IndicatedHealthDescriptor;
import org.springframework.boot.health.contributor.Status;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import nl.bronsein.runtime.operations.IntakeHealthIndicator;
import nl.bronsein.schemas.NotificationCodec;
import nl.bronsein.schemas.ObjectChanged;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * One record must never stop a node's intake (issue 15). Records whose CloudEvents attributes fit Kafka but not the
 * inbox — a {@code ce_id} of 300 characters, a type of 250, a subject of 100, a {@code dataref} of 600, a NUL in an
 * id, a {@code ce_time} in the year 20000 (which H2 holds and PostgreSQL does not) — each once stopped the listener of
 * every node reading its topic: the poll was retried for ever and every record behind it waited, while health said UP.
 * Here each goes through the real broker, and through the replay tool's {@code publish}, onto the partition of a good
 * record sent right behind it: every reader parks it with its reason, and the good record is handled. A record that
 * passes every check and is still refused by the database (a check constraint this test adds, standing in for a bound
 * the checks miss) is parked on its own. And a listener that cannot take in a poll at all (its inbox table gone) shows
 * in health and in the gauges, and takes the poll in — nothing lost — once it can.
 */
class OversizedKafkaRecordsTest {

    /** Where the GP's referral to the municipality arrives, and the municipality's case to the GP. */
    private static final String REFERRALS = Participants.MUNICIPALITY.inbox();
    private static final String CASES = Participants.GP.inbox();
    private static final NotificationCodec CODEC = new NotificationCodec();

    private TestNetwork network;
    private KafkaProducer<String, byte[]> producer;
    private ConsumerRecord<String, byte[]> referral;
    private ConsumerRecord<String, byte[]> caseRecord;

    @BeforeAll
    void start() throws Exception {
        network = new TestNetwork();
        network.gp = network.startGp();
        // the municipality's intake counts as stalled after a second, so its health can be seen to turn
        network.municipality = network.startMunicipality(Map.of("bronsein.operations.intake-max-stall", "1s"));
        network.provider = network.startProvider();
        // a listed participant with its own certificate, whose role may write municipalities' and practices' inboxes
        producer = new KafkaProducer<>(network.clientOf(Participants.PROVIDER),
                new StringSerializer(), new ByteArraySerializer());
        Chain chain = new Chain(network);
        String referralId = chain.referToMunicipality();
        String caseId = chain.awaitCase(referralId);
        referral = network.records(REFERRALS).stream().filter(r -> referralId.equals(r.key())).findFirst().orElseThrow();
        caseRecord = chain.awaitValue(() -> network.records(CASES).stream().filter(r -> caseId.equals(r.key()))
                .findFirst().orElse(null), r -> r != null);
    }

    @AfterAll
    void stop() {
        if (producer != null) {
            producer.close();
        }
        network.close();
    }

    @Test
    void eachOversizedRecordIsParkedByEveryReaderAndTheGoodRecordBehindItIsHandled() throws Exception {
        String longSubject = "a".repeat(100);
        String longerSubject = "b".repeat(560);
        Map<RecordMetadata, String> bad = new HashMap<>();
        Map<String, Participants> good = new HashMap<>();
        bad.put(send(withHeaders(referral, Map.of("ce_id", "i".repeat(300)))), "ce_id is longer than 200 characters");
        good.put(sendGood(referral), Participants.MUNICIPALITY);
        bad.put(send(withHeaders(referral, Map.of("ce_type", "nl.bronsein.referral." + "t".repeat(229)))),
                "ce_type is longer than 200 characters");
        good.put(sendGood(referral), Participants.MUNICIPALITY);
        // a subject the body, the key and the dataref all agree on: it passed every check, and then did not fit
        bad.put(send(aboutObject(longSubject)), "ce_subject is longer than 64 characters");
        good.put(sendGood(referral), Participants.MUNICIPALITY);
        bad.put(send(aboutObject(longerSubject)), "ce_(subject|dataref) is longer than");
        good.put(sendGood(referral), Participants.MUNICIPALITY);
        bad.put(send(withHeaders(referral, Map.of("ce_id", "nul\u0000" + UUID.randomUUID()))), "ce_id contains a control character");
        good.put(sendGood(referral), Participants.MUNICIPALITY);
        bad.put(send(withHeaders(referral, Map.of("ce_time", "+20000-01-01T00:00:00Z"))), "ce_time is outside the years");
        good.put(sendGood(referral), Participants.MUNICIPALITY);
        bad.put(send(withHeaders(caseRecord, Map.of("ce_id", "c".repeat(300)))), "ce_id is longer than 200 characters");
        good.put(sendGood(caseRecord), Participants.GP);

        awaitHandled(good);
        // each inbox has one reader: nobody else sees the records, good or bad
        Map<String, List<Participants>> readers = Map.of(REFERRALS, List.of(Participants.MUNICIPALITY),
                CASES, List.of(Participants.GP));
        bad.forEach((position, reason) -> {
            for (Participants reader : readers.get(position.topic())) {
                assertThat(await().atMost(Chain.PATIENCE).until(() -> parkedReason(reader, position), r -> r != null))
                        .as("%s parked by %s", position, reader).containsPattern(reason);
            }
        });
        // nothing of them reached an inbox, and the intake is healthy and said so: six refused on the referral topic
        for (Participants node : List.of(Participants.GP, Participants.MUNICIPALITY, Participants.PROVIDER)) {
            assertThat(jdbc(node).sql("select count(*) from inbox_entry where subject in (:s)")
                    .param("s", List.of(longSubject, longerSubject)).query(Integer.class).single()).isZero();
        }
        assertThat(counter(network.municipality, "topic", REFERRALS, "reason", "refused")).isGreaterThanOrEqualTo(6);
        assertThat(counter(network.gp, "topic", CASES, "reason", "refused")).isGreaterThanOrEqualTo(1);
        assertThat(intake(network.municipality).getStatus()).isEqualTo(Status.UP);
        assertThat(gauge(network.municipality, "bronsein.intake.failed.polls")).isZero();
    }

    @Test
    void anOversizedRecordPublishedByTheReplayToolIsParkedAndTheNextIsHandled() throws Exception {
        Path dumped = network.dir.resolve("referral.jsonl");
        ReplayTool.runOk(ReplayTool.command("dump", network.replayConnection(network.broker.bootstrapServers()),
                "--topic", REFERRALS, "--subject", referral.key(), "--out", dumped.toString()));
        JsonNode line = TestNetwork.JSON.readTree(Files.readAllLines(dumped).get(0));
        ObjectNode oversized = ((ObjectNode) line.deepCopy()).put("id", "r".repeat(300));
        // a tester's edit of a genuine line: the GP's signature no longer covers it
        ObjectNode edited = ((ObjectNode) line.deepCopy()).put("id", UUID.randomUUID().toString());
        Path toPublish = network.dir.resolve("oversized.jsonl");
        Files.writeString(toPublish, oversized + "\n" + edited + "\n");
        long oversizedBefore = parkedWith(Participants.MUNICIPALITY, "ce_id is longer than 200 characters");
        long editedBefore = parkedWith(Participants.MUNICIPALITY, "signature does not match the record");

        ReplayTool.runOk(ReplayTool.command("publish", network.replayConnection(network.broker.bootstrapServers()),
                "--in", toPublish.toString()));

        // both parked, by the municipality, the inbox's one reader; and the partition goes on: the GP's next referral
        await().atMost(Chain.PATIENCE).until(() -> parkedWith(Participants.MUNICIPALITY,
                "ce_id is longer than 200 characters"), n -> n == oversizedBefore + 1);
        await().atMost(Chain.PATIENCE).until(() -> parkedWith(Participants.MUNICIPALITY,
                "signature does not match the record"), n -> n == editedBefore + 1);
        Chain chain = new Chain(network);
        chain.awaitCase(chain.referToMunicipality());
    }

    @Test
    void aRecordTheDatabaseRefusesDespiteTheChecksIsParkedOnItsOwn() throws Exception {
        String poison = "poison-" + UUID.randomUUID();
        JdbcClient municipality = jdbc(Participants.MUNICIPALITY);
        municipality.sql("alter table inbox_entry add constraint refuse_poison check (event_id <> '" + poison + "')").update();
        try {
            RecordMetadata position = send(withHeaders(referral, Map.of("ce_id", poison)));
            String behind = sendGood(referral);
            awaitHandled(Map.of(behind, Participants.MUNICIPALITY));
            assertThat(await().atMost(Chain.PATIENCE).until(() -> parkedReason(Participants.MUNICIPALITY, position),
                    r -> r != null)).isEqualTo("could not be stored: DataIntegrityViolationException");
            assertThat(counter(network.municipality, "topic", REFERRALS, "reason", "unstorable")).isGreaterThanOrEqualTo(1);
            assertThat(intake(network.municipality).getStatus()).isEqualTo(Status.UP);
        } finally {
            municipality.sql("alter table inbox_entry drop constraint refuse_poison").update();
        }
    }

    @Test
    void aListenerThatCannotTakeInShowsInHealthAndTakesThePollInOnceItCan() throws Exception {
        JdbcClient municipality = jdbc(Participants.MUNICIPALITY);
        municipality.sql("alter table inbox_entry rename to inbox_entry_away").update();
        String waiting;
        try {
            waiting = sendGood(referral);
            RecordMetadata position = producer.send(new ProducerRecord<>(REFERRALS, referral.partition(), referral.key(),
                    new byte[0])).get();
            await().atMost(Chain.PATIENCE).untilAsserted(() -> {
                IndicatedHealthDescriptor intake = intake(network.municipality);
                assertThat(intake.getStatus()).isEqualTo(IntakeHealthIndicator.DEGRADED);
                assertThat((Integer) intake.getDetails().get("failedPolls")).isGreaterThanOrEqualTo(2);
                assertThat((String) intake.getDetails().get("error")).isEqualTo("BadSqlGrammarException");
                assertThat((String) intake.getDetails().get("position")).startsWith(REFERRALS + "-" + referral.partition() + "@");
                assertThat(gauge(network.municipality, "bronsein.intake.failed.polls")).isGreaterThanOrEqualTo(2);
                assertThat(gauge(network.municipality, "bronsein.intake.stall.age")).isGreaterThan(1.0);
            });
            // positions and counts only, never a record's content
            assertThat(intake(network.municipality).getDetails())
                    .containsOnlyKeys("failedPolls", "stalledSeconds", "maxStallSeconds", "error", "position");
            // the whole node is DEGRADED, not DOWN: it still serves its objects, and a restart would not help
            assertThat(network.municipality.getBean(HealthEndpoint.class).health().getStatus())
                    .isEqualTo(IntakeHealthIndicator.DEGRADED);
            assertThat(parkedReason(Participants.MUNICIPALITY, position)).as("nothing parked while it cannot").isNull();
        } finally {
            municipality.sql("alter table inbox_entry_away rename to inbox_entry").update();
        }
        awaitHandled(Map.of(waiting, Participants.MUNICIPALITY));
        await().atMost(Chain.PATIENCE).untilAsserted(() -> {
            assertThat(intake(network.municipality).getStatus()).isEqualTo(Status.UP);
            assertThat(gauge(network.municipality, "bronsein.intake.failed.polls")).isZero();
            assertThat(gauge(network.municipality, "bronsein.intake.stall.age")).isZero();
        });
    }

    // --- records ---------------------------------------------------------------------------------------------

    /** The genuine referral's event about another object id, agreed on by body, key, subject and dataref. */
    private ProducerRecord<String, byte[]> aboutObject(String objectId) {
        ObjectChanged body = CODEC.decode(referral.value(), ObjectChanged.class);
        body.setObjectId(objectId);
        String dataref = new String(referral.headers().lastHeader("ce_dataref").value(), StandardCharsets.UTF_8)
                .replace(referral.key(), objectId);
        ProducerRecord<String, byte[]> record = withHeaders(referral, Map.of("ce_subject", objectId, "ce_dataref", dataref));
        return new ProducerRecord<>(record.topic(), record.partition(), objectId, CODEC.encode(body), record.headers());
    }

    /**
     * A copy of a genuine record with headers replaced, on the genuine record's own partition: whatever its key, it
     * stands in front of the good record sent after it.
     */
    private static ProducerRecord<String, byte[]> withHeaders(ConsumerRecord<String, byte[]> template, Map<String, String> replaced) {
        RecordHeaders headers = new RecordHeaders();
        for (Header h : template.headers()) {
            String value = replaced.get(h.key());
            headers.add(h.key(), value == null ? h.value() : value.getBytes(StandardCharsets.UTF_8));
        }
        return new ProducerRecord<>(template.topic(), template.partition(), template.key(), template.value(), headers);
    }

    /** Sent signed by its source, so that what the receiver refuses is the record itself, not a missing signature. */
    private RecordMetadata send(ProducerRecord<String, byte[]> record) throws Exception {
        return producer.send(SignedRecords.asItsSource(network, record)).get();
    }

    /** A good copy of a genuine record under a new event id, so only the listener — not the catch-up — can bring it. */
    private String sendGood(ConsumerRecord<String, byte[]> template) throws Exception {
        String id = UUID.randomUUID().toString();
        send(withHeaders(template, Map.of("ce_id", id)));
        return id;
    }

    private void awaitHandled(Map<String, Participants> good) {
        Map<Participants, List<String>> byNode = new HashMap<>();
        good.forEach((id, node) -> byNode.computeIfAbsent(node, n -> new ArrayList<>()).add(id));
        byNode.forEach((node, ids) -> await().pollDelay(Duration.ZERO).atMost(Chain.PATIENCE).until(() -> jdbc(node)
                .sql("select event_id from inbox_entry where status = 'HANDLED'").query(String.class).list().containsAll(ids)));
    }

    private String parkedReason(Participants node, RecordMetadata position) {
        return jdbc(node).sql("select reason from parked_record where topic = :t and kafka_partition = :p and kafka_offset = :o")
                .param("t", position.topic()).param("p", position.partition()).param("o", position.offset())
                .query(String.class).optional().orElse(null);
    }

    private long parkedWith(Participants node, String reason) {
        return jdbc(node).sql("select count(*) from parked_record where reason = :r").param("r", reason)
                .query(Long.class).single();
    }

    // --- the nodes -------------------------------------------------------------------------------------------

    private JdbcClient jdbc(Participants p) {
        return node(p).getBean(JdbcClient.class);
    }

    private ConfigurableApplicationContext node(Participants p) {
        return switch (p) {
            case GP -> network.gp;
            case MUNICIPALITY -> network.municipality;
            case PROVIDER -> network.provider;
            case OTHER_MUNICIPALITY -> throw new IllegalArgumentException("no node runs for " + p);
        };
    }

    private static IndicatedHealthDescriptor intake(ConfigurableApplicationContext node) {
        return (IndicatedHealthDescriptor) node.getBean(HealthEndpoint.class).healthForPath("intake");
    }

    private static double gauge(ConfigurableApplicationContext node, String name) {
        return node.getBean(MeterRegistry.class).get(name).gauge().value();
    }

    private static double counter(ConfigurableApplicationContext node, String... tags) {
        Counter counter = node.getBean(MeterRegistry.class).find("bronsein.intake.parked").tags(tags).counter();
        return counter == null ? 0 : counter.count();
    }
}

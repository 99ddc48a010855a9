package nl.bronsein.replay;

import static nl.bronsein.replay.ReplayTestSupport.CASES;
import static nl.bronsein.replay.ReplayTestSupport.CASE_1;
import static nl.bronsein.replay.ReplayTestSupport.GP;
import static nl.bronsein.replay.ReplayTestSupport.MUNICIPALITY;
import static nl.bronsein.replay.ReplayTestSupport.REFERRALS;
import static nl.bronsein.replay.ReplayTestSupport.T0;
import static nl.bronsein.replay.ReplayTestSupport.concat;
import static nl.bronsein.replay.ReplayTestSupport.headers;
import static nl.bronsein.replay.ReplayTestSupport.readAll;
import static nl.bronsein.replay.ReplayTestSupport.replay;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import nl.bronsein.kafkabroker.LocalKafkaBroker;
import nl.bronsein.replay.ReplayTestSupport.Run;
import nl.bronsein.replay.ReplayTestSupport.Sent;
import nl.bronsein.schemas.NotificationTopics;
import tools.jackson.databind.JsonNode;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DumpTest {

    /** An inbox nothing was sent to. */
    private static final String ASSIGNMENTS = NotificationTopics.inbox("PROVIDER", "urn:nld:kvk:87654321");

    @TempDir
    static Path dir;

    private LocalKafkaBroker broker;
    private List<Sent> sent;

    @BeforeAll
    void start() throws Exception {
        broker = ReplayTestSupport.startBroker(dir.resolve("kafka"));
        ReplayTestSupport.createTopics(broker, 2, REFERRALS, CASES);
        ReplayTestSupport.createTopics(broker, 1, ASSIGNMENTS, "other.topic");
        sent = ReplayTestSupport.fixture();
        List<ProducerRecord<String, byte[]>> records = new ArrayList<>(sent.stream().map(Sent::record).toList());
        // a record that is not a CloudEvent, and a CloudEvent whose body is no notification
        records.add(new ProducerRecord<>(ASSIGNMENTS, null, T0.plusSeconds(30).toEpochMilli(), "plain",
                "hello".getBytes(StandardCharsets.UTF_8)));
        records.add(ReplayTestSupport.record(ASSIGNMENTS, "a-1", GP, ReplayTestSupport.GP_NODE,
                "nl.bronsein.assignment.status-changed.v2", 9, T0.plusSeconds(40), new byte[] {1, 2, 3}));
        records.add(new ProducerRecord<>("other.topic", "x", "not ours".getBytes(StandardCharsets.UTF_8)));
        ReplayTestSupport.produce(broker, records);
    }

    private Run dump(String... args) {
        return replay(concat(new String[] {"dump", "--bootstrap-server", broker.bootstrapServers()}, args));
    }

    @AfterAll
    void stop() {
        if (broker != null) {
            broker.close();
        }
    }

    @Test
    void dumpsEveryRecordOfTheBronseinTopicsInTopicPartitionOffsetOrder() {
        Run run = dump();
        assertThat(run.exit()).as(run.err()).isZero();
        List<ConsumerRecord<String, byte[]>> all = readAll(broker, ASSIGNMENTS, CASES, REFERRALS);
        assertThat(all).hasSize(10);
        List<JsonNode> lines = run.lines();
        assertThat(lines).hasSize(all.size());
        for (int i = 0; i < all.size(); i++) {
            ConsumerRecord<String, byte[]> record = all.get(i);
            JsonNode line = lines.get(i);
            assertThat(line.path("topic").asString()).isEqualTo(record.topic());
            assertThat(line.path("partition").asInt()).isEqualTo(record.partition());
            assertThat(line.path("offset").asLong()).isEqualTo(record.offset());
            assertThat(line.path("key").asString()).isEqualTo(record.key());
            assertThat(line.path("timestamp").asString())
                    .isEqualTo(Instant.ofEpochMilli(record.timestamp()).toString());
            assertThat(Base64.getDecoder().decode(line.path("data_base64").asString())).isEqualTo(record.value());
        }
        assertThat(run.err()).isEqualTo("dumped 10 records from 5 partitions" + System.lineSeparator());

        // every notification with its attributes and decoded body
        for (Sent notification : sent) {
            JsonNode line = lines.stream().filter(l -> l.path("key").asString().equals(notification.key())
                    && l.path("timestamp").asString().equals(notification.timestamp().toString())).findFirst()
                    .orElseThrow();
            Map<String, String> headers = new HashMap<>();
            notification.record().headers().forEach(h -> headers.put(h.key(),
                    new String(h.value(), StandardCharsets.UTF_8)));
            assertThat(line.path("specversion").asString()).isEqualTo("1.0");
            assertThat(line.path("id").asString()).isEqualTo(headers.get("ce_id"));
            assertThat(line.path("source").asString()).isEqualTo(headers.get("ce_source"));
            assertThat(line.path("type").asString()).isEqualTo(headers.get("ce_type"));
            assertThat(line.path("subject").asString()).isEqualTo(notification.key());
            assertThat(line.path("time").asString()).isEqualTo(headers.get("ce_time"));
            assertThat(line.path("datacontenttype").asString()).isEqualTo("application/avro");
            assertThat(line.path("dataref").asString()).isEqualTo(headers.get("ce_dataref"));
            assertThat(line.path("sequence").asString()).isEqualTo(headers.get("ce_sequence"));
            assertThat(line.path("sequencetype").asString()).isEqualTo("Integer");
            assertThat(line.path("extensions").isObject()).isTrue();
            assertThat(line.path("extensions").size()).isZero();
            assertThat(line.has("error")).isFalse();
            assertThat(line.path("data").path("objectId").asString()).isEqualTo(notification.key());
            assertThat(line.path("data").path("owner").asString()).isEqualTo(notification.body().get("owner"));
            assertThat(line.path("data").path("occurredAt").asString()).isEqualTo(headers.get("ce_time"));
            assertThat(line.path("data").path("objectType").asString())
                    .isEqualTo(notification.body().get("objectType").toString());
            assertThat(line.path("data").path("objectVersion").asInt()).isEqualTo(notification.body().get("objectVersion"));
            // the facts only: the body names no status, nobody else and no other object
            assertThat(line.path("data").has("status")).isFalse();
            assertThat(line.path("data").has("concerns")).isFalse();
            assertThat(line.path("data").has("related")).isFalse();
            assertThat(Base64.getDecoder().decode(line.path("data_base64").asString()))
                    .isEqualTo(notification.record().value());
        }
    }

    @Test
    void recordsThatAreNoNotificationAreDumpedWithTheReason() {
        Run run = dump("--topic", ASSIGNMENTS);
        assertThat(run.exit()).as(run.err()).isZero();
        List<JsonNode> lines = run.lines();
        assertThat(lines).hasSize(2);
        assertThat(lines.get(0).path("key").asString()).isEqualTo("plain");
        assertThat(lines.get(0).path("id").isNull()).isTrue();
        assertThat(lines.get(0).path("data").isNull()).isTrue();
        assertThat(lines.get(0).path("error").asString()).startsWith("not a binary-mode CloudEvent")
                .contains("body does not decode");
        assertThat(new String(Base64.getDecoder().decode(lines.get(0).path("data_base64").asString()),
                StandardCharsets.UTF_8)).isEqualTo("hello");
        assertThat(lines.get(1).path("subject").asString()).isEqualTo("a-1");
        assertThat(lines.get(1).path("data").isNull()).isTrue();
        assertThat(lines.get(1).path("error").asString()).isEqualTo(
                "body does not decode: body is not Avro single-object encoded");
        assertThat(lines.get(1).path("data_base64").asString()).isEqualTo("AQID");
    }

    @Test
    void filtersBySourceTypeAndSubject() {
        Run bySource = dump("--source", MUNICIPALITY);
        assertThat(bySource.exit()).as(bySource.err()).isZero();
        assertThat(bySource.lines()).hasSize(4).allSatisfy(l -> {
            assertThat(l.path("source").asString()).isEqualTo(MUNICIPALITY);
            assertThat(l.path("topic").asString()).isEqualTo(CASES);
        });

        Run byType = dump("--type", "nl.bronsein.referral.recorded.v2");
        assertThat(byType.lines()).extracting(l -> l.path("subject").asString())
                .containsExactlyInAnyOrder(ReplayTestSupport.REFERRAL_1, ReplayTestSupport.REFERRAL_2);

        Run bySubject = dump("--subject", CASE_1);
        assertThat(bySubject.lines()).extracting(l -> l.path("data").path("objectVersion").asInt())
                .containsExactly(1, 2, 3);

        Run combined = dump("--source", GP, "--subject", CASE_1);
        assertThat(combined.exit()).isZero();
        assertThat(combined.out()).isEmpty();
        assertThat(combined.err()).startsWith("dumped 0 records from 5 partitions");
    }

    @Test
    void aTimeWindowIsExactlyWhatOffsetsForTimesSaysPerPartition() {
        Instant from = T0.plus(Duration.ofMinutes(2));
        Instant to = T0.plus(Duration.ofMinutes(6));
        Run run = dump("--topic", CASES, "--topic", REFERRALS, "--from", from.toString(),
                "--to", "2026-11-23T11:06:00+01:00");
        assertThat(run.exit()).as(run.err()).isZero();

        List<String> expected = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = ReplayTestSupport.consumer(broker, null)) {
            for (String topic : List.of(CASES, REFERRALS)) {
                for (int p = 0; p < 2; p++) {
                    TopicPartition partition = new TopicPartition(topic, p);
                    long end = consumer.endOffsets(List.of(partition)).get(partition);
                    OffsetAndTimestamp start = consumer.offsetsForTimes(Map.of(partition, from.toEpochMilli()))
                            .get(partition);
                    OffsetAndTimestamp stop = consumer.offsetsForTimes(Map.of(partition, to.toEpochMilli()))
                            .get(partition);
                    long first = start == null ? end : start.offset();
                    long last = stop == null ? end : stop.offset();
                    for (long offset = first; offset < last; offset++) {
                        expected.add(topic + "/" + p + "/" + offset);
                    }
                }
            }
        }
        assertThat(run.lines()).extracting(l -> l.path("topic").asString() + "/" + l.path("partition").asInt() + "/"
                + l.path("offset").asLong()).containsExactlyElementsOf(expected);
        // and that is minutes 2, 3, 4 and 5
        assertThat(run.lines()).extracting(l -> Instant.parse(l.path("timestamp").asString()))
                .containsExactlyInAnyOrder(T0.plusSeconds(120), T0.plusSeconds(180), T0.plusSeconds(240),
                        T0.plusSeconds(300));
    }

    @Test
    void anOffsetWindowAppliesPerPartition() {
        Run run = dump("--topic", CASES, "--from-offset", "1", "--to-offset", "2");
        assertThat(run.exit()).as(run.err()).isZero();
        Map<Integer, Long> partitionSizes = readAll(broker, CASES).stream()
                .collect(Collectors.groupingBy(ConsumerRecord::partition, Collectors.counting()));
        long expected = partitionSizes.values().stream().filter(size -> size > 1).count();
        assertThat(run.lines()).hasSize((int) expected)
                .allSatisfy(l -> assertThat(l.path("offset").asLong()).isEqualTo(1));
    }

    @Test
    void writesToAFile() throws Exception {
        Path out = dir.resolve("cases.jsonl");
        Run run = dump("--topic", CASES, "--out", out.toString());
        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).startsWith("dumped 4 records from 2 partitions to " + out);
        List<String> lines = Files.readAllLines(out);
        assertThat(lines).hasSize(4);
        assertThat(lines.stream().map(l -> ReplayTestSupport.JSON.readTree(l).path("subject").asString())
                .collect(Collectors.toSet())).isEqualTo(Set.of(CASE_1, ReplayTestSupport.CASE_2));
    }

    @Test
    void anEmptyWindowDumpsNothing() {
        Run run = dump("--from", "2030-01-01T00:00:00Z");
        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).startsWith("dumped 0 records");
        assertThat(headers(readAll(broker, CASES).get(0))).containsKeys("ce_id", "ce_source", "content-type");
    }
}

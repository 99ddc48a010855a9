package nl.bronsein.replay;

import static nl.bronsein.replay.ReplayTestSupport.CASES;
import static nl.bronsein.replay.ReplayTestSupport.REFERRALS;
import static nl.bronsein.replay.ReplayTestSupport.T0;
import static nl.bronsein.replay.ReplayTestSupport.replay;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

import nl.bronsein.kafkabroker.LocalKafkaBroker;
import nl.bronsein.replay.ReplayTestSupport.Run;
import nl.bronsein.replay.ReplayTestSupport.Sent;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RewindTest {

    @TempDir
    static Path dir;

    private LocalKafkaBroker broker;
    private List<TopicPartition> partitions;

    @BeforeAll
    void start() throws Exception {
        broker = ReplayTestSupport.startBroker(dir.resolve("kafka"));
        ReplayTestSupport.createTopics(broker, 2, REFERRALS, CASES);
        ReplayTestSupport.produce(broker, ReplayTestSupport.fixture().stream().map(Sent::record).toList());
        partitions = List.of(new TopicPartition(CASES, 0), new TopicPartition(CASES, 1),
                new TopicPartition(REFERRALS, 0), new TopicPartition(REFERRALS, 1));
    }

    @AfterAll
    void stop() {
        if (broker != null) {
            broker.close();
        }
    }

    @Test
    void rewindsAStoppedGroupToATimeAndToTheBeginning() throws Exception {
        String group = "node-gp";
        consumeEverything(group);
        Map<TopicPartition, Long> end = endOffsets();
        assertThat(committed(group)).isEqualTo(end);

        Instant to = T0.plus(Duration.ofMinutes(3));
        Run run = rewind(group, "--to", to.toString());
        assertThat(run.exit()).as(run.err()).isZero();
        Map<TopicPartition, Long> expected = sorted();
        try (KafkaConsumer<String, byte[]> consumer = ReplayTestSupport.consumer(broker, null)) {
            Map<TopicPartition, Long> query = new HashMap<>();
            partitions.forEach(p -> query.put(p, to.toEpochMilli()));
            Map<TopicPartition, OffsetAndTimestamp> found = consumer.offsetsForTimes(query);
            partitions.forEach(p -> expected.put(p, found.get(p) == null ? end.get(p) : found.get(p).offset()));
        }
        assertThat(committed(group)).isEqualTo(expected);
        assertThat(expected).isNotEqualTo(end);
        for (TopicPartition partition : partitions) {
            assertThat(run.out()).contains(partition + ": " + end.get(partition) + " → " + expected.get(partition));
        }
        assertThat(run.err()).isEqualTo("rewound consumer group node-gp: 4 partitions" + System.lineSeparator());

        Run beginning = rewind(group, "--to-beginning", "--topic", CASES);
        assertThat(beginning.exit()).as(beginning.err()).isZero();
        assertThat(beginning.out().lines()).containsExactly(
                CASES + "-0: " + expected.get(partitions.get(0)) + " → 0",
                CASES + "-1: " + expected.get(partitions.get(1)) + " → 0");
        Map<TopicPartition, Long> now = committed(group);
        assertThat(now.get(partitions.get(0))).isZero();
        assertThat(now.get(partitions.get(1))).isZero();
        assertThat(now.get(partitions.get(2))).isEqualTo(expected.get(partitions.get(2)));

        Run offset = rewind(group, "--to-offset", "1");
        assertThat(offset.exit()).as(offset.err()).isZero();
        partitions.forEach(p -> assertThat(committed(group).get(p)).isEqualTo(Math.min(1, end.get(p))));
    }

    @Test
    void refusesAGroupWithAnActiveMember() throws Exception {
        String group = "node-municipality";
        try (KafkaConsumer<String, byte[]> consumer = ReplayTestSupport.consumer(broker, group)) {
            consumer.subscribe(List.of(CASES, REFERRALS));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (consumer.assignment().isEmpty() && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200));
            }
            assertThat(consumer.assignment()).isNotEmpty();
            consumer.commitSync();

            Run run = rewind(group, "--to-beginning");
            assertThat(run.exit()).isEqualTo(ReplayMain.EXIT_REFUSED);
            assertThat(run.err()).isEqualTo("replay: consumer group node-municipality is in use: stop the node first,"
                    + " or ask the running node to rewind itself (POST /api/v1/admin/rewind on its staff API)"
                    + System.lineSeparator());
            assertThat(run.out()).isEmpty();
        }
        // once the member has left, the same command works
        Run run = rewind(group, "--to-beginning");
        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(committed(group).values()).containsOnly(0L);
    }

    @Test
    @Order(1) // first: on a broker without a group coordinator yet (no __consumer_offsets), which is found on demand
    void aGroupWithoutOffsetsIsAnInputError() {
        Run run = rewind("nobody", "--to-beginning");
        assertThat(run.exit()).isEqualTo(ReplayMain.EXIT_USAGE);
        assertThat(run.err()).isEqualTo("replay: consumer group nobody has no committed offsets on bronsein.* topics"
                + System.lineSeparator());
    }

    private Run rewind(String group, String... more) {
        return replay(ReplayTestSupport.concat(new String[] {"rewind", "--bootstrap-server", broker.bootstrapServers(),
                "--group", group}, more));
    }

    private void consumeEverything(String group) {
        Map<TopicPartition, Long> end = endOffsets();
        try (KafkaConsumer<String, byte[]> consumer = ReplayTestSupport.consumer(broker, group)) {
            consumer.subscribe(List.of(CASES, REFERRALS));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200));
                if (consumer.assignment().size() == partitions.size()
                        && partitions.stream().allMatch(p -> consumer.position(p) >= end.get(p))) {
                    break;
                }
            }
            consumer.commitSync();
        }
    }

    private static Map<TopicPartition, Long> sorted() {
        return new TreeMap<>(java.util.Comparator.comparing(TopicPartition::toString));
    }

    private Map<TopicPartition, Long> endOffsets() {
        try (KafkaConsumer<String, byte[]> consumer = ReplayTestSupport.consumer(broker, null)) {
            Map<TopicPartition, Long> end = sorted();
            end.putAll(consumer.endOffsets(partitions));
            return end;
        }
    }

    private Map<TopicPartition, Long> committed(String group) {
        try (Admin admin = ReplayTestSupport.admin(broker)) {
            Map<TopicPartition, OffsetAndMetadata> offsets = admin.listConsumerGroupOffsets(group)
                    .partitionsToOffsetAndMetadata().get(30, TimeUnit.SECONDS);
            Map<TopicPartition, Long> result = sorted();
            offsets.forEach((p, o) -> result.put(p, o.offset()));
            return result;
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}

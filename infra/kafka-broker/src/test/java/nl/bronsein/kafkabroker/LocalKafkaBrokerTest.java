package nl.bronsein.kafkabroker;

import static nl.bronsein.kafkabroker.Records.pollUntil;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalKafkaBrokerTest {

    @TempDir
    Path dataDir;

    @Test
    void startsARealBrokerThatStoresAndServesRecords() throws Exception {
        try (LocalKafkaBroker broker = new LocalKafkaBroker(dataDir, 0)) {
            assertThat(broker.port()).isPositive();
            assertThat(broker.controllerPort()).isPositive().isNotEqualTo(broker.port());
            assertThat(broker.bootstrapServers()).isEqualTo("127.0.0.1:" + broker.port());
            assertThat(broker.isRunning()).isFalse();

            broker.start();
            assertThat(broker.isRunning()).isTrue();
            assertThat(broker.clusterId()).isPresent();
            assertThat(Files.exists(dataDir.resolve("logs").resolve("meta.properties"))).isTrue();

            try (Admin admin = admin(broker)) {
                admin.createTopics(List.of(new NewTopic("events", 2, (short) 1))).all().get(30, TimeUnit.SECONDS);
                TopicDescription description = admin.describeTopics(List.of("events")).allTopicNames()
                        .get(30, TimeUnit.SECONDS).get("events");
                assertThat(description.partitions()).hasSize(2);
                assertThat(description.partitions().get(0).leader().port()).isEqualTo(broker.port());
                // broker defaults set by LocalKafkaBroker
                admin.createTopics(List.of(new NewTopic("defaults", Optional.empty(), Optional.empty())))
                        .all().get(30, TimeUnit.SECONDS);
                // a just-created topic's metadata reaches the broker's cache a moment later, longer on a busy machine
                await().atMost(Duration.ofSeconds(30)).ignoreExceptions().untilAsserted(() ->
                        assertThat(admin.describeTopics(List.of("defaults")).allTopicNames().get(30, TimeUnit.SECONDS)
                                .get("defaults").partitions()).hasSize(3));
            }

            List<String> sent = List.of("a", "b", "c", "d", "e");
            produce(broker, "events", sent);

            try (KafkaConsumer<String, String> consumer = consumer(broker, "group-a")) {
                consumer.subscribe(List.of("events"));
                List<ConsumerRecord<String, String>> received = pollUntil(consumer, sent.size());
                assertThat(received).extracting(ConsumerRecord::value).containsExactlyInAnyOrderElementsOf(sent);
                assertThat(received).extracting(ConsumerRecord::key).containsExactlyInAnyOrderElementsOf(sent.stream().map(v -> "key-" + v).toList());
            }

            // auto.create.topics.enable=false: producing to an unknown topic does not create it
            Properties props = new Properties();
            props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
            props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 1_000);
            try (KafkaProducer<String, String> producer = new KafkaProducer<>(props, new StringSerializer(), new StringSerializer())) {
                assertThatThrownBy(() -> producer.send(new ProducerRecord<>("unknown", "x")).get(10, TimeUnit.SECONDS))
                        .hasCauseInstanceOf(TimeoutException.class);
            }
            try (Admin admin = admin(broker)) {
                assertThat(admin.listTopics().names().get(30, TimeUnit.SECONDS)).contains("events", "defaults")
                        .doesNotContain("unknown");
            }
        }
    }

    @Test
    void restartOnTheSamePortKeepsTopicsRecordsAndCommittedOffsets() throws Exception {
        LocalKafkaBroker broker = new LocalKafkaBroker(dataDir, 0);
        try {
            broker.start();
            int port = broker.port();
            String clusterId = broker.clusterId().orElseThrow();
            TopicPartition tp = new TopicPartition("notifications", 0);
            try (Admin admin = admin(broker)) {
                admin.createTopics(List.of(new NewTopic("notifications", 1, (short) 1))).all().get(30, TimeUnit.SECONDS);
            }
            produce(broker, "notifications", List.of("n1", "n2", "n3", "n4"));

            // consume two records and commit offset 2 for group "g"
            try (KafkaConsumer<String, String> consumer = consumer(broker, "g")) {
                consumer.assign(List.of(tp));
                consumer.seekToBeginning(List.of(tp));
                List<ConsumerRecord<String, String>> first = pollUntil(consumer, 4);
                assertThat(first).extracting(ConsumerRecord::value).containsExactly("n1", "n2", "n3", "n4");
                consumer.commitSync(Map.of(tp, new OffsetAndMetadata(2, "after n2")));
            }

            // clients that stay open across the restart, as a running node's would
            KafkaProducer<String, String> liveProducer = producer(broker);
            KafkaConsumer<String, String> liveConsumer = consumer(broker, "live");
            try {
                liveConsumer.subscribe(List.of("notifications"));
                assertThat(pollUntil(liveConsumer, 4)).extracting(ConsumerRecord::value)
                        .containsExactly("n1", "n2", "n3", "n4");
                liveConsumer.commitSync();

                restartKeepsEverything(broker, port, clusterId, tp);

                liveProducer.send(new ProducerRecord<>("notifications", "key-n6", "n6")).get(60, TimeUnit.SECONDS);
                List<ConsumerRecord<String, String>> afterRestart = pollUntil(liveConsumer, 2);
                assertThat(afterRestart).extracting(ConsumerRecord::value).containsExactly("n5", "n6");
            } finally {
                liveProducer.close();
                liveConsumer.close();
            }
        } finally {
            broker.close();
        }
        assertThat(broker.isRunning()).isFalse();
    }

    private static void restartKeepsEverything(LocalKafkaBroker broker, int port, String clusterId, TopicPartition tp)
            throws Exception {
        {
            long stopBegin = System.nanoTime();
            broker.stop();
            long stopMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - stopBegin);
            assertThat(broker.isRunning()).isFalse();

            // the port really is closed...
            assertThatThrownBy(() -> {
                try (Socket socket = new Socket()) {
                    socket.connect(new InetSocketAddress("127.0.0.1", port), 1_000);
                }
            }).isInstanceOf(ConnectException.class);
            // ...and a client gives up quickly
            try (Admin admin = admin(broker, 1_500)) {
                assertThatThrownBy(() -> admin.listTopics().names().get(10, TimeUnit.SECONDS))
                        .isInstanceOf(ExecutionException.class)
                        .hasCauseInstanceOf(TimeoutException.class);
            }

            // a few seconds of downtime, as the network tests do
            Thread.sleep(2_000);

            long startBegin = System.nanoTime();
            broker.start();
            long restartMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startBegin);
            System.out.printf("stop took %d ms, restart took %d ms%n", stopMs, restartMs);
            assertThat(broker.isRunning()).isTrue();
            assertThat(broker.port()).isEqualTo(port);
            assertThat(broker.clusterId()).contains(clusterId);

            try (Admin admin = admin(broker)) {
                assertThat(admin.listTopics().names().get(30, TimeUnit.SECONDS)).contains("notifications");
                Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets("g")
                        .partitionsToOffsetAndMetadata().get(30, TimeUnit.SECONDS);
                assertThat(committed).containsKey(tp);
                assertThat(committed.get(tp).offset()).isEqualTo(2);
                assertThat(committed.get(tp).metadata()).isEqualTo("after n2");
            }

            // the old records are still there
            try (KafkaConsumer<String, String> consumer = consumer(broker, "fresh-group")) {
                consumer.assign(List.of(tp));
                consumer.seekToBeginning(List.of(tp));
                assertThat(pollUntil(consumer, 4)).extracting(ConsumerRecord::value)
                        .containsExactly("n1", "n2", "n3", "n4");
            }

            // producing works again, and group "g" resumes from its committed offset
            produce(broker, "notifications", List.of("n5"));
            try (KafkaConsumer<String, String> consumer = consumer(broker, "g")) {
                consumer.subscribe(List.of("notifications"));
                List<ConsumerRecord<String, String>> resumed = pollUntil(consumer, 3);
                assertThat(resumed).extracting(ConsumerRecord::value).containsExactly("n3", "n4", "n5");
                assertThat(resumed.get(0).offset()).isEqualTo(2);
            }
        }
    }

    @Test
    void aNewInstanceOnTheSameDataDirectoryAndPortSeesTheSameCluster() throws Exception {
        int port;
        String clusterId;
        try (LocalKafkaBroker first = new LocalKafkaBroker(dataDir, 0, Map.of("num.partitions", "1"))) {
            first.start();
            port = first.port();
            clusterId = first.clusterId().orElseThrow();
            try (Admin admin = admin(first)) {
                admin.createTopics(List.of(new NewTopic("kept", Optional.empty(), Optional.empty()))).all()
                        .get(30, TimeUnit.SECONDS);
                // the override was applied on top of the defaults
                assertThat(admin.describeTopics(List.of("kept")).allTopicNames().get(30, TimeUnit.SECONDS)
                        .get("kept").partitions()).hasSize(1);
            }
        }
        try (LocalKafkaBroker second = new LocalKafkaBroker(dataDir, port)) {
            assertThat(second.clusterId()).contains(clusterId);
            second.start();
            assertThat(second.bootstrapServers()).isEqualTo("127.0.0.1:" + port);
            try (Admin admin = admin(second)) {
                assertThat(admin.describeCluster().clusterId().get(30, TimeUnit.SECONDS)).isEqualTo(clusterId);
                assertThat(admin.listTopics().names().get(30, TimeUnit.SECONDS)).contains("kept");
            }
        }
    }

    @Test
    void aBusyPortFailsFastAndStartCanBeRetriedOnceItIsFree() throws Exception {
        ServerSocket squatter = new ServerSocket();
        squatter.bind(new InetSocketAddress("127.0.0.1", 0));
        LocalKafkaBroker broker = new LocalKafkaBroker(dataDir, squatter.getLocalPort());
        try {
            try (squatter) {
                assertThatThrownBy(broker::start).isInstanceOf(IllegalStateException.class)
                        .hasMessageContaining("client port 127.0.0.1:" + squatter.getLocalPort() + " is already in use");
                assertThat(broker.isRunning()).isFalse();
            }
            // the port is free now
            broker.start();
            assertThat(broker.isRunning()).isTrue();
            try (Admin admin = admin(broker)) {
                assertThat(admin.describeCluster().nodes().get(30, TimeUnit.SECONDS)).hasSize(1);
            }
        } finally {
            broker.close();
        }
    }

    @Test
    void rejectsABadPort() {
        assertThatThrownBy(() -> new LocalKafkaBroker(dataDir, 70_000)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("70000");
    }

    // --- helpers -------------------------------------------------------------------------------------------------

    private static Admin admin(LocalKafkaBroker broker) {
        return admin(broker, 30_000);
    }

    private static Admin admin(LocalKafkaBroker broker, int timeoutMs) {
        return Admin.create(Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, timeoutMs,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, timeoutMs));
    }

    private static KafkaProducer<String, String> producer(LocalKafkaBroker broker) {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 30_000);
        return new KafkaProducer<>(props, new StringSerializer(), new StringSerializer());
    }

    private static void produce(LocalKafkaBroker broker, String topic, List<String> values) throws Exception {
        try (KafkaProducer<String, String> producer = producer(broker)) {
            List<RecordMetadata> acks = new ArrayList<>();
            for (String value : values) {
                acks.add(producer.send(new ProducerRecord<>(topic, "key-" + value, value)).get(30, TimeUnit.SECONDS));
            }
            assertThat(acks).allSatisfy(ack -> assertThat(ack.offset()).isNotNegative());
        }
    }

    private static KafkaConsumer<String, String> consumer(LocalKafkaBroker broker, String groupId) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        props.put(ConsumerConfig.GROUP_ID_CONFIG, groupId);
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        return new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer());
    }
}

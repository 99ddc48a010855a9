package nl.bronsein.network;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

import nl.bronsein.kafkabroker.LocalKafkaBroker;

/**
 * What a test network leaves behind for the privacy scan ({@link PrivacyScanIT}): one directory per network,
 * {@code <suite logs>/<test class>/<database>-<n>/}, holding the nodes' log at DEBUG ({@value #NODE_LOG}), each node's
 * HTTP access log of both doors ({@code <node>}{@value #ACCESS_LOG}) and, written when the network closes, every record
 * of every topic with its key and headers ({@value #TOPIC_DUMP}, one JSON object a line).
 *
 * <p>The nodes of one test JVM share one logging system (Logback is configured once per JVM, by the first node to
 * start), so a network's nodes write one log together; each line names its thread.
 */
record SuiteLogs(Path dir) {

    static final String NODE_LOG = "nodes.log";
    static final String ACCESS_LOG = "-access.log";
    static final String TOPIC_DUMP = "topics.jsonl";
    /** The root: set by the build ({@code target/suite-logs}), which empties it at the start of every build. */
    static final String ROOT_PROPERTY = "bronsein.test.suite-logs";

    static Path root() {
        return Path.of(System.getProperty(ROOT_PROPERTY, "target/suite-logs"));
    }

    /** A new directory for a network, named after the test class that starts it and the database of this run. */
    static SuiteLogs forNewNetwork() {
        Class<?> test = StackWalker.getInstance(StackWalker.Option.RETAIN_CLASS_REFERENCE)
                .walk(frames -> frames.map(StackWalker.StackFrame::getDeclaringClass)
                        .filter(c -> c != SuiteLogs.class && c != TestNetwork.class).findFirst())
                .orElseThrow();
        while (test.getEnclosingClass() != null) {
            test = test.getEnclosingClass();
        }
        try {
            Path classDir = Files.createDirectories(root().resolve(test.getSimpleName()));
            return new SuiteLogs(Files.createTempDirectory(classDir, TestNetwork.onPostgres() ? "postgresql-" : "h2-"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The settings that make a node log into this directory. */
    Map<String, Object> nodeProperties(Participants node) {
        return Map.of(
                "logging.file.name", dir.resolve(NODE_LOG).toString(),
                // one plain file to scan, not gzipped pieces
                "logging.logback.rollingpolicy.max-file-size", "2GB",
                "server.tomcat.accesslog.enabled", "true",
                "server.tomcat.accesslog.directory", dir.toString(),
                "server.tomcat.accesslog.prefix", node.stem + "-access",
                "server.tomcat.accesslog.suffix", ".log",
                "server.tomcat.accesslog.rotate", "false",
                // written at once, so a node that is stopped abruptly or started again loses nothing
                "server.tomcat.accesslog.buffered", "false",
                // the local port tells the doors apart; %r is the request line with its query string
                "server.tomcat.accesslog.pattern", "%h %p %t \"%r\" %s %b %D");
    }

    /**
     * Writes every record of every topic on the broker — name, partition, offset, key, headers, and the value as UTF-8
     * text (Avro keeps strings as UTF-8, so any text in a body is readable here). Internal topics ({@code __…}) hold
     * only the broker's and clients' bookkeeping and are left out. A broker that cannot be read leaves an
     * {@code error} line, which the scan refuses, rather than a silently missing dump.
     */
    /** @param clientSecurity the Kafka client's TLS settings on a secured broker (an operator's), empty otherwise */
    void dumpTopics(LocalKafkaBroker broker, Map<String, Object> clientSecurity) {
        Path dump = dir.resolve(TOPIC_DUMP);
        try (BufferedWriter out = Files.newBufferedWriter(dump, StandardCharsets.UTF_8)) {
            if (!broker.isRunning()) {
                out.write(TestNetwork.JSON.writeValueAsString(
                        Map.of("error", "the broker was not running when the network closed")));
                return;
            }
            try {
                dump(broker.bootstrapServers(), clientSecurity, out);
            } catch (RuntimeException e) {
                out.write(TestNetwork.JSON.writeValueAsString(Map.of("error", "topics could not be read: " + e)));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void dump(String bootstrapServers, Map<String, Object> clientSecurity, BufferedWriter out)
            throws IOException {
        Map<String, Object> config = new HashMap<>(clientSecurity);
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(config, new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.listTopics(Duration.ofSeconds(10)).values().stream()
                    .flatMap(List::stream)
                    .filter(p -> !p.topic().startsWith("__"))
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("could not read the topics to their end");
                }
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(100))) {
                    out.write(TestNetwork.JSON.writeValueAsString(line(record)));
                    out.newLine();
                }
            }
        }
    }

    private static Map<String, Object> line(ConsumerRecord<byte[], byte[]> record) {
        Map<String, String> headers = new LinkedHashMap<>();
        for (Header header : record.headers()) {
            headers.put(header.key(), text(header.value()));
        }
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("topic", record.topic());
        line.put("partition", record.partition());
        line.put("offset", record.offset());
        line.put("key", text(record.key()));
        line.put("headers", headers);
        line.put("value", text(record.value()));
        // the exact bytes too, so that a notification body can be decoded and checked field by field
        line.put("value_base64", record.value() == null ? null : java.util.Base64.getEncoder().encodeToString(record.value()));
        return line;
    }

    private static String text(byte[] bytes) {
        return bytes == null ? null : new String(bytes, StandardCharsets.UTF_8);
    }
}

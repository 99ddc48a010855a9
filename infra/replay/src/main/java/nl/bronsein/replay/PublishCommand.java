package nl.bronsein.replay;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListTopicsOptions;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.TopicExistsException;

import nl.bronsein.replay.ReplayOptions.Publish;
import nl.bronsein.replay.NotificationLine.Line;
import nl.bronsein.schemas.NotificationCodec;
import nl.bronsein.schemas.UndecodableNotificationException;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code publish}: reads and checks the whole file (JSON, attributes, bodies of a known notification schema, the
 * source map), then checks the topics, then sends every line in file order and waits for every acknowledgement.
 */
final class PublishCommand {

    private final Publish options;
    private final PrintStream err;
    private final NotificationCodec codec = new NotificationCodec();
    private final JsonMapper mapper = JsonMapper.builder().build();

    PublishCommand(Publish options, PrintStream err) {
        this.options = options;
        this.err = err;
    }

    int run() {
        SourceMap sourceMap = options.sourceMap().isEmpty() ? null
                : SourceMap.load(options.sourceMap(), options.participantList(), mapper);
        List<Line> lines = read();
        for (Line line : lines) {
            try {
                codec.decode(line.value());
            } catch (UndecodableNotificationException e) {
                throw NotificationLine.lineError(line.number(), "body is not a known notification schema: "
                        + ReplayException.oneLine(e.getMessage()));
            }
        }
        if (sourceMap != null) {
            lines = lines.stream().map(line -> sourceMap.apply(line, codec)).toList();
        }
        try (Admin admin = Kafka.admin(options.connection())) {
            checkTopics(admin, lines);
        } catch (KafkaException e) {
            throw Kafka.failure(options.connection(), e);
        }
        send(lines);
        err.println("published " + lines.size() + " record" + (lines.size() == 1 ? "" : "s"));
        return ReplayMain.EXIT_OK;
    }

    private List<Line> read() {
        List<Line> lines = new ArrayList<>();
        try (BufferedReader reader = Files.newBufferedReader(options.in(), StandardCharsets.UTF_8)) {
            String text;
            int number = 0;
            while ((text = reader.readLine()) != null) {
                number++;
                if (!text.isBlank()) {
                    lines.add(NotificationLine.parse(number, text, mapper));
                }
            }
        } catch (IOException e) {
            throw ReplayException.input("cannot read --in " + options.in() + ": " + IoMessages.describe(e));
        }
        return lines;
    }

    private void checkTopics(Admin admin, List<Line> lines) {
        Map<String, Integer> partitions = new LinkedHashMap<>();
        Map<String, Integer> firstLine = new LinkedHashMap<>();
        for (Line line : lines) {
            firstLine.putIfAbsent(line.topic(), line.number());
            int partition = line.partition() == null ? -1 : line.partition();
            partitions.merge(line.topic(), partition + 1, Math::max);
        }
        if (partitions.isEmpty()) {
            return;
        }
        long timeout = options.connection().timeout().toMillis();
        Set<String> existing = get(admin.listTopics(new ListTopicsOptions().listInternal(false)).names(), timeout);
        List<NewTopic> missing = new ArrayList<>();
        for (Map.Entry<String, Integer> topic : partitions.entrySet()) {
            if (existing.contains(topic.getKey())) {
                continue;
            }
            if (!options.createTopics()) {
                throw ReplayException.input("no such topic: " + topic.getKey() + " (line "
                        + firstLine.get(topic.getKey()) + "; create it first, or pass --create-topics)");
            }
            Optional<Integer> count = topic.getValue() > 0 ? Optional.of(topic.getValue()) : Optional.empty();
            missing.add(new NewTopic(topic.getKey(), count, Optional.empty()));
        }
        if (missing.isEmpty()) {
            return;
        }
        try {
            admin.createTopics(missing).all().get(timeout, TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw Kafka.failure(options.connection(), e);
            }
        } catch (Exception e) {
            throw Kafka.failure(options.connection(), e);
        }
        for (NewTopic topic : missing) {
            err.println("created topic " + topic.name()
                    + (topic.numPartitions() > 0 ? " (" + topic.numPartitions() + " partitions)" : ""));
        }
    }

    private void send(List<Line> lines) {
        try (KafkaProducer<String, byte[]> producer = Kafka.producer(options.connection())) {
            List<Future<RecordMetadata>> sent = new ArrayList<>();
            for (Line line : lines) {
                sent.add(producer.send(line.toRecord()));
            }
            producer.flush();
            for (int i = 0; i < lines.size(); i++) {
                try {
                    sent.get(i).get();
                } catch (ExecutionException e) {
                    Line line = lines.get(i);
                    ReplayException failure = Kafka.failure(options.connection(), e);
                    throw new ReplayException(failure.exitCode(), "line " + line.number() + " not published to "
                            + line.topic() + ": " + failure.getMessage() + " (earlier lines may have been published)", e);
                }
            }
        } catch (KafkaException e) {
            throw Kafka.failure(options.connection(), e);
        } catch (InterruptedException e) {
            throw Kafka.failure(options.connection(), e);
        }
    }

    private <T> T get(org.apache.kafka.common.KafkaFuture<T> future, long timeoutMillis) {
        try {
            return future.get(timeoutMillis, TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            throw Kafka.failure(options.connection(), e);
        }
    }
}

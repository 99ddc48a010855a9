package nl.bronsein.replay;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.DescribeTopicsOptions;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.acl.AclOperation;

import io.cloudevents.CloudEvent;
import nl.bronsein.replay.ReplayOptions.Dump;
import nl.bronsein.schemas.NotificationCodec;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code dump}: reads the chosen partitions from their start (beginning, offset or time) up to their stop (the end
 * offsets found when the dump starts, an offset, or the first record at or after a time), one partition at a time in
 * topic, partition, offset order, and writes each record that passes the filters as one JSON line.
 */
final class DumpCommand {

    /** Topics whose names start with this are the network's. */
    static final String TOPIC_PREFIX = "bronsein.";

    private static final Duration POLL = Duration.ofMillis(200);

    private final Dump options;
    private final PrintStream out;
    private final PrintStream err;
    private final NotificationCodec codec = new NotificationCodec();
    private final JsonMapper mapper = JsonMapper.builder().build();

    DumpCommand(Dump options, PrintStream out, PrintStream err) {
        this.options = options;
        this.out = out;
        this.err = err;
    }

    int run() {
        Writer file = null;
        if (options.out() != null) {
            try {
                file = Files.newBufferedWriter(options.out(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw ReplayException.input("cannot write --out " + options.out() + ": " + IoMessages.describe(e));
            }
        }
        try (KafkaConsumer<String, byte[]> consumer = Kafka.consumer(options.connection());
             Writer closeMe = file) {
            Summary summary = dump(consumer, file);
            if (file != null) {
                file.flush();
            }
            out.flush();
            err.println("dumped " + summary.records + " record" + (summary.records == 1 ? "" : "s") + " from "
                    + summary.partitions + " partition" + (summary.partitions == 1 ? "" : "s")
                    + (options.out() == null ? "" : " to " + options.out()));
            return ReplayMain.EXIT_OK;
        } catch (IOException | UncheckedIOException e) {
            throw ReplayException.input("cannot write --out " + options.out() + ": " + IoMessages.describe(e));
        } catch (KafkaException e) {
            throw Kafka.failure(options.connection(), e);
        }
    }

    private record Summary(long records, int partitions) {
    }

    private Summary dump(KafkaConsumer<String, byte[]> consumer, Writer file) throws IOException {
        Duration timeout = options.connection().timeout();
        Map<String, List<PartitionInfo>> topics = consumer.listTopics(timeout);
        List<String> chosen = new ArrayList<>();
        if (options.topics().isEmpty()) {
            topics.keySet().stream().filter(t -> t.startsWith(TOPIC_PREFIX)).sorted().forEach(chosen::add);
        } else {
            for (String topic : options.topics()) {
                if (!topics.containsKey(topic)) {
                    throw ReplayException.input("no such topic: " + topic);
                }
            }
            options.topics().stream().sorted().forEach(chosen::add);
        }
        chosen.removeAll(unreadable(chosen));
        List<TopicPartition> partitions = new ArrayList<>();
        for (String topic : chosen) {
            topics.get(topic).stream().map(p -> new TopicPartition(p.topic(), p.partition()))
                    .sorted(Comparator.comparingInt(TopicPartition::partition)).forEach(partitions::add);
        }
        if (partitions.isEmpty()) {
            return new Summary(0, 0);
        }
        Map<TopicPartition, Long> begin = consumer.beginningOffsets(partitions, timeout);
        Map<TopicPartition, Long> end = consumer.endOffsets(partitions, timeout);
        Map<TopicPartition, Long> start = new HashMap<>(begin);
        Map<TopicPartition, Long> stop = new HashMap<>(end);
        for (TopicPartition partition : partitions) {
            if (options.fromOffset() != null) {
                start.put(partition, Math.max(begin.get(partition), options.fromOffset()));
            }
            if (options.toOffset() != null) {
                stop.put(partition, Math.min(end.get(partition), options.toOffset()));
            }
        }
        if (options.from() != null) {
            offsetsForTimes(consumer, partitions, options.from().toEpochMilli(), timeout).forEach((partition, found) ->
                    start.put(partition, found == null ? end.get(partition)
                            : Math.max(begin.get(partition), found.offset())));
        }
        if (options.to() != null) {
            offsetsForTimes(consumer, partitions, options.to().toEpochMilli(), timeout).forEach((partition, found) ->
                    stop.put(partition, found == null ? end.get(partition)
                            : Math.min(end.get(partition), found.offset())));
        }

        long records = 0;
        for (TopicPartition partition : partitions) {
            records += dumpPartition(consumer, partition, start.get(partition), stop.get(partition), file);
        }
        return new Summary(records, partitions.size());
    }

    /**
     * The topics this identity may see but not read, each named on standard error as skipped. On a secured broker a
     * participant sees the inboxes of the roles it may address (WRITE implies DESCRIBE) but reads only its own; topics
     * it may not even describe are not listed at all. A broker without an authorizer reports no operations: all readable.
     */
    private List<String> unreadable(List<String> topics) {
        if (topics.isEmpty()) {
            return List.of();
        }
        List<String> skipped = new ArrayList<>();
        try (Admin admin = Kafka.admin(options.connection())) {
            Map<String, TopicDescription> described = admin.describeTopics(topics,
                            new DescribeTopicsOptions().includeAuthorizedOperations(true)).allTopicNames()
                    .get(options.connection().timeout().toMillis(), TimeUnit.MILLISECONDS);
            for (String topic : topics) {
                Set<AclOperation> allowed = described.get(topic).authorizedOperations();
                if (allowed != null && !allowed.contains(AclOperation.READ) && !allowed.contains(AclOperation.ALL)) {
                    err.println("skipped " + topic + ": this identity may not read it");
                    skipped.add(topic);
                }
            }
        } catch (ExecutionException | java.util.concurrent.TimeoutException e) {
            throw Kafka.failure(options.connection(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw Kafka.failure(options.connection(), e);
        }
        return skipped;
    }

    private static Map<TopicPartition, OffsetAndTimestamp> offsetsForTimes(KafkaConsumer<String, byte[]> consumer,
                                                                           List<TopicPartition> partitions,
                                                                           long timestamp, Duration timeout) {
        Map<TopicPartition, Long> query = new HashMap<>();
        partitions.forEach(p -> query.put(p, timestamp));
        Map<TopicPartition, OffsetAndTimestamp> found = new HashMap<>(consumer.offsetsForTimes(query, timeout));
        partitions.forEach(p -> found.putIfAbsent(p, null));
        return found;
    }

    private long dumpPartition(KafkaConsumer<String, byte[]> consumer, TopicPartition partition, long start, long stop,
                               Writer file) throws IOException {
        if (start >= stop) {
            return 0;
        }
        long written = 0;
        Long to = options.to() == null ? null : options.to().toEpochMilli();
        consumer.assign(List.of(partition));
        consumer.seek(partition, start);
        long position = start;
        long idleSince = System.nanoTime();
        Duration patience = options.connection().timeout().multipliedBy(3);
        while (position < stop) {
            ConsumerRecords<String, byte[]> batch = consumer.poll(POLL);
            for (ConsumerRecord<String, byte[]> record : batch.records(partition)) {
                if (record.offset() >= stop || (to != null && record.timestamp() >= to)) {
                    consumer.assign(List.of());
                    return written;
                }
                NotificationLine.Dumped dumped = NotificationLine.toJson(record, codec);
                if (matches(dumped.event())) {
                    String line = mapper.writeValueAsString(dumped.json());
                    if (file != null) {
                        file.write(line);
                        file.write('\n');
                    } else {
                        out.println(line);
                    }
                    written++;
                }
            }
            long now = consumer.position(partition, options.connection().timeout());
            if (now > position) {
                position = now;
                idleSince = System.nanoTime();
            } else if (System.nanoTime() - idleSince > patience.toNanos()) {
                throw new ReplayException(ReplayMain.EXIT_KAFKA, "no progress reading " + partition + " at offset "
                        + position + " (stop at " + stop + ") for " + patience.toSeconds() + " s");
            }
        }
        consumer.assign(List.of());
        return written;
    }

    private boolean matches(CloudEvent event) {
        if (options.source() == null && options.type() == null && options.subject() == null) {
            return true;
        }
        if (event == null) {
            return false;
        }
        return (options.source() == null
                        || (event.getSource() != null && options.source().equals(event.getSource().toString())))
                && (options.type() == null || options.type().equals(event.getType()))
                && (options.subject() == null || Objects.equals(options.subject(), event.getSubject()));
    }
}

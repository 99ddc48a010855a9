package nl.bronsein.replay;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo;
import org.apache.kafka.clients.admin.ListTopicsOptions;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.GroupIdNotFoundException;
import org.apache.kafka.common.errors.GroupNotEmptyException;
import org.apache.kafka.common.errors.UnknownMemberIdException;

import nl.bronsein.replay.ReplayOptions.Rewind;

/**
 * {@code rewind}: moves a consumer group's committed offsets with {@link Admin#alterConsumerGroupOffsets}, only while
 * the group has no active members (a running consumer would overwrite them with its next commit).
 */
final class RewindCommand {

    private static final Comparator<TopicPartition> ORDER = Comparator.comparing(TopicPartition::topic)
            .thenComparingInt(TopicPartition::partition);

    private final Rewind options;
    private final PrintStream out;
    private final PrintStream err;
    private final long timeout;

    RewindCommand(Rewind options, PrintStream out, PrintStream err) {
        this.options = options;
        this.out = out;
        this.err = err;
        this.timeout = options.connection().timeout().toMillis();
    }

    static String inUse(String group) {
        return "consumer group " + group + " is in use: stop the node first, or ask the running node to rewind itself"
                + " (POST /api/v1/admin/rewind on its staff API)";
    }

    int run() {
        try (Admin admin = Kafka.admin(options.connection())) {
            return rewind(admin);
        } catch (KafkaException e) {
            throw Kafka.failure(options.connection(), e);
        }
    }

    private int rewind(Admin admin) {
        String group = options.group();
        if (hasMembers(admin, group)) {
            throw new ReplayException(ReplayMain.EXIT_REFUSED, inUse(group));
        }
        Map<TopicPartition, OffsetAndMetadata> committed = new HashMap<>();
        get(admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata(), true)
                .forEach((partition, offset) -> {
                    if (offset != null) {
                        committed.put(partition, offset);
                    }
                });

        List<TopicPartition> partitions = new ArrayList<>();
        if (options.topics().isEmpty()) {
            committed.keySet().stream().filter(p -> p.topic().startsWith(DumpCommand.TOPIC_PREFIX))
                    .forEach(partitions::add);
            if (partitions.isEmpty()) {
                throw ReplayException.input("consumer group " + group + " has no committed offsets on "
                        + DumpCommand.TOPIC_PREFIX + "* topics");
            }
        } else {
            Set<String> existing = get(admin.listTopics(new ListTopicsOptions().listInternal(false)).names(), false);
            for (String topic : options.topics()) {
                if (!existing.contains(topic)) {
                    throw ReplayException.input("no such topic: " + topic);
                }
            }
            Map<String, TopicDescription> topics = get(admin.describeTopics(options.topics()).allTopicNames(), false);
            topics.values().forEach(description -> description.partitions().forEach(info ->
                    partitions.add(new TopicPartition(description.name(), info.partition()))));
            if (committed.isEmpty()) {
                throw ReplayException.input("consumer group " + group + " has no committed offsets");
            }
        }
        partitions.sort(ORDER);

        Map<TopicPartition, Long> earliest = offsets(admin, partitions, OffsetSpec.earliest());
        Map<TopicPartition, Long> latest = offsets(admin, partitions, OffsetSpec.latest());
        Map<TopicPartition, Long> target = new TreeMap<>(ORDER);
        if (options.toBeginning()) {
            target.putAll(earliest);
        } else if (options.toOffset() != null) {
            for (TopicPartition partition : partitions) {
                target.put(partition, Math.max(earliest.get(partition),
                        Math.min(latest.get(partition), options.toOffset())));
            }
        } else {
            Map<TopicPartition, Long> atTime = offsets(admin, partitions,
                    OffsetSpec.forTimestamp(options.to().toEpochMilli()));
            for (TopicPartition partition : partitions) {
                long offset = atTime.get(partition);
                target.put(partition, offset < 0 ? latest.get(partition) : offset);
            }
        }

        if (hasMembers(admin, group)) { // a node may have started in the meantime
            throw new ReplayException(ReplayMain.EXIT_REFUSED, inUse(group));
        }
        Map<TopicPartition, OffsetAndMetadata> moves = new HashMap<>();
        target.forEach((partition, offset) -> moves.put(partition, new OffsetAndMetadata(offset)));
        try {
            admin.alterConsumerGroupOffsets(group, moves).all().get(timeout, TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof UnknownMemberIdException || e.getCause() instanceof GroupNotEmptyException) {
                throw new ReplayException(ReplayMain.EXIT_REFUSED, inUse(group), e);
            }
            throw Kafka.failure(options.connection(), e);
        } catch (Exception e) {
            throw Kafka.failure(options.connection(), e);
        }
        target.forEach((partition, offset) -> {
            OffsetAndMetadata old = committed.get(partition);
            out.println(partition.topic() + "-" + partition.partition() + ": "
                    + (old == null ? "-" : Long.toString(old.offset())) + " → " + offset);
        });
        out.flush();
        err.println("rewound consumer group " + group + ": " + target.size() + " partition"
                + (target.size() == 1 ? "" : "s"));
        return ReplayMain.EXIT_OK;
    }

    private boolean hasMembers(Admin admin, String group) {
        try {
            ConsumerGroupDescription description = admin.describeConsumerGroups(List.of(group)).describedGroups()
                    .get(group).get(timeout, TimeUnit.MILLISECONDS);
            return !description.members().isEmpty();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof GroupIdNotFoundException) {
                return false;
            }
            throw Kafka.failure(options.connection(), e);
        } catch (Exception e) {
            throw Kafka.failure(options.connection(), e);
        }
    }

    private Map<TopicPartition, Long> offsets(Admin admin, List<TopicPartition> partitions, OffsetSpec spec) {
        Map<TopicPartition, OffsetSpec> query = new HashMap<>();
        partitions.forEach(p -> query.put(p, spec));
        Map<TopicPartition, ListOffsetsResultInfo> found = get(admin.listOffsets(query).all(), false);
        Map<TopicPartition, Long> offsets = new HashMap<>();
        found.forEach((partition, info) -> offsets.put(partition, info.offset()));
        return offsets;
    }

    /** The future's value; a missing group reads as "nothing" when {@code emptyIfNoGroup}. */
    @SuppressWarnings("unchecked")
    private <T> T get(KafkaFuture<T> future, boolean emptyIfNoGroup) {
        try {
            return future.get(timeout, TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            if (emptyIfNoGroup && e.getCause() instanceof GroupIdNotFoundException) {
                return (T) Map.of();
            }
            throw Kafka.failure(options.connection(), e);
        } catch (Exception e) {
            throw Kafka.failure(options.connection(), e);
        }
    }
}

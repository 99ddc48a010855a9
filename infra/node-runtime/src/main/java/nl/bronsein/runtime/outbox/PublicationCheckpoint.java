package nl.bronsein.runtime.outbox;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

import nl.bronsein.runtime.trust.ParticipantId;

/**
 * How far this node's relay got, written to Kafka in the same transaction as the notifications it covers (as Kafka
 * Connect does for exactly-once source connectors, KIP-618). Marking rows published in the database cannot be atomic
 * with the Kafka commit; when a relay dies or loses its database between the two, the checkpoint tells the next round
 * which rows Kafka already holds, so they are marked instead of sent twice.
 *
 * <p>It has to live on the broker the notifications go to (one transaction covers both), but it is this node's own
 * bookkeeping, not the network's: one compacted, single-partition topic per node, named under the node's own prefix
 * {@code _node.<participant key>.} ({@link #ownTopic}). No name under that prefix matches a {@code bronsein.*} pattern,
 * so a consumer subscribed to the network's topics by pattern never reads it, and a prefixed ACL on
 * {@link #ownPrefix} can grant it to that node alone. Records are still keyed by participant id, so a topic set by
 * hand that two nodes happen to share cannot make one node mark rows the other published. The value names the last
 * sequence number and its event id, so a database restored from an older backup — whose new rows reuse those numbers —
 * is never mistaken for rows that were sent.
 */
public class PublicationCheckpoint {

    /** Records read per step when looking back from the end for this node's newest checkpoint. */
    private static final int WINDOW = 1_000;

    private final String topic;
    private final String participant;
    private final Map<String, Object> consumerConfig;
    private final Duration timeout;

    /**
     * @param topic          where this node's checkpoints live: {@link #ownTopic} unless set by configuration
     * @param consumerConfig the node's Kafka client settings (bootstrap servers, security); isolation and group are set here
     */
    public PublicationCheckpoint(String topic, String participant, Map<String, Object> consumerConfig, Duration timeout) {
        this.topic = topic;
        this.participant = participant;
        Map<String, Object> config = new HashMap<>(consumerConfig);
        config.remove(ConsumerConfig.GROUP_ID_CONFIG);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        // only what a committed transaction wrote counts as published
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, IsolationLevel.READ_COMMITTED.toString());
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, "bronsein-relay-checkpoint-" + UUID.randomUUID());
        this.consumerConfig = Map.copyOf(config);
        this.timeout = timeout;
    }

    /**
     * The prefix of every topic that is this node's own, e.g. {@code _node.urn-nld-kvk-12345678.}. The leading
     * underscore marks a topic as internal the way Kafka's tooling conventionally does (Kafka itself keeps the double
     * underscore); {@code :} is not allowed in a topic name, and a participant id holds no {@code -} to be confused
     * with, so the key is the id itself with {@code -} for {@code :} and can be read back. It ends in a dot so that
     * one participant's prefix is never the start of another's.
     */
    public static String ownPrefix(ParticipantId participant) {
        return "_node." + participant.urn().replace(':', '-') + ".";
    }

    /** The node's own checkpoint topic, e.g. {@code _node.urn-nld-kvk-12345678.relay-checkpoints}. */
    public static String ownTopic(ParticipantId participant) {
        return ownPrefix(participant) + "relay-checkpoints";
    }

    public String topic() {
        return topic;
    }

    /** A stable transactional id per participant: a restarted relay fences its predecessor and aborts what it left open. */
    public static String transactionalIdPrefix(String participant) {
        return "bronsein-relay-" + participant + "-";
    }

    /** The record that says: everything of this participant up to and including {@code last} is on Kafka. */
    ProducerRecord<String, byte[]> after(OutboxEntry last) {
        return new ProducerRecord<>(topic, participant,
                (last.sourceSequence() + "/" + last.eventId()).getBytes(StandardCharsets.UTF_8));
    }

    /** The newest committed checkpoint of this participant, if it ever relayed. */
    Optional<Position> read() {
        TopicPartition partition = new TopicPartition(topic, 0);
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(consumerConfig, new StringDeserializer(),
                new ByteArrayDeserializer())) {
            if (consumer.partitionsFor(topic, timeout).isEmpty()) {
                return Optional.empty();
            }
            consumer.assign(List.of(partition));
            long begin = consumer.beginningOffsets(List.of(partition), timeout).get(partition);
            long upTo = consumer.endOffsets(List.of(partition), timeout).get(partition);
            long deadline = System.nanoTime() + timeout.toNanos();
            // Look back from the end: an active node's newest checkpoint is near it, whatever the topic's length.
            while (upTo > begin) {
                long from = Math.max(begin, upTo - WINDOW);
                consumer.seek(partition, from);
                Position newest = null;
                while (consumer.position(partition, timeout) < upTo) {
                    if (System.nanoTime() > deadline) {
                        throw new IllegalStateException("could not read " + topic + " within " + timeout);
                    }
                    for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                        if (record.offset() < upTo && participant.equals(record.key()) && record.value() != null) {
                            Position position = Position.parse(new String(record.value(), StandardCharsets.UTF_8));
                            if (newest == null || position.sequence() > newest.sequence()) {
                                newest = position;
                            }
                        }
                    }
                }
                if (newest != null) {
                    return Optional.of(newest);
                }
                upTo = from;
            }
            return Optional.empty();
        }
    }

    /** The last notification a committed relay transaction covered. */
    record Position(long sequence, UUID eventId) {

        static Position parse(String value) {
            int slash = value.indexOf('/');
            if (slash < 0) {
                throw new IllegalStateException("unreadable relay checkpoint");
            }
            return new Position(Long.parseLong(value.substring(0, slash)), UUID.fromString(value.substring(slash + 1)));
        }
    }
}

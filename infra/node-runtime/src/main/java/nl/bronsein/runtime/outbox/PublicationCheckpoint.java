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

/**
 * How far this node's relay got, written to Kafka in the same transaction as the notifications it covers (as Kafka
 * Connect does for exactly-once source connectors, KIP-618). Marking rows published in the database cannot be atomic
 * with the Kafka commit; when a relay dies or loses its database between the two, the checkpoint tells the next round
 * which rows Kafka already holds, so they are marked instead of sent twice.
 *
 * <p>One compacted, single-partition topic for all participants, keyed by participant id; its name stays outside the
 * {@code bronsein.} notification namespace so tools that read every notification topic never see it. The value names
 * the last sequence number and its event id, so a database restored from an older backup — whose new rows reuse those
 * numbers — is never mistaken for rows that were sent.
 */
public class PublicationCheckpoint {

    public static final String TOPIC = "bronsein-relay-checkpoints";
    /** Records read per step when looking back from the end for this node's newest checkpoint. */
    private static final int WINDOW = 1_000;

    private final String participant;
    private final Map<String, Object> consumerConfig;
    private final Duration timeout;

    /**
     * @param consumerConfig the node's Kafka client settings (bootstrap servers, security); isolation and group are set here
     */
    public PublicationCheckpoint(String participant, Map<String, Object> consumerConfig, Duration timeout) {
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

    /** A stable transactional id per participant: a restarted relay fences its predecessor and aborts what it left open. */
    public static String transactionalIdPrefix(String participant) {
        return "bronsein-relay-" + participant + "-";
    }

    /** The record that says: everything of this participant up to and including {@code last} is on Kafka. */
    ProducerRecord<String, byte[]> after(OutboxEntry last) {
        return new ProducerRecord<>(TOPIC, participant,
                (last.sourceSequence() + "/" + last.eventId()).getBytes(StandardCharsets.UTF_8));
    }

    /** The newest committed checkpoint of this participant, if it ever relayed. */
    Optional<Position> read() {
        TopicPartition partition = new TopicPartition(TOPIC, 0);
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(consumerConfig, new StringDeserializer(),
                new ByteArrayDeserializer())) {
            if (consumer.partitionsFor(TOPIC, timeout).isEmpty()) {
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
                        throw new IllegalStateException("could not read " + TOPIC + " within " + timeout);
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

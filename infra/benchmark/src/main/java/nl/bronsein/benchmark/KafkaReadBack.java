package nl.bronsein.benchmark;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Counts what reaches the referral topic from the moment it is opened, as a consumer with
 * {@code isolation.level=read_committed} sees it: the end of "API → outbox → Kafka". Only the GP publishes on this
 * topic, so a count is a count of changes. The same for the peer's topic, where only the peer publishes.
 */
final class KafkaReadBack implements AutoCloseable {

    private final KafkaConsumer<String, byte[]> consumer;
    private final AtomicLong seen = new AtomicLong();
    private final Thread poller;
    private volatile long target = Long.MAX_VALUE;
    private volatile long reachedAtNanos;
    /** When asked for: the moment each record (by key, the object id) was read, to split a latency into its legs. */
    private volatile Map<String, Instant> arrivals;

    /** @param client the reader's Kafka client settings: bootstrap servers and, on a secured broker, its TLS identity */
    KafkaReadBack(Map<String, Object> client) {
        this(client, BenchNetwork.REFERRAL_TOPIC);
    }

    /** The same on another topic whose records are keyed by the object's id. */
    KafkaReadBack(Map<String, Object> client, String topic) {
        Map<String, Object> settings = new java.util.HashMap<>(client);
        settings.putAll(Map.of(ConsumerConfig.GROUP_ID_CONFIG, "benchmark-read-back-" + UUID.randomUUID(),
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"));
        consumer = new KafkaConsumer<>(settings, new StringDeserializer(), new ByteArrayDeserializer());
        List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(30)).stream()
                .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
        if (partitions.isEmpty()) {
            consumer.close();
            throw new IllegalStateException("the broker has no topic " + topic);
        }
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        partitions.forEach(consumer::position); // fixes "the end" now, not at the first poll
        poller = new Thread(this::poll, "benchmark-read-back");
        poller.setDaemon(true);
        poller.start();
    }

    private void poll() {
        try {
            while (true) {
                ConsumerRecords<String, byte[]> records = consumer.poll(Duration.ofMillis(100));
                Map<String, Instant> noting = arrivals;
                if (noting != null) {
                    Instant now = Instant.now();
                    records.forEach(r -> noting.putIfAbsent(r.key(), now));
                }
                int count = records.count();
                if (count > 0 && seen.addAndGet(count) >= target && reachedAtNanos == 0) {
                    reachedAtNanos = System.nanoTime();
                }
            }
        } catch (WakeupException closing) {
            // close() ends the loop
        } finally {
            consumer.close();
        }
    }

    /**
     * Waits until {@code total} records have arrived since the topic was opened.
     *
     * @return {@link System#nanoTime()} at the poll that brought the last of them
     */
    long awaitTotal(long total, Duration patience) throws InterruptedException {
        reachedAtNanos = 0;
        target = total;
        long deadline = System.nanoTime() + patience.toNanos();
        while (seen.get() < total) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("only " + seen.get() + " of " + total + " changes reached Kafka within "
                        + patience.toSeconds() + " s");
            }
            Thread.sleep(1);
        }
        // the poller's moment when it saw the target; ours (at most a millisecond late) if it read the target too late
        long at = reachedAtNanos != 0 ? reachedAtNanos : System.nanoTime();
        target = Long.MAX_VALUE;
        return at;
    }

    /** From now on, notes when each record is read. */
    void noteArrivals() {
        arrivals = new ConcurrentHashMap<>();
    }

    /**
     * Waits until each of these keys was read since {@link #noteArrivals()}, then takes what was noted, as
     * {@link #takeArrivals()}.
     */
    Map<String, Instant> awaitArrivals(Collection<String> keys, Duration patience) throws InterruptedException {
        Map<String, Instant> noting = arrivals;
        if (noting == null) {
            throw new IllegalStateException("not noting arrivals");
        }
        long deadline = System.nanoTime() + patience.toNanos();
        for (String key : keys) {
            while (!noting.containsKey(key)) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("waited " + patience.toSeconds() + " s, " + keys.stream()
                            .filter(k -> !noting.containsKey(k)).count() + " of " + keys.size() + " never reached Kafka");
                }
                Thread.sleep(1);
            }
        }
        return takeArrivals();
    }

    /** What was noted since {@link #noteArrivals()}; stops noting. */
    Map<String, Instant> takeArrivals() {
        Map<String, Instant> taken = arrivals;
        arrivals = null;
        return taken == null ? Map.of() : taken;
    }

    long seen() {
        return seen.get();
    }

    @Override
    public void close() {
        consumer.wakeup();
        try {
            poller.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

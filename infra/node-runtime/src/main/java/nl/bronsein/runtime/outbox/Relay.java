package nl.bronsein.runtime.outbox;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.support.SendResult;

import nl.bronsein.runtime.notification.NotificationEnvelope;
import nl.bronsein.runtime.trust.NodeIdentity;

/**
 * Publishes outbox rows to Kafka in commit order and marks them published. A row is marked only after the broker
 * acknowledged it (acks=all, idempotent producer); when the broker is away rows simply wait, and the first row that
 * fails ends the round, so nothing after it is marked ahead of it. A crash between send and mark resends: delivery is
 * at least once, and consumers deduplicate by event id.
 */
public class Relay implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(Relay.class);

    private final OutboxRepository repository;
    private final KafkaTemplate<String, byte[]> kafka;
    private final NodeIdentity identity;
    private final RelayProperties properties;
    private final Clock clock;
    private final AtomicBoolean wakeUpPending = new AtomicBoolean();
    private volatile ScheduledExecutorService executor;
    private volatile long pausedUntil;

    public Relay(OutboxRepository repository, KafkaTemplate<String, byte[]> kafka, NodeIdentity identity,
                 RelayProperties properties, Clock clock) {
        this.repository = repository;
        this.kafka = kafka;
        this.identity = identity;
        this.properties = properties;
        this.clock = clock;
    }

    @Override
    public synchronized void start() {
        executor = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "outbox-relay");
            thread.setDaemon(true);
            return thread;
        });
        executor.scheduleWithFixedDelay(this::relayPending, 0, properties.interval().toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public synchronized void stop() {
        if (executor != null) {
            executor.shutdown();
            try {
                executor.awaitTermination(properties.sendTimeout().toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            executor = null;
        }
    }

    @Override
    public boolean isRunning() {
        return executor != null;
    }

    /** Called after a commit that added rows, so a notification leaves without waiting for the next poll. */
    public void wakeUp() {
        ScheduledExecutorService current = executor;
        if (current != null && wakeUpPending.compareAndSet(false, true)) {
            try {
                current.execute(() -> {
                    wakeUpPending.set(false);
                    relayPending();
                });
            } catch (java.util.concurrent.RejectedExecutionException stopping) {
                wakeUpPending.set(false);
            }
        }
    }

    /** Relays until the outbox is empty or a round fails. Never throws: the schedule must survive any failure. */
    void relayPending() {
        if (clock.millis() < pausedUntil) {
            return;
        }
        try {
            boolean more = true;
            while (more && executor != null) {
                List<OutboxEntry> batch = repository.findUnpublished(properties.batchSize());
                if (batch.isEmpty()) {
                    return;
                }
                more = publish(batch) && batch.size() == properties.batchSize();
            }
        } catch (RuntimeException e) {
            pause();
            log.warn("Outbox relay round failed, retrying in {}: {}", properties.retryDelay(), e.getClass().getSimpleName());
        }
    }

    /** @return whether every entry of the batch was acknowledged */
    private boolean publish(List<OutboxEntry> batch) {
        List<CompletableFuture<SendResult<String, byte[]>>> sends = new ArrayList<>(batch.size());
        for (OutboxEntry entry : batch) {
            try {
                sends.add(kafka.send(NotificationEnvelope.toRecord(entry, identity.id().urn())));
            } catch (RuntimeException e) {
                sends.add(CompletableFuture.failedFuture(e));
                break;
            }
        }
        List<Long> acknowledged = new ArrayList<>(batch.size());
        for (int i = 0; i < sends.size(); i++) {
            try {
                sends.get(i).get(properties.sendTimeout().toMillis(), TimeUnit.MILLISECONDS);
                acknowledged.add(batch.get(i).id());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            } catch (Exception e) {
                log.warn("Broker did not acknowledge event {} (sequence {}); it stays in the outbox: {}",
                        batch.get(i).eventId(), batch.get(i).sourceSequence(), rootCause(e));
                break;
            }
        }
        repository.markPublished(acknowledged, clock.instant());
        if (acknowledged.size() < batch.size()) {
            pause();
            return false;
        }
        return true;
    }

    private void pause() {
        pausedUntil = clock.millis() + properties.retryDelay().toMillis();
    }

    private static String rootCause(Throwable e) {
        Throwable cause = e;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        return cause.getClass().getSimpleName();
    }

    @Override
    public int getPhase() {
        // stop after the web server and listeners, start before them: a change accepted by the API gets relayed
        return Integer.MAX_VALUE - 2000;
    }
}

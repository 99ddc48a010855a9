package nl.bronsein.runtime.outbox;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.context.SmartLifecycle;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.support.SendResult;

import nl.bronsein.runtime.PeriodicWorker;
import nl.bronsein.runtime.notification.NotificationEnvelope;
import nl.bronsein.runtime.operations.RuntimeMetrics;
import nl.bronsein.runtime.trust.NodeIdentity;

/**
 * Publishes outbox rows to Kafka in commit order and marks them published. A row is marked only after the broker
 * acknowledged it (acks=all, idempotent producer); when the broker is away rows simply wait, and the first row that
 * fails ends the round, so nothing after it is marked ahead of it. A crash between send and mark resends: delivery is
 * at least once, and consumers deduplicate by event id. Instances of a node sharing a database relay one at a time,
 * under a {@link RelayLease}.
 */
public class Relay implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(Relay.class);

    private final OutboxRepository repository;
    private final RelayLease lease;
    private final KafkaTemplate<String, byte[]> kafka;
    private final NodeIdentity identity;
    private final RelayProperties properties;
    private final Clock clock;
    private final PeriodicWorker worker;
    private final RuntimeMetrics metrics;
    private volatile long pausedUntil;

    public Relay(OutboxRepository repository, RelayLease lease, KafkaTemplate<String, byte[]> kafka,
                 NodeIdentity identity, RelayProperties properties, Clock clock) {
        this(repository, lease, kafka, identity, properties, clock, RuntimeMetrics.NONE);
    }

    public Relay(OutboxRepository repository, RelayLease lease, KafkaTemplate<String, byte[]> kafka,
                 NodeIdentity identity, RelayProperties properties, Clock clock, RuntimeMetrics metrics) {
        this.metrics = metrics;
        this.repository = repository;
        this.lease = lease;
        this.kafka = kafka;
        this.identity = identity;
        this.properties = properties;
        this.clock = clock;
        this.worker = new PeriodicWorker("outbox-relay", properties.interval(), this::relayPending);
    }

    @Override
    public void start() {
        worker.start();
    }

    @Override
    public void stop() {
        worker.stop(properties.sendTimeout());
        try {
            lease.release();
        } catch (RuntimeException e) {
            log.warn("Could not release the relay lease; it expires by itself: {}", e.getClass().getSimpleName());
        }
    }

    @Override
    public boolean isRunning() {
        return worker.isRunning();
    }

    /** Called after a commit that added rows, so a notification leaves without waiting for the next poll. */
    public void wakeUp() {
        worker.wakeUp();
    }

    /** Relays until the outbox is empty or a round fails. Never throws: the schedule must survive any failure. */
    void relayPending() {
        if (clock.millis() < pausedUntil) {
            return;
        }
        try {
            boolean more = true;
            while (more && worker.isRunning()) {
                if (!lease.hold()) {
                    return; // another instance of this node relays
                }
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
            try (MDC.MDCCloseable event = MDC.putCloseable("eventId", entry.eventId().toString());
                 MDC.MDCCloseable object = MDC.putCloseable("objectId", entry.subject())) {
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
                try (MDC.MDCCloseable event = MDC.putCloseable("eventId", batch.get(i).eventId().toString());
                     MDC.MDCCloseable object = MDC.putCloseable("objectId", batch.get(i).subject())) {
                    log.warn("Broker did not acknowledge event {} (sequence {}); it stays in the outbox: {}",
                            batch.get(i).eventId(), batch.get(i).sourceSequence(), rootCause(e));
                }
                break;
            }
        }
        repository.markPublished(acknowledged, clock.instant());
        batch.stream().limit(acknowledged.size()).forEach(entry -> metrics.published(entry.topic()));
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

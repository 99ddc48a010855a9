package nl.bronsein.runtime.outbox;

import java.time.Clock;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.context.SmartLifecycle;
import org.springframework.kafka.core.KafkaTemplate;

import nl.bronsein.runtime.worker.PeriodicWorker;
import nl.bronsein.runtime.notification.NotificationEnvelope;
import nl.bronsein.runtime.notification.NotificationSigner;
import nl.bronsein.runtime.metrics.RuntimeMetrics;
import nl.bronsein.runtime.trust.NodeIdentity;

/**
 * Numbers committed outbox rows ({@link OutboxNumbering}), publishes them to Kafka in that order and marks them
 * published. Each batch is one Kafka transaction that also carries the relay's {@link PublicationCheckpoint}: consumers
 * read committed records only, so a batch is on the wire whole or not at all. Marking the rows in the database comes
 * after the Kafka commit and can be lost to a crash or an absent database; before relaying again after any failure
 * (and when it starts), the relay reads its checkpoint back and marks what Kafka already holds, so every row is
 * published exactly once. The stable transactional id fences a relay that was presumed dead but still sends. When the
 * broker is away rows simply wait. Instances of a node sharing a database relay one at a time, under a
 * {@link RelayLease}.
 */
public class Relay implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(Relay.class);

    private final OutboxRepository repository;
    private final OutboxNumbering numbering;
    private final RelayLease lease;
    private final KafkaTemplate<String, byte[]> kafka;
    private final PublicationCheckpoint checkpoint;
    private final NodeIdentity identity;
    private final RelayProperties properties;
    private final Clock clock;
    private final PeriodicWorker worker;
    private final RuntimeMetrics metrics;
    private final NotificationSigner signer;
    private volatile long pausedUntil;
    /** False until the checkpoint was read back since the last failure: only the worker thread touches it. */
    private boolean reconciled;
    /** Every row up to this sequence number is published; set when reconciling, then moved on by each batch. */
    private long publishedThrough;

    public Relay(OutboxRepository repository, OutboxNumbering numbering, RelayLease lease,
                 KafkaTemplate<String, byte[]> kafka, PublicationCheckpoint checkpoint, NodeIdentity identity,
                 RelayProperties properties, Clock clock, RuntimeMetrics metrics, NotificationSigner signer) {
        if (!kafka.isTransactional()) {
            throw new IllegalArgumentException("the relay needs a transactional producer");
        }
        this.metrics = metrics;
        this.signer = signer;
        this.repository = repository;
        this.numbering = numbering;
        this.lease = lease;
        this.kafka = kafka;
        this.checkpoint = checkpoint;
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
                    reconciled = false; // whoever holds it now may leave rows sent but unmarked
                    return;
                }
                // Numbering needs only the database: it comes first, so that a round the broker then fails has still
                // numbered a batch, which the recipients' histories serve (a batch per round while the broker is away).
                int numbered = numbering.numberBatch();
                if (!reconciled) {
                    reconcile();
                    reconciled = true;
                }
                List<OutboxEntry> next = repository.findAfter(publishedThrough, properties.batchSize());
                if (next.isEmpty()) {
                    more = numbered == numbering.batchSize();
                    continue;
                }
                // rows another holder of the lease published before it lost it are not sent again
                List<OutboxEntry> batch = next.stream().filter(entry -> entry.publishedAt() == null).toList();
                if (!batch.isEmpty() && !publish(batch)) {
                    return;
                }
                publishedThrough = next.get(next.size() - 1).sourceSequence();
                more = next.size() == properties.batchSize() || numbered == numbering.batchSize();
            }
        } catch (RuntimeException e) {
            failed();
            log.warn("Outbox relay round failed, retrying in {}: {}", properties.retryDelay(), rootCause(e));
        }
    }

    /** Marks the rows a committed transaction already put on Kafka, before anything is sent again. */
    private void reconcile() {
        // A transaction left by an earlier incarnation is settled (aborted, or its commit finished) when the producer
        // registers its transactional id; only after that does the checkpoint say for certain what Kafka holds.
        kafka.executeInTransaction(operations -> null);
        checkpoint.read().ifPresent(position -> {
            int marked = repository.markPublishedThrough(position.sequence(), position.eventId(), clock.instant());
            if (marked < 0) {
                log.error("The relay checkpoint on Kafka names sequence {} with another event than this outbox holds; "
                        + "is this database restored from an older backup? Rows are relayed as they are.", position.sequence());
            } else if (marked > 0) {
                log.info("{} outbox rows up to sequence {} were already on Kafka; marked published", marked, position.sequence());
            }
        });
        publishedThrough = repository.publishedThrough();
    }

    /** @return whether the batch was committed on Kafka */
    private boolean publish(List<OutboxEntry> batch) {
        try {
            kafka.executeInTransaction(operations -> {
                for (OutboxEntry entry : batch) {
                    try (MDC.MDCCloseable event = MDC.putCloseable("eventId", entry.eventId().toString());
                         MDC.MDCCloseable object = MDC.putCloseable("objectId", entry.subject())) {
                        operations.send(NotificationEnvelope.toRecord(entry, identity.id().urn(), signer));
                    }
                }
                return operations.send(checkpoint.after(batch.get(batch.size() - 1)));
            });
        } catch (RuntimeException e) {
            OutboxEntry first = batch.get(0);
            try (MDC.MDCCloseable event = MDC.putCloseable("eventId", first.eventId().toString())) {
                log.warn("Broker did not take the batch from sequence {} ({} events); it stays in the outbox: {}",
                        first.sourceSequence(), batch.size(), rootCause(e));
            }
            failed();
            return false;
        }
        // If this fails (database away) the rows stay unmarked; the next round reconciles before it sends.
        repository.markPublished(batch.stream().map(OutboxEntry::id).toList(), clock.instant());
        batch.forEach(entry -> metrics.published(entry.objectType()));
        return true;
    }

    private void failed() {
        reconciled = false;
        pause();
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

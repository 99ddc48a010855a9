package nl.bronsein.runtime.inbox;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.context.SmartLifecycle;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.dao.RecoverableDataAccessException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.transaction.TransactionException;
import org.springframework.transaction.support.TransactionTemplate;

import nl.bronsein.runtime.audit.AuditOutcome;
import nl.bronsein.runtime.audit.AuditTrail;
import nl.bronsein.runtime.audit.Processing;
import nl.bronsein.runtime.worker.PeriodicWorker;
import nl.bronsein.runtime.metrics.RuntimeMetrics;
import nl.bronsein.runtime.pull.PullRefusedException;
import nl.bronsein.runtime.pull.PullUnavailableException;
import nl.bronsein.runtime.domain.ConcurrentChangeException;
import nl.bronsein.runtime.trust.ParticipantList;
import nl.bronsein.schemas.NotificationCodec;
import nl.bronsein.schemas.SharedObjectType;
import nl.bronsein.schemas.UndecodableNotificationException;

/**
 * Handles received notifications: asks the handler of the object type to prepare (pull), then applies the change
 * and marks the entry handled in one transaction. An unreachable owner or database means "try again later", with a
 * growing delay and no last attempt; a refusal or an unreadable notification parks the entry with its reason.
 *
 * <p>A round takes the oldest open entry of each object ({@link Inbox#dueHeads}) and handles them at once, up to
 * {@code bronsein.inbox.concurrency} at a time (4 on PostgreSQL, 1 on H2: {@link InboxProperties#onDatabase}); the
 * next round starts when all of them are done, so one object's entries still go one after another, in the order they
 * arrived. One at a time, a node handled about 42 notifications a second, each a pull's round trip and a commit in
 * turn: a municipality back after a day away took hours to catch up,
 * and a referral queued behind hundreds of others before its case opened (docs/benchmark.md, issue 21). Two objects'
 * handlers may meet on a row both write (the provider keeps the GP's referral from the case's pull and from the GP's own
 * notification): optimistic versions, the copies' version guard and the tables' keys turn that into a retry, never a lost
 * or doubled write.
 */
public class InboxProcessor implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(InboxProcessor.class);

    private final Inbox inbox;
    private final Map<SharedObjectType, NotificationHandler> handlers;
    private final NotificationCodec codec;
    private final ParticipantList participants;
    private final TransactionTemplate transaction;
    private final InboxProperties properties;
    private final PeriodicWorker worker;
    /** The threads a round's entries are handled on, while the processor runs; null when it does not. */
    private volatile ExecutorService handling;
    private final RuntimeMetrics metrics;
    /** The processing log, or null for a processor outside a node (a test of the processor alone). */
    private final AuditTrail processingLog;

    public InboxProcessor(Inbox inbox, List<NotificationHandler> handlers, NotificationCodec codec,
                          ParticipantList participants, TransactionTemplate transaction, InboxProperties properties) {
        this(inbox, handlers, codec, participants, transaction, properties, RuntimeMetrics.NONE);
    }

    public InboxProcessor(Inbox inbox, List<NotificationHandler> handlers, NotificationCodec codec,
                          ParticipantList participants, TransactionTemplate transaction, InboxProperties properties,
                          RuntimeMetrics metrics) {
        this(inbox, handlers, codec, participants, transaction, properties, metrics, null);
    }

    /**
     * @param log the processing log: each notification is handled in a span continuing the trace it carried, and its
     *            handling is recorded with the handled mark
     */
    public InboxProcessor(Inbox inbox, List<NotificationHandler> handlers, NotificationCodec codec,
                          ParticipantList participants, TransactionTemplate transaction, InboxProperties properties,
                          RuntimeMetrics metrics, AuditTrail log) {
        this.processingLog = log;
        this.metrics = metrics;
        this.inbox = inbox;
        this.handlers = handlers.stream().collect(java.util.stream.Collectors.toMap(NotificationHandler::objectType, h -> h));
        this.codec = codec;
        this.participants = participants;
        this.transaction = transaction;
        this.properties = properties;
        this.worker = new PeriodicWorker("inbox-processor", properties.interval(), this::processDue);
    }

    public boolean handles(SharedObjectType type) {
        return handlers.containsKey(type);
    }

    @Override
    public synchronized void start() {
        if (handling == null && properties.handlers() > 1) {
            AtomicInteger threads = new AtomicInteger();
            handling = Executors.newFixedThreadPool(properties.handlers(), runnable -> {
                Thread thread = new Thread(runnable, "inbox-handler-" + threads.incrementAndGet());
                thread.setDaemon(true);
                return thread;
            });
        }
        worker.start();
    }

    @Override
    public synchronized void stop() {
        worker.stop(java.time.Duration.ofSeconds(10));
        if (handling != null) {
            handling.shutdown();
            try {
                handling.awaitTermination(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            handling = null;
        }
    }

    @Override
    public boolean isRunning() {
        return worker.isRunning();
    }

    @Override
    public boolean isAutoStartup() {
        return properties.autoStartup();
    }

    @Override
    public int getPhase() {
        return Integer.MAX_VALUE - 2000;
    }

    /** Called when the listener stored something new, so it is handled without waiting for the next poll. */
    public void wakeUp() {
        worker.wakeUp();
    }

    /** Never throws: the schedule must survive a database that is briefly gone. */
    void processDue() {
        try {
            List<InboxEntry> due;
            do {
                due = inbox.dueHeads(properties.batchSize());
                handleAll(due);
            } while (due.size() == properties.batchSize() && worker.isRunning());
        } catch (RuntimeException e) {
            log.warn("Inbox round failed, retrying: {}", e.getClass().getSimpleName());
        }
    }

    /**
     * Handles each entry — each the head of another object — and returns when all are done. Called by the worker's one
     * thread (or a test's), so rounds never overlap.
     */
    private void handleAll(List<InboxEntry> due) {
        ExecutorService threads = handling;
        if (threads == null || due.size() < 2) {
            due.forEach(this::process);
            return;
        }
        List<Future<?>> handled = new ArrayList<>(due.size());
        for (InboxEntry entry : due) {
            handled.add(threads.submit(() -> process(entry)));
        }
        RuntimeException failed = null;
        for (Future<?> each : handled) {
            try {
                each.get();
            } catch (ExecutionException e) {
                failed = e.getCause() instanceof RuntimeException runtime ? runtime : new IllegalStateException(e.getCause());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                handled.forEach(task -> task.cancel(false));
                return;
            }
        }
        if (failed != null) {
            throw failed;
        }
    }

    /**
     * Logs while handling carry the event and object ids (MDC {@code eventId}, {@code objectId}), never more. Handling
     * runs in a span continuing the trace the notification carried, so its pulls and the changes it records share the
     * sender's trace id; a notification without a usable traceparent is handled in a new trace.
     */
    private void process(InboxEntry entry) {
        try (MDC.MDCCloseable event = MDC.putCloseable("eventId", entry.notification().id());
             MDC.MDCCloseable object = MDC.putCloseable("objectId", entry.notification().subject())) {
            String outcome = processingLog == null ? handle(entry)
                    : processingLog.continuing(entry.notification().traceparent(), "bronsein.notification.handle", () -> handle(entry));
            metrics.handled(entry.objectType(), outcome);
        }
    }

    /** @return what became of the entry: handled, retried or parked */
    private String handle(InboxEntry entry) {
        try {
            ReceivedNotification received = received(entry);
            NotificationHandler handler = handlers.get(received.objectType());
            if (handler == null) {
                inbox.park(entry, "no handler for " + received.objectType().code());
                return "parked";
            }
            InboxChange change = handler.prepare(received);
            transaction.executeWithoutResult(status -> {
                if (inbox.markHandled(entry.id())) {
                    change.apply();
                    if (processingLog != null) {
                        // receiving another owner's object is a processing of the citizen's data too; recorded with the
                        // handled mark, in the sender's trace, so that neither commits without the other
                        processingLog.recordWithChange(new Processing(Processing.NOTIFICATION_HANDLED, received.source().id().urn(),
                                received.objectType().code(), received.objectId(), received.purpose(),
                                AuditOutcome.ALLOWED, "version " + received.facts().objectVersion() + " " + received.change(),
                                null, Optional.empty(), null));
                    }
                }
            });
            log.debug("Handled event {} about {} {}", entry.notification().id(), entry.objectType(), entry.notification().subject());
            return "handled";
        } catch (PullUnavailableException | TransientDataAccessException | DataAccessResourceFailureException
                 | RecoverableDataAccessException | TransactionException | ConcurrentChangeException e) {
            // the owner or our own database is away, a commit was cut off, or a staff member changed the same object
            // at the same moment: all pass, so the entry waits and tries again
            return retryLater(entry, e.getMessage());
        } catch (DuplicateKeyException e) {
            // another object's handler inserted the row this one meant to insert at the same moment (both kept the same
            // pulled copy): the next attempt finds it. The database's message names the key's values, so it is not kept.
            return retryLater(entry, "another notification's handling wrote the same row at the same moment");
        } catch (PullRefusedException | UnusableNotificationException | UndecodableNotificationException e) {
            log.warn("Event {} parked: {}", entry.notification().id(), e.getMessage());
            inbox.park(entry, e.getMessage());
            return "parked";
        } catch (RuntimeException e) {
            log.error("Event {} parked after an unexpected {}", entry.notification().id(), e.getClass().getName(), e);
            inbox.park(entry, "unexpected " + e.getClass().getSimpleName());
            return "parked";
        }
    }

    private String retryLater(InboxEntry entry, String reason) {
        java.time.Duration delay = properties.delayAfter(entry.attempts() + 1);
        log.info("Event {} not handled yet, retrying in {}: {}", entry.notification().id(), delay, reason);
        inbox.retryLater(entry, reason, delay);
        return "retried";
    }

    private ReceivedNotification received(InboxEntry entry) {
        SharedObjectType type = SharedObjectType.fromCode(entry.objectType())
                .orElseThrow(() -> new UndecodableNotificationException("unknown object type " + entry.objectType()));
        return new ReceivedNotification(entry.notification(), type, codec.decode(entry.notification().body()),
                participants.find(entry.notification().source())
                        .orElseThrow(() -> new UnusableNotificationException("source is no longer in the participant list")),
                entry.purpose());
    }
}

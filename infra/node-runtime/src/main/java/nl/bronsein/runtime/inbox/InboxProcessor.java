package nl.bronsein.runtime.inbox;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.context.SmartLifecycle;
import org.springframework.dao.DataAccessResourceFailureException;
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
    public void start() {
        worker.start();
    }

    @Override
    public void stop() {
        worker.stop(java.time.Duration.ofSeconds(10));
    }

    @Override
    public boolean isRunning() {
        return worker.isRunning();
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
                due.forEach(this::process);
            } while (due.size() == properties.batchSize() && worker.isRunning());
        } catch (RuntimeException e) {
            log.warn("Inbox round failed, retrying: {}", e.getClass().getSimpleName());
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
            java.time.Duration delay = properties.delayAfter(entry.attempts() + 1);
            log.info("Event {} not handled yet, retrying in {}: {}", entry.notification().id(), delay, e.getMessage());
            inbox.retryLater(entry, e.getMessage(), delay);
            return "retried";
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

    private ReceivedNotification received(InboxEntry entry) {
        SharedObjectType type = SharedObjectType.fromCode(entry.objectType())
                .orElseThrow(() -> new UndecodableNotificationException("unknown object type " + entry.objectType()));
        return new ReceivedNotification(entry.notification(), type, codec.decode(entry.notification().body()),
                participants.find(entry.notification().source())
                        .orElseThrow(() -> new UnusableNotificationException("source is no longer in the participant list")),
                entry.purpose());
    }
}

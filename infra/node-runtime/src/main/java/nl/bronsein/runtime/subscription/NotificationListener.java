package nl.bronsein.runtime.subscription;

import java.util.ArrayList;
import java.util.List;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.kafka.listener.BatchMessageListener;
import org.springframework.transaction.TransactionException;
import org.springframework.transaction.support.TransactionTemplate;

import nl.bronsein.runtime.inbox.Inbox;
import nl.bronsein.runtime.notification.MalformedNotificationException;
import nl.bronsein.runtime.notification.NotificationEnvelope;
import nl.bronsein.runtime.metrics.RuntimeMetrics;

/**
 * Reads the topics this node subscribes to and hands each record to the {@link NotificationReception}. It does no
 * pulling itself, so a slow or absent owner never holds up the partition. A record that cannot be a notification is
 * parked with its position and reason, and never blocks the partition.
 * <p>
 * What one poll brought is taken in by one database transaction, and the offsets are committed after it: one commit
 * per poll instead of several per record, which is what kept a burst of notifications waiting on each other. If the
 * transaction fails because the database is away or busy, none of the poll is kept and the same records come again
 * (the container's error handler retries the poll with back-off, never skipping it); taking in is idempotent, so a
 * record the inbox already has is not stored twice.
 * <p>
 * Any other failure is one record's doing, and would fail every retry alike: a value the database refuses that the
 * reception's checks let through, or a bug. A single such record stopped the node's intake for good, retried for ever
 * behind a health that said UP (issue 15). So the poll is then taken in record by record, each in its own transaction,
 * and a record that fails on its own is parked as {@code could not be stored} — the checks are the first line, this is
 * the second, so that no record, however malformed, blocks the records after it. Every failed poll is noted in
 * {@link IntakeProgress} (health {@code intake}, gauges {@code bronsein.intake.*}) and logged with its position only.
 */
public class NotificationListener implements BatchMessageListener<String, byte[]> {

    static final String UNSTORABLE = "could not be stored: ";

    private static final Logger log = LoggerFactory.getLogger(NotificationListener.class);

    private final NotificationReception reception;
    private final Inbox inbox;
    private final TransactionTemplate transaction;
    private final IntakeProgress progress;
    private final RuntimeMetrics metrics;

    public NotificationListener(NotificationReception reception, Inbox inbox, TransactionTemplate transaction,
                                IntakeProgress progress, RuntimeMetrics metrics) {
        this.reception = reception;
        this.inbox = inbox;
        this.transaction = transaction;
        this.progress = progress;
        this.metrics = metrics;
    }

    @Override
    public void onMessage(List<ConsumerRecord<String, byte[]>> records) {
        if (records.isEmpty()) {
            return;
        }
        try {
            List<ConsumerRecord<String, byte[]>> refused = new ArrayList<>();
            transaction.executeWithoutResult(status -> records.forEach(r -> takeIn(r, refused)));
            // counted once the parking is committed, so a poll taken in again does not count its records twice
            refused.forEach(r -> metrics.parked(r.topic(), "refused"));
        } catch (RuntimeException e) {
            if (mayPass(e)) {
                failed(records, e);
                throw e;
            }
            log.warn("A poll of {} record(s) from {} failed ({}); taking them in one by one", records.size(),
                    position(records.get(0)), e.getClass().getSimpleName());
            try {
                records.forEach(this::takeInAlone);
            } catch (RuntimeException again) {
                // what this poll took in so far is committed, and found again when the poll comes again
                failed(records, again);
                throw again;
            }
        }
        progress.progressed();
    }

    private void takeIn(ConsumerRecord<String, byte[]> record, List<ConsumerRecord<String, byte[]>> refused) {
        try {
            reception.accept(NotificationEnvelope.fromRecord(record));
        } catch (MalformedNotificationException e) {
            log.warn("Parked record {}: {}", position(record), e.getMessage());
            if (inbox.parkRecord(record.topic(), record.partition(), record.offset(), e.getMessage())) {
                refused.add(record);
            }
        }
    }

    private void takeInAlone(ConsumerRecord<String, byte[]> record) {
        try {
            List<ConsumerRecord<String, byte[]>> refused = new ArrayList<>();
            transaction.executeWithoutResult(status -> takeIn(record, refused));
            refused.forEach(r -> metrics.parked(r.topic(), "refused"));
        } catch (RuntimeException e) {
            if (mayPass(e)) {
                throw e;
            }
            // ERROR: it passed every check and still could not be stored, so the checks miss something
            log.error("Parked record {}: it could not be stored ({})", position(record), e.getClass().getSimpleName());
            boolean parked = Boolean.TRUE.equals(transaction.execute(status -> inbox.parkRecord(record.topic(),
                    record.partition(), record.offset(), UNSTORABLE + e.getClass().getSimpleName())));
            if (parked) {
                metrics.parked(record.topic(), "unstorable");
            }
        }
    }

    private void failed(List<ConsumerRecord<String, byte[]>> records, RuntimeException e) {
        progress.failed(position(records.get(0)), e);
        log.warn("Taking in {} record(s) from {} failed ({}, {} time(s) in a row); the poll is taken in again",
                records.size(), position(records.get(0)), e.getClass().getSimpleName(), progress.state().failedPolls());
    }

    /**
     * Whether a failure may pass by itself, so the same records must come again: the database away, busy, or a
     * transaction that could not commit. A refused value ({@link DataIntegrityViolationException}) fails every time;
     * except a duplicate key, which is the catch-up worker storing the same event at the same moment, and which the
     * next attempt finds stored.
     */
    static boolean mayPass(RuntimeException e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof DuplicateKeyException) {
                return true;
            }
            if (cause instanceof DataIntegrityViolationException) {
                return false;
            }
        }
        return e instanceof DataAccessException || e instanceof TransactionException;
    }

    /** Where a record is, which is all a log line or health says of it: never its content. */
    private static String position(ConsumerRecord<String, byte[]> record) {
        return record.topic() + "-" + record.partition() + "@" + record.offset();
    }
}

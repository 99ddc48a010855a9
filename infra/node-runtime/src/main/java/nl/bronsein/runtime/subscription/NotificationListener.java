package nl.bronsein.runtime.subscription;

import java.util.List;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.listener.BatchMessageListener;
import org.springframework.transaction.support.TransactionTemplate;

import nl.bronsein.runtime.inbox.Inbox;
import nl.bronsein.runtime.notification.MalformedNotificationException;
import nl.bronsein.runtime.notification.NotificationEnvelope;

/**
 * Reads the topics this node subscribes to and hands each record to the {@link NotificationReception}. It does no
 * pulling itself, so a slow or absent owner never holds up the partition. A record that cannot be a notification is
 * parked with its position and reason, and never blocks the partition.
 * <p>
 * What one poll brought is taken in by one database transaction, and the offsets are committed after it: one commit
 * per poll instead of several per record, which is what kept a burst of notifications waiting on each other. If the
 * transaction fails (the database is away), none of the poll is kept and the same records come again; taking in is
 * idempotent, so a record the inbox already has is not stored twice.
 */
public class NotificationListener implements BatchMessageListener<String, byte[]> {

    private static final Logger log = LoggerFactory.getLogger(NotificationListener.class);

    private final NotificationReception reception;
    private final Inbox inbox;
    private final TransactionTemplate transaction;

    public NotificationListener(NotificationReception reception, Inbox inbox, TransactionTemplate transaction) {
        this.reception = reception;
        this.inbox = inbox;
        this.transaction = transaction;
    }

    @Override
    public void onMessage(List<ConsumerRecord<String, byte[]>> records) {
        transaction.executeWithoutResult(status -> records.forEach(this::takeIn));
    }

    private void takeIn(ConsumerRecord<String, byte[]> record) {
        try {
            reception.accept(NotificationEnvelope.fromRecord(record));
        } catch (MalformedNotificationException e) {
            log.warn("Parked record {}-{}@{}: {}", record.topic(), record.partition(), record.offset(), e.getMessage());
            inbox.parkRecord(record.topic(), record.partition(), record.offset(), e.getMessage());
        }
    }
}

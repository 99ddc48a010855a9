package nl.bronsein.runtime.subscription;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.listener.MessageListener;

import nl.bronsein.runtime.inbox.Inbox;
import nl.bronsein.runtime.notification.MalformedNotificationException;
import nl.bronsein.runtime.notification.NotificationEnvelope;

/**
 * Reads the topics this node subscribes to and hands each record to the {@link NotificationReception}. It does no
 * pulling itself, so a slow or absent owner never holds up the partition; the offset is committed only after the
 * inbox has the event. A record that cannot be a notification is parked with its position and reason, and never
 * blocks the partition.
 */
public class NotificationListener implements MessageListener<String, byte[]> {

    private static final Logger log = LoggerFactory.getLogger(NotificationListener.class);

    private final NotificationReception reception;
    private final Inbox inbox;

    public NotificationListener(NotificationReception reception, Inbox inbox) {
        this.reception = reception;
        this.inbox = inbox;
    }

    @Override
    public void onMessage(ConsumerRecord<String, byte[]> record) {
        try {
            reception.accept(NotificationEnvelope.fromRecord(record));
        } catch (MalformedNotificationException e) {
            log.warn("Parked record {}-{}@{}: {}", record.topic(), record.partition(), record.offset(), e.getMessage());
            inbox.parkRecord(record.topic(), record.partition(), record.offset(), e.getMessage());
        }
    }
}

package nl.bronsein.runtime.subscription;

import java.util.Optional;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.listener.MessageListener;

import nl.bronsein.runtime.inbox.Inbox;
import nl.bronsein.runtime.inbox.InboxProcessor;
import nl.bronsein.runtime.notification.MalformedNotificationException;
import nl.bronsein.runtime.notification.Notification;
import nl.bronsein.runtime.notification.NotificationEnvelope;
import nl.bronsein.runtime.trust.NodeIdentity;
import nl.bronsein.runtime.trust.Participant;
import nl.bronsein.runtime.trust.ParticipantList;
import nl.bronsein.schemas.NotificationCodec;
import nl.bronsein.schemas.NotificationFacts;
import nl.bronsein.schemas.SharedObjectType;
import nl.bronsein.schemas.UndecodableNotificationException;

/**
 * Reads the topics this node subscribes to and puts what concerns it into the inbox. It does no pulling itself, so a
 * slow or absent owner never holds up the partition; the offset is committed only after the inbox has the event.
 * Checks made here, before anything is stored: a well-formed CloudEvent, a listed source, a subscription covering
 * it, a readable body whose owner is the source, addressed to this node, and a {@code dataref} at the source's
 * listed node — the inbox never holds an instruction to pull from anywhere else.
 */
public class NotificationListener implements MessageListener<String, byte[]> {

    private static final Logger log = LoggerFactory.getLogger(NotificationListener.class);

    private final Inbox inbox;
    private final InboxProcessor processor;
    private final SubscriptionProperties subscriptions;
    private final ParticipantList participants;
    private final NodeIdentity identity;
    private final NotificationCodec codec;

    public NotificationListener(Inbox inbox, InboxProcessor processor, SubscriptionProperties subscriptions,
                                ParticipantList participants, NodeIdentity identity, NotificationCodec codec) {
        this.inbox = inbox;
        this.processor = processor;
        this.subscriptions = subscriptions;
        this.participants = participants;
        this.identity = identity;
        this.codec = codec;
    }

    @Override
    public void onMessage(ConsumerRecord<String, byte[]> record) {
        Notification notification;
        try {
            notification = NotificationEnvelope.fromRecord(record);
        } catch (MalformedNotificationException e) {
            park(record, e.getMessage());
            return;
        }
        Optional<SharedObjectType> type = SharedObjectType.fromTopic(record.topic())
                .filter(t -> notification.type().startsWith("nl.bronsein." + t.code() + "."));
        if (type.isEmpty()) {
            park(record, "event type does not belong on this topic");
            return;
        }
        Optional<Participant> source = participants.find(notification.source());
        if (source.isEmpty()) {
            park(record, "source is not in the participant list");
            return;
        }
        Optional<Subscription> subscription = subscriptions.covering(type.get(), source.get());
        // A node's own changes are already in its registration; following "every municipality" excludes itself.
        if (subscription.isEmpty() || source.get().id().equals(identity.id())) {
            return;
        }
        NotificationFacts facts;
        try {
            SpecificRecord body = codec.decode(notification.body(), type.get().bodyType().asSubclass(SpecificRecord.class));
            facts = NotificationFacts.of(body);
        } catch (UndecodableNotificationException e) {
            park(record, e.getMessage());
            return;
        }
        if (!facts.owner().equals(notification.source()) || !facts.objectId().equals(notification.subject())) {
            park(record, "body names another owner or object than the event");
            return;
        }
        // Addressed: a change concerns the participants it names; one that names nobody (a published contact point)
        // concerns the whole network.
        if (!facts.concerns().isEmpty() && !facts.concerns().contains(identity.id().urn())) {
            return;
        }
        if (!source.get().hosts(notification.dataref())) {
            park(record, "dataref is not at the listed node of the source");
            return;
        }
        if (inbox.receive(notification, type.get().code(), subscription.get().purpose())) {
            log.debug("Received event {} ({}) about {}", notification.id(), notification.type(), notification.subject());
            processor.wakeUp();
        } else {
            log.debug("Event {} was received before; ignored", notification.id());
        }
    }

    private void park(ConsumerRecord<String, byte[]> record, String reason) {
        log.warn("Parked record {}-{}@{}: {}", record.topic(), record.partition(), record.offset(), reason);
        inbox.parkRecord(record.topic(), record.partition(), record.offset(), reason);
    }
}

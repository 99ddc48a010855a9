package nl.bronsein.runtime.subscription;

import java.util.Arrays;
import java.util.Optional;

import org.apache.avro.specific.SpecificRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import nl.bronsein.runtime.subscription.SourcePositions;
import nl.bronsein.runtime.inbox.Inbox;
import nl.bronsein.runtime.inbox.InboxBounds;
import nl.bronsein.runtime.inbox.InboxProcessor;
import nl.bronsein.runtime.notification.MalformedNotificationException;
import nl.bronsein.runtime.notification.Notification;
import nl.bronsein.runtime.notification.NotificationVerifier;
import nl.bronsein.runtime.metrics.RuntimeMetrics;
import nl.bronsein.runtime.trust.NodeIdentity;
import nl.bronsein.runtime.trust.Participant;
import nl.bronsein.runtime.trust.ParticipantList;
import nl.bronsein.schemas.NotificationCodec;
import nl.bronsein.schemas.NotificationFacts;
import nl.bronsein.schemas.NotificationTopics;
import nl.bronsein.schemas.SharedObjectType;
import nl.bronsein.schemas.UndecodableNotificationException;

/**
 * The checks every notification passes before it is stored, whichever way it came — read from a topic, or fetched
 * from its source's history after a gap: every attribute within its column's bounds ({@link InboxBounds}), a type of
 * the network read from this node's own inbox (or, for a generic type, its generic topic), a listed source, a
 * subscription covering it, a readable body naming the source as owner and the event's object, a {@code dataref}
 * at the source's listed node, and — for a record read from a topic — the signature of the source's node
 * — the inbox never holds an instruction to pull from anywhere else. Every sequence number a listed source is seen to
 * use in a record that passed these checks is noted, so a gap can be found (and a forged one cannot open one).
 */
public class NotificationReception {

    static final String DATAREF_REFUSED = "dataref is not the source's pull URL of the event's object";

    private static final Logger log = LoggerFactory.getLogger(NotificationReception.class);

    private final Inbox inbox;
    private final InboxProcessor processor;
    private final SubscriptionProperties subscriptions;
    private final ParticipantList participants;
    private final NodeIdentity identity;
    private final NotificationCodec codec;
    private final SourcePositions positions;
    private final RuntimeMetrics metrics;
    private final NotificationVerifier verifier;

    public NotificationReception(Inbox inbox, InboxProcessor processor, SubscriptionProperties subscriptions,
                                 ParticipantList participants, NodeIdentity identity, NotificationCodec codec,
                                 SourcePositions positions, RuntimeMetrics metrics, NotificationVerifier verifier) {
        this.metrics = metrics;
        this.verifier = verifier;
        this.inbox = inbox;
        this.processor = processor;
        this.subscriptions = subscriptions;
        this.participants = participants;
        this.identity = identity;
        this.codec = codec;
        this.positions = positions;
    }

    /**
     * Stores the notification in the inbox if it is for this node; ignores it if not.
     *
     * @return whether the inbox took it in (false for one not for us, or received before)
     * @throws MalformedNotificationException when it cannot be a notification from the network: to be parked
     */
    public boolean accept(Notification notification) {
        return take(notification, true);
    }

    /**
     * As {@link #accept}, for a notification its source's history served: fetched over mutual TLS from the source's
     * listed node, which authenticates it, so it carries and needs no record signature.
     */
    public boolean acceptFromSource(Notification notification) {
        return take(notification, false);
    }

    private boolean take(Notification notification, boolean signed) {
        String outcome;
        try {
            outcome = check(notification, signed);
        } catch (MalformedNotificationException e) {
            metrics.received(notification.topic(), "parked");
            throw e;
        }
        metrics.received(notification.topic(), outcome);
        return outcome.equals("stored");
    }

    /** The processor must not look before the entry is committed, or it finds nothing and sleeps its interval. */
    private void wakeProcessorOnceCommitted() {
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    processor.wakeUp();
                }
            });
        } else {
            processor.wakeUp();
        }
    }

    /** @return stored, ignored (not for this node) or duplicate (received before) */
    private String check(Notification notification, boolean signed) {
        // First, and for every record however it continues: a value that does not fit its column made the insert fail,
        // and the listener's transaction retry the poll for ever, with every record behind it waiting (issue 15)
        InboxBounds.check(notification);
        Optional<SharedObjectType> type = Arrays.stream(SharedObjectType.values())
                .filter(t -> t.changeOf(notification.type()).isPresent()).findFirst();
        if (type.isEmpty()) {
            throw new MalformedNotificationException("event type is not a notification type of this network");
        }
        // Where it was read is part of what it claims: a generic type on its generic topic, anything else on this
        // node's own inbox. The broker lets nobody else read that inbox; this keeps a record written to the wrong place
        // (a replayed dump, a misaddressed relay) from being taken as addressed to this node.
        if (type.get().generic() ? !notification.topic().equals(NotificationTopics.generic(type.get()))
                : !NotificationTopics.recipientOf(notification.topic()).equals(Optional.of(identity.id().urn()))) {
            throw new MalformedNotificationException("event type does not belong on this topic");
        }
        Optional<Participant> source = participants.find(notification.source());
        if (source.isEmpty()) {
            throw new MalformedNotificationException("source is not in the participant list");
        }
        // A node's own changes are already in its registration; following "every municipality" excludes itself.
        if (source.get().id().equals(identity.id())) {
            return "ignored";
        }
        Optional<Subscription> subscription = subscriptions.covering(type.get(), source.get());
        if (subscription.isEmpty()) {
            return "ignored";
        }
        NotificationFacts facts;
        try {
            SpecificRecord body = codec.decode(notification.body(), type.get().bodyType().asSubclass(SpecificRecord.class));
            facts = NotificationFacts.of(body);
        } catch (UndecodableNotificationException e) {
            throw new MalformedNotificationException(e.getMessage());
        }
        if (!facts.owner().equals(notification.source()) || !facts.objectId().equals(notification.subject())
                || !facts.objectType().equals(type.get().code())) {
            throw new MalformedNotificationException("body names another owner or object than the event");
        }
        // Before the addressee check, so a record pointing elsewhere is parked by every node that reads it, not only by
        // the one it names.
        // Exactly the source's pull URL of the event's object: any other path on the owner's node (its notification
        // history, another object) was pulled and handled as if it were the object the event names.
        if (!notification.dataref().equals(source.get().pullUrl(type.get().code(), notification.subject()))) {
            throw new MalformedNotificationException(DATAREF_REFUSED);
        }
        // Last of the checks, and before anything is noted, stored or pulled: that its source's node sent it.
        if (signed) {
            verifier.verify(notification, source.get());
        }
        // Only now, for a record that passed every check of its source: a forged record with a sequence number far
        // ahead would otherwise open a gap that never closes, and make this node ask the source's history for ever.
        // Only addressed notifications are numbered: the number counts what this source sent this node.
        if (notification.sequence() != null && !type.get().generic()) {
            positions.seen(notification.source(), notification.sequence());
        }
        if (inbox.receive(notification, type.get().code(), subscription.get().purpose())) {
            log.debug("Received event {} ({}) about {}", notification.id(), notification.type(), notification.subject());
            wakeProcessorOnceCommitted();
            return "stored";
        }
        log.debug("Event {} was received before; ignored", notification.id());
        return "duplicate";
    }
}

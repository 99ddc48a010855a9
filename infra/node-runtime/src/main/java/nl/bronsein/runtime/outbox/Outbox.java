package nl.bronsein.runtime.outbox;

import java.net.URI;
import java.util.UUID;

import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import nl.bronsein.runtime.trust.NodeIdentity;
import nl.bronsein.schemas.NotificationCodec;
import nl.bronsein.schemas.NotificationFacts;

/**
 * The source registration's outbox: the domain records a notification in the same transaction as the change it
 * announces, so a change is never committed without its notification, nor a notification sent for a change that
 * was rolled back.
 */
public class Outbox implements SmartInitializingSingleton {

    private final OutboxRepository repository;
    private final NotificationCodec codec;
    private final NodeIdentity identity;
    private final Relay relay;

    public Outbox(OutboxRepository repository, NotificationCodec codec, NodeIdentity identity, Relay relay) {
        this.repository = repository;
        this.codec = codec;
        this.identity = identity;
        this.relay = relay;
    }

    /** After the schema migrations, before the first change: the node's sequence row exists. */
    @Override
    public void afterSingletonsInstantiated() {
        repository.ensureSequence(identity.id().urn());
    }

    /** Must run inside the transaction that makes the change. */
    @Transactional(propagation = Propagation.MANDATORY)
    public OutboxEntry record(NewNotification notification) {
        NotificationFacts facts = NotificationFacts.of(notification.body());
        if (!facts.objectId().equals(notification.objectId()) || !facts.owner().equals(identity.id().urn())) {
            throw new IllegalArgumentException("a notification body must name this node's own object");
        }
        UUID eventId = UUID.randomUUID();
        URI dataref = identity.pullUrl(notification.objectType().code(), notification.objectId());
        byte[] body = codec.encode(notification.body());
        // Taking the number locks the node's sequence row until the commit, so every concurrent change waits for this
        // one from here on: nothing that can be done before it is done after it.
        long sequence = repository.nextSequence(identity.id().urn());
        OutboxEntry entry = new OutboxEntry(0, eventId, sequence, notification.objectType().topic(),
                notification.objectType().eventType(notification.change()), notification.objectType().code(),
                notification.objectId(), dataref, facts.occurredAt(), body, null);
        repository.insert(entry);
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                relay.wakeUp();
            }
        });
        return entry;
    }
}

package nl.bronsein.runtime.outbox;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import nl.bronsein.runtime.api.NodeApi;
import nl.bronsein.runtime.audit.AuditOutcome;
import nl.bronsein.runtime.audit.AuditRecord;
import nl.bronsein.runtime.audit.AuditTrail;
import nl.bronsein.runtime.audit.Processing;
import nl.bronsein.runtime.pull.SharedObject;
import nl.bronsein.runtime.staff.StaffAudit;
import nl.bronsein.runtime.config.InvalidNodeConfigurationException;
import nl.bronsein.runtime.pull.Addressees;
import nl.bronsein.runtime.trust.NodeIdentity;
import nl.bronsein.runtime.trust.Participant;
import nl.bronsein.schemas.NotificationCodec;
import nl.bronsein.schemas.NotificationTopics;
import nl.bronsein.schemas.ObjectChanged;
import nl.bronsein.schemas.SharedObjectType;

/**
 * The source registration's outbox: the domain records a notification in the same transaction as the change it
 * announces, so a change is never committed without its notification, nor a notification sent for a change that
 * was rolled back.
 */
@NodeApi
public class Outbox implements SmartInitializingSingleton {

    private final OutboxRepository repository;
    private final NotificationCodec codec;
    private final NodeIdentity identity;
    private final Runnable relayWakeUp;
    private final Addressees addressees;
    private final AuditTrail log;

    /**
     * @param relayWakeUp run after a commit that recorded rows, so they leave without waiting for the relay's poll
     * @param log         the processing log: every change is a processing of the citizen's data, recorded with it
     */
    public Outbox(OutboxRepository repository, NotificationCodec codec, NodeIdentity identity, Runnable relayWakeUp,
                  Addressees addressees, AuditTrail log) {
        this.log = log;
        this.addressees = addressees;
        this.repository = repository;
        this.codec = codec;
        this.identity = identity;
        this.relayWakeUp = relayWakeUp;
    }

    /**
     * After the schema migrations, before the first change: the node's sequence row exists, and the outbox holds no
     * notification of the first network, which went to one shared topic per object type with bodies that named who
     * refers whom to whom. Those can be neither relayed nor served in anyone's history under addressed delivery, and
     * quietly dropping them would lose them; the operator decides (issue 16 allows resetting a local network).
     */
    @Override
    public void afterSingletonsInstantiated() {
        long outdated = repository.countBeforeAddressedDelivery();
        if (outdated > 0) {
            throw new InvalidNodeConfigurationException("spring.datasource.url", null, "holds " + outdated
                    + " notification(s) from before addressed delivery (a shared topic per object type, bodies naming the"
                    + " participants concerned); this release sends each notification to its recipient's own inbox",
                    "Start this node on a fresh database. For the local network: stop it and delete its data directory"
                            + " (./network keeps it in .bronsein-network), then run ./network again.");
        }
        repository.ensureSequence(identity.id().urn());
    }

    /**
     * Records the change's notifications, one per participant the owner addresses (or one on the generic topic for an
     * object meant for everyone). Must run inside the transaction that makes the change, after the change is written:
     * who is addressed is read from the object as the change left it.
     *
     * <p>The change is also a processing of the citizen's data: its record in the processing log is written here, in
     * the same transaction, so neither commits without the other (fail closed). It names who made it: the staff member
     * whose request it is, or this node (a change made on a notification, a periodic check).
     *
     * @return the rows recorded, not yet numbered (the relay numbers them once they committed); none when the change
     *         concerns nobody the policy lets see it
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public List<OutboxEntry> record(NewNotification notification) {
        SharedObjectType type = notification.objectType();
        byte[] body = codec.encode(ObjectChanged.newBuilder()
                .setObjectType(type.code())
                .setObjectId(notification.objectId())
                .setObjectVersion(notification.objectVersion())
                .setOwner(identity.id().urn())
                .setOccurredAt(notification.occurredAt())
                .build());
        URI dataref = identity.pullUrl(type.code(), notification.objectId());
        if (dataref == null) {
            throw new IllegalArgumentException("not an object id: a notification names one of this node's objects");
        }
        SharedObject changed = type.generic() ? null : addressees.changed(type, notification.objectId());
        Optional<String> subject = changed == null ? Optional.empty() : changed.dataSubject();
        AuditRecord change = log.recordWithChange(new Processing(Processing.CHANGE,
                StaffAudit.actor().orElse(identity.id().urn()), type.code(), notification.objectId(), null,
                AuditOutcome.ALLOWED, "version " + notification.objectVersion() + " " + notification.change(), null,
                subject, null));
        // The notification carries the change's place in its trace, with the change's own record as the parent span:
        // the recipient's handling of it, and its pull of this version, join this trace in every node's log.
        String traceparent = log.traceparentOf(change).orElse(null);
        // No sequence number is taken here: the relay numbers the rows after they commit (OutboxNumbering). Taking the
        // node's sequence row here locked it until this change committed, so no two changes of a node could share a
        // commit (on PostgreSQL with synchronous_commit=on, one change per WAL flush whatever the concurrency). Order
        // per object does not need the lock: every change writes its object's row before it records here, so two
        // changes of one object are serialised by that row's lock, and the later one inserts its outbox row only after
        // the earlier one committed, with a larger id; the relay numbers committed rows in id order.
        List<OutboxEntry> recorded = new ArrayList<>();
        if (type.generic()) {
            recorded.add(insert(notification, NotificationTopics.generic(type), dataref, body, null, traceparent));
        } else {
            for (Participant recipient : addressees.of(type, changed)) {
                String urn = recipient.id().urn();
                recorded.add(insert(notification, NotificationTopics.inbox(recipient.role().name(), urn), dataref, body,
                        urn, traceparent));
            }
        }
        if (!recorded.isEmpty()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    relayWakeUp.run();
                }
            });
        }
        return recorded;
    }

    private OutboxEntry insert(NewNotification notification, String topic, URI dataref, byte[] body, String recipient,
                               String traceparent) {
        OutboxEntry entry = new OutboxEntry(0, UUID.randomUUID(), null, topic,
                notification.objectType().eventType(notification.change()), notification.objectType().code(),
                notification.objectId(), dataref, notification.occurredAt(), body, null, recipient, null, traceparent);
        repository.insert(entry);
        return entry;
    }
}

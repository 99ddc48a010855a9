package nl.bronsein.runtime.outbox;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.springframework.transaction.support.TransactionTemplate;

/**
 * Gives committed outbox rows their numbers: the node-wide source sequence the relay publishes and checkpoints by, and
 * each addressed row its recipient's next {@code ce_sequence}. The relay runs it before it publishes, as the single
 * writer it already is under its lease.
 *
 * <p>Numbering used to happen in the change's own transaction, which took the node's sequence row and held its lock
 * until the change committed: no two changes of a node could share a commit, so on PostgreSQL with
 * {@code synchronous_commit=on} a node made one change per WAL flush whatever its concurrency (issue 21). Now a change
 * only inserts its rows; here one short transaction per batch locks the sequence row, takes the committed unnumbered
 * rows in id order and numbers them. What that keeps:
 * <ul>
 * <li>Contiguous numbers per recipient and per source: only this transaction takes numbers, under the lock, and a row
 * that commits late with a lower id than one already numbered simply gets a later number.</li>
 * <li>Order per object: two changes of one object are serialised by the object's own row, so the later one's outbox row
 * is inserted after the earlier one committed and has the larger id (see {@link Outbox#record}).</li>
 * <li>Two instances on one database number in turn, each on from where the other left, even if the relay's lease were
 * ever held by both: the lock, not the lease, orders them.</li>
 * <li>A crash between numbering and publishing leaves numbered rows, published next time in their order.</li>
 * </ul>
 */
final class OutboxNumbering {

    private final OutboxRepository repository;
    private final TransactionTemplate transactions;
    private final String source;
    private final int batchSize;
    /** Whether this instance made sure the sequence row exists; a row once there is never removed. */
    private volatile boolean sequenceEnsured;

    /**
     * @param source    this node's participant id: whose sequence row orders the numbering
     * @param batchSize the most rows one transaction numbers
     */
    OutboxNumbering(OutboxRepository repository, TransactionTemplate transactions, String source, int batchSize) {
        this.repository = repository;
        this.transactions = transactions;
        this.source = source;
        this.batchSize = batchSize;
    }

    /**
     * Numbers at most one batch of committed unnumbered rows, in one transaction under the sequence row's lock.
     *
     * @return how many rows it numbered; {@link #batchSize} when there may be more
     */
    int numberBatch() {
        if (!sequenceEnsured) {
            repository.ensureSequence(source);
            sequenceEnsured = true;
        }
        Integer numbered = transactions.execute(status -> {
            // Look before locking: a relay round with nothing to number then writes nothing (a locked row is a write,
            // and its commit a WAL flush on PostgreSQL, as many as the rounds).
            if (!repository.anyUnnumbered()) {
                return 0;
            }
            long last = repository.lockSequence(source);
            // read again under the lock: another instance may have numbered rows since the look, and in read committed
            // (both databases' default) this statement sees what it committed
            List<OutboxRepository.Unnumbered> batch = repository.findUnnumbered(batchSize);
            Map<String, Long> recipients = new HashMap<>();
            for (OutboxRepository.Unnumbered row : batch) {
                Long recipientSequence = null;
                if (row.recipient() != null) {
                    recipientSequence = recipients.computeIfAbsent(row.recipient(), repository::recipientSequence) + 1;
                    recipients.put(row.recipient(), recipientSequence);
                }
                last++;
                if (!repository.number(row.id(), last, recipientSequence)) {
                    // no other numbering can have done it (this one holds the lock): something else wrote the number
                    throw new IllegalStateException("outbox row " + row.id() + " was numbered outside the numbering");
                }
            }
            recipients.forEach(repository::moveRecipientSequence);
            repository.moveSequence(source, last);
            return batch.size();
        });
        return numbered == null ? 0 : numbered;
    }

    int batchSize() {
        return batchSize;
    }
}

package nl.bronsein.runtime.audit;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

import nl.bronsein.runtime.worker.PeriodicWorker;

/**
 * Seals processing records into the node's hash chain after they commit: the one writer of {@code chain_seq} and
 * {@code chain_hash}. Records are written by many transactions at once (every request, every change); giving each its
 * link in its own transaction would make them all wait on the chain's head, the serialisation issue 21 removes from the
 * outbox. Instead this worker, woken after a record commits and otherwise every interval, takes the unsealed records in
 * id order, gives each the next seq and {@link ChainHash#next} of the previous hash, and moves the head, in one
 * transaction per batch that holds the head row's lock: two instances of a node on one database seal one after the
 * other. A record that commits late with a lower id is simply sealed later, with a higher seq: the chain's order is the
 * order of sealing, so it never has a gap to explain.
 */
public final class ChainSealer implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(ChainSealer.class);

    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final int batchSize;
    private final PeriodicWorker worker;

    public ChainSealer(JdbcClient jdbc, TransactionTemplate transactions, Duration interval, int batchSize) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.batchSize = batchSize;
        this.worker = new PeriodicWorker("processing-log-sealer", interval, this::sealPending);
    }

    @Override
    public void start() {
        worker.start();
    }

    @Override
    public void stop() {
        worker.stop(Duration.ofSeconds(10));
    }

    @Override
    public boolean isRunning() {
        return worker.isRunning();
    }

    /** After a record committed: seal it without waiting for the next round. */
    public void wakeUp() {
        worker.wakeUp();
    }

    /** Seals until nothing is left or a round fails. Never throws: the schedule must survive any failure. */
    void sealPending() {
        try {
            while (sealBatch() == batchSize) {
                // a full batch: there may be more
            }
        } catch (RuntimeException e) {
            log.warn("Sealing processing records failed, retrying next round: {}", e.getClass().getSimpleName());
        }
    }

    /**
     * Seals at most one batch of unsealed records, in one transaction under the head's lock.
     *
     * @return how many records it sealed
     */
    public int sealBatch() {
        Integer sealed = transactions.execute(status -> {
            ChainState head = jdbc.sql("select chain_seq, chain_hash from audit_chain_head where id = 1 for update")
                    .query((rs, n) -> new ChainState(rs.getLong(1), rs.getString(2))).single();
            List<Unsealed> batch = jdbc.sql("""
                            select * from audit_record where chain_seq is null
                            order by id fetch first :n rows only""")
                    .param("n", batchSize)
                    .query((rs, n) -> new Unsealed(rs.getLong("id"), AuditTrail.row(rs, n)))
                    .list();
            if (batch.isEmpty()) {
                return 0;
            }
            ChainState previous = head;
            List<Object[]> links = new ArrayList<>(batch.size());
            for (Unsealed record : batch) {
                ChainState next = new ChainState(previous.seq() + 1, ChainHash.next(previous.hash(), record.record()));
                links.add(new Object[] {next.seq(), next.hash(), record.id()});
                previous = next;
            }
            int[] updated = update(links);
            for (int count : updated) {
                if (count == 0) {
                    // no other sealer can have done it (this one holds the head): something else wrote chain_seq
                    throw new IllegalStateException("a record was sealed outside the sealer");
                }
            }
            jdbc.sql("update audit_chain_head set chain_seq = :seq, chain_hash = :hash where id = 1")
                    .param("seq", previous.seq()).param("hash", previous.hash()).update();
            return batch.size();
        });
        return sealed == null ? 0 : sealed;
    }

    private int[] update(List<Object[]> links) {
        int[] counts = new int[links.size()];
        for (int i = 0; i < links.size(); i++) {
            Object[] link = links.get(i);
            counts[i] = jdbc.sql("update audit_record set chain_seq = ?, chain_hash = ? where id = ? and chain_seq is null")
                    .params(link).update();
        }
        return counts;
    }

    private record Unsealed(long id, AuditRecord record) {
    }

    @Override
    public int getPhase() {
        // as the relay: stop after the doors have stopped writing records, start before they do
        return Integer.MAX_VALUE - 2000;
    }
}

package nl.bronsein.runtime.retention;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.Period;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

import nl.bronsein.runtime.audit.AuditOutcome;
import nl.bronsein.runtime.audit.AuditRecord;
import nl.bronsein.runtime.audit.AuditTrail;
import nl.bronsein.runtime.audit.ChainState;
import nl.bronsein.runtime.audit.Processing;
import nl.bronsein.runtime.audit.ProcessingChain;
import nl.bronsein.runtime.worker.PeriodicWorker;

/**
 * Removes what the node no longer may keep ({@link RetentionProperties}), on the node's clock, and records that it did
 * (a processing record, action {@code retention}).
 *
 * <p><b>Processing records</b> leave the hash chain only as a sealed prefix, in seq order, and each removal writes a
 * checkpoint (the last removed record's seq and hash, {@code audit_chain_checkpoint}) from which the rest verifies. So
 * a record expires only when every record sealed before it has expired too: where types have different periods, a
 * record is kept longer than its own period, never shorter. Before removing, the job checks the links it removes; it
 * stops before a broken one, so tampering is never covered by a checkpoint and stays for a verification to name.
 *
 * <p><b>Pulled copies</b> expire counted from when they were last pulled: every change the owner notifies is pulled
 * again, so this is the time since the object last changed (what the WGBO and the Jeugdwet count from), and an object
 * that ended stops changing. The runtime cannot tell when another owner's object ended (its lifecycle and view are the
 * owner's); a node that still needs an expired copy pulls it again, from its source, under the owner's policy. A
 * copy withdrawn by its owner is emptied (anonymised), counted from the withdrawal, and not removed: its row — owner,
 * type, the random object id, the withdrawal — is what stops the node from ever pulling it again.
 */
public final class Retention implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(Retention.class);
    private static final int BATCH = 1_000;

    private final JdbcClient jdbc;
    private final ProcessingChain chain;
    private final TransactionTemplate transactions;
    private final AuditTrail audit;
    private final RetentionProperties properties;
    private final Clock clock;
    private final String node;
    private final PeriodicWorker worker;

    /** @param node this node's participant URN: the party of its own retention records */
    public Retention(JdbcClient jdbc, TransactionTemplate transactions, AuditTrail audit, RetentionProperties properties,
                     Clock clock, String node) {
        this.jdbc = jdbc;
        this.chain = new ProcessingChain(jdbc);
        this.transactions = transactions;
        this.audit = audit;
        this.properties = properties;
        this.clock = clock;
        this.node = node;
        this.worker = new PeriodicWorker("retention", properties.interval(), this::runQuietly);
    }

    /** What one run removed. */
    public record Removed(long records, Optional<ChainState> checkpoint, long copies, long anonymisedCopies) {

        boolean nothing() {
            return records == 0 && copies == 0 && anonymisedCopies == 0;
        }

        @Override
        public String toString() {
            return "removed " + records + " processing record(s)"
                    + checkpoint.map(c -> " through seq " + c.seq()).orElse("") + " and " + copies
                    + " pulled copies; emptied " + anonymisedCopies + " withdrawn copies";
        }
    }

    /** Removes what expired now, and records it. */
    public Removed run() {
        Instant now = clock.instant();
        long records = 0;
        Optional<ChainState> checkpoint = Optional.empty();
        Optional<ProcessingChain.PrefixRemoval> batch;
        while ((batch = removeRecordBatch(now)).isPresent()) {
            records += batch.get().removed();
            checkpoint = Optional.of(batch.get().checkpoint());
        }
        long copies = removeCopies(now);
        long emptied = emptyWithdrawnCopies(now);
        Removed removed = new Removed(records, checkpoint, copies, emptied);
        if (!removed.nothing()) {
            audit.record(new Processing(Processing.RETENTION, node, null, null, null, AuditOutcome.ALLOWED,
                    removed.toString(), null, Optional.empty(), now));
            log.info("Retention {}", removed);
        }
        return removed;
    }

    /** One transaction per batch, so a first run over years of records never holds one huge transaction. */
    private Optional<ProcessingChain.PrefixRemoval> removeRecordBatch(Instant now) {
        return transactions.execute(status -> chain.removeExpiredPrefix(record -> expired(record, now), now, BATCH));
    }

    private boolean expired(AuditRecord record, Instant now) {
        return !expiry(record.at(), properties.processingRecord(record.objectType()).period()).isAfter(now);
    }

    private long removeCopies(Instant now) {
        long removed = 0;
        for (Map.Entry<String, Instant> cutoff : cutoffs(now).entrySet()) {
            removed += jdbc.sql("delete from pulled_copy where withdrawal is null and pulled_at <= :cutoff and "
                            + typeCondition(cutoff.getKey()))
                    .param("cutoff", Timestamp.from(cutoff.getValue())).param("types", namedTypes())
                    .param("type", cutoff.getKey())
                    .update();
        }
        return removed;
    }

    private long emptyWithdrawnCopies(Instant now) {
        long emptied = 0;
        for (Map.Entry<String, Instant> cutoff : cutoffs(now).entrySet()) {
            emptied += jdbc.sql("update pulled_copy set content = 'null' where withdrawal is not null "
                            + "and content <> 'null' and withdrawn_at <= :cutoff and " + typeCondition(cutoff.getKey()))
                    .param("cutoff", Timestamp.from(cutoff.getValue())).param("types", namedTypes())
                    .param("type", cutoff.getKey())
                    .update();
        }
        return emptied;
    }

    /** Per object type named in the rules (and {@code default} for the rest): the moment before which a copy expired. */
    private Map<String, Instant> cutoffs(Instant now) {
        Map<String, Instant> cutoffs = new LinkedHashMap<>();
        properties.pulledCopies().forEach((type, rule) -> cutoffs.put(type,
                now.atOffset(ZoneOffset.UTC).minus(rule.period()).toInstant()));
        return cutoffs;
    }

    private List<String> namedTypes() {
        List<String> types = new ArrayList<>(properties.pulledCopies().keySet());
        types.remove(RetentionProperties.DEFAULT);
        types.add(RetentionProperties.DEFAULT); // never empty, for "not in"
        return types;
    }

    private static String typeCondition(String type) {
        return RetentionProperties.DEFAULT.equals(type) ? "object_type not in (:types)" : "object_type = :type";
    }

    private static Instant expiry(Instant at, Period period) {
        return at.atOffset(ZoneOffset.UTC).plus(period).toInstant();
    }

    private void runQuietly() {
        try {
            run();
        } catch (RuntimeException e) {
            log.warn("Retention run failed, retrying at the next: {}", e.getClass().getSimpleName());
        }
    }

    @Override
    public void start() {
        worker.start();
    }

    @Override
    public void stop() {
        worker.stop(Duration.ofSeconds(30));
    }

    @Override
    public boolean isRunning() {
        return worker.isRunning();
    }
}

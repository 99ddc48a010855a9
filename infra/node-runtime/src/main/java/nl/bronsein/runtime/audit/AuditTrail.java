package nl.bronsein.runtime.audit;

import java.security.SecureRandom;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The node's processing log (Logboek Dataverwerkingen): one record per processing — every request on the network
 * door, every pull answered or refused, every staff read, every change recorded. It fails closed: a processing whose
 * record cannot be written does not happen. A request's record is written in a transaction of its own before anything
 * is served, so a refusal, or a failure afterwards, never rolls it back, and a request whose record fails is answered
 * with an error and nothing else; a change's record is written in the change's own transaction, so neither commits
 * without the other.
 */
public class AuditTrail {

    private static final int MAX_FIELD = 200;

    private final JdbcClient jdbc;
    private final Clock clock;
    private final CurrentTrace trace;
    private final ProcessingActivities activities;
    private final SubjectPseudonyms subjects;
    private final SecureRandom random;
    /** Told after a record committed, so the chain's sealer seals it at once rather than at its next round. */
    private final Runnable committed;

    AuditTrail(JdbcClient jdbc, Clock clock, CurrentTrace trace, ProcessingActivities activities,
               SubjectPseudonyms subjects, SecureRandom random, Runnable committed) {
        this.committed = committed;
        this.jdbc = jdbc;
        this.clock = clock;
        this.trace = trace;
        this.activities = activities;
        this.subjects = subjects;
        this.random = random;
    }

    /**
     * A processing log outside a running node (a test of one component, a tool): each record starts a trace of its
     * own and names its activity by the default name.
     */
    public static AuditTrail withoutTracing(JdbcClient jdbc, Clock clock) {
        return tracedBy(jdbc, clock, Optional::empty);
    }

    /**
     * A processing log outside a running node that runs in the given tracing: a component test of how a trace travels.
     */
    public static AuditTrail tracedBy(JdbcClient jdbc, Clock clock, CurrentTrace trace) {
        SubjectPseudonyms subjects = new SubjectPseudonyms(jdbc, new SecureRandom());
        subjects.afterSingletonsInstantiated();
        return new AuditTrail(jdbc, clock, trace, new ProcessingActivities(java.util.Map.of(), java.util.Set::of),
                subjects, new SecureRandom(), () -> { });
    }

    /** A row without an HTTP status: a refused TLS handshake, a staff read. */
    @Transactional(propagation = Propagation.REQUIRES_NEW)
    public AuditRecord record(String caller, String objectType, String objectId, String purpose, AuditOutcome outcome,
                              String reason) {
        return write(Processing.of(caller, objectType, objectId, purpose, outcome, reason, null));
    }

    /** A row for a request on the network door, with the status it was answered with. */
    @Transactional(propagation = Propagation.REQUIRES_NEW)
    public AuditRecord record(String caller, String objectType, String objectId, String purpose, AuditOutcome outcome,
                              String reason, Integer status) {
        return write(Processing.of(caller, objectType, objectId, purpose, outcome, reason, status));
    }

    /** A processing that stands on its own (a request, a staff read): its record commits whatever happens next. */
    @Transactional(propagation = Propagation.REQUIRES_NEW)
    public AuditRecord record(Processing processing) {
        return write(processing);
    }

    /** A processing that is part of a change: its record commits with the change, or neither does. */
    @Transactional(propagation = Propagation.MANDATORY)
    public AuditRecord recordWithChange(Processing processing) {
        return write(processing);
    }

    private AuditRecord write(Processing p) {
        Instant end = clock.instant();
        Optional<ProcessingSpan> enclosing = trace.span();
        String traceId = enclosing.map(ProcessingSpan::traceId).orElseGet(() -> ProcessingSpan.newTrace(random).traceId());
        String purpose = bounded(p.purpose());
        String qualifier = p.objectType() != null && !"pull".equals(p.name()) ? p.objectType() : purpose;
        AuditRecord record = new AuditRecord(end, bounded(p.caller()), bounded(p.objectType()), bounded(p.objectId()),
                purpose, p.outcome(), bounded(p.reason()), p.status(), traceId, ProcessingSpan.newSpanId(random),
                enclosing.map(ProcessingSpan::spanId).orElse(null), p.name(),
                p.startedAt() == null || p.startedAt().isAfter(end) ? end : p.startedAt(), statusCode(p),
                activities.of(p.name(), qualifier), p.subjectBsn().map(subjects::of).orElse(null),
                p.subjectBsn().isPresent() ? SubjectPseudonyms.SUBJECT_TYPE : null, null, null);
        try {
            insert(record);
        } catch (org.springframework.dao.DataAccessException e) {
            throw new ProcessingLogUnavailableException(e);
        }
        return record;
    }

    private void insert(AuditRecord record) {
        jdbc.sql("""
                        insert into audit_record (recorded_at, caller, object_type, object_id, purpose, outcome, reason,
                            status, trace_id, span_id, parent_span_id, name, started_at, status_code, activity, subject,
                            subject_type)
                        values (:at, :caller, :objectType, :objectId, :purpose, :outcome, :reason, :status, :traceId,
                            :spanId, :parentSpanId, :name, :startedAt, :statusCode, :activity, :subject, :subjectType)""")
                .param("at", Timestamp.from(record.at()))
                .param("caller", record.caller())
                .param("objectType", record.objectType())
                .param("objectId", record.objectId())
                .param("purpose", record.purpose())
                .param("outcome", record.outcome().name())
                .param("reason", record.reason())
                .param("status", record.status())
                .param("traceId", record.traceId())
                .param("spanId", record.spanId())
                .param("parentSpanId", record.parentSpanId())
                .param("name", record.name())
                .param("startedAt", Timestamp.from(record.startedAt()))
                .param("statusCode", record.statusCode())
                .param("activity", record.activity())
                .param("subject", record.subject())
                .param("subjectType", record.subjectType())
                .update();
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    committed.run();
                }
            });
        } else {
            committed.run();
        }
    }

    /**
     * LDV's status: ERROR only where the node failed; a refusal is a processing handled as designed (UNSET), an
     * allowed one OK.
     */
    private static String statusCode(Processing p) {
        if (p.outcome() == AuditOutcome.FAILED) {
            return "ERROR";
        }
        return p.outcome() == AuditOutcome.ALLOWED ? "OK" : "UNSET";
    }

    public List<AuditRecord> forObject(String objectType, String objectId) {
        return jdbc.sql("select * from audit_record where object_type = :type and object_id = :id order by id")
                .param("type", objectType).param("id", objectId)
                .query(AuditTrail::row)
                .list();
    }

    /**
     * Who asked for the object: every request about it on the network door and every staff read — not its changes, nor
     * this node's handling of notifications about it.
     */
    public List<AuditRecord> requestsFor(String objectType, String objectId) {
        return jdbc.sql("select * from audit_record where object_type = :type and object_id = :id"
                        + " and name not in (:change, :handled) order by id")
                .param("type", objectType).param("id", objectId).param("change", Processing.CHANGE)
                .param("handled", Processing.NOTIFICATION_HANDLED)
                .query(AuditTrail::row)
                .list();
    }

    /**
     * The accesses to one object of this node: every pull of it and every staff read of it, allowed or refused, in
     * order — what a citizen may learn about who looked at their data here. A pull for a citizen's access report is
     * no access to their data but to this list, and is not in it.
     */
    public List<AuditRecord> accessesTo(String objectType, String objectId) {
        return accesses("object_type = :type and object_id = :id", Map.of("type", objectType, "id", objectId));
    }

    /** The accesses, as {@link #accessesTo}, to this node's data about one citizen (by its pseudonym of the BSN). */
    public List<AuditRecord> accessesAbout(String bsn) {
        return accesses("subject = :subject", Map.of("subject", subjects.of(bsn)));
    }

    private List<AuditRecord> accesses(String where, Map<String, Object> params) {
        return jdbc.sql("select * from audit_record where " + where + " and name in (:pull, :staffRead)"
                        + " and (purpose is null or purpose <> :insight) order by id")
                .params(params).param("pull", Processing.PULL).param("staffRead", Processing.STAFF_READ)
                .param("insight", Processing.CITIZEN_INSIGHT)
                .query(AuditTrail::row).list();
    }

    /**
     * This node's own objects about one citizen: each was recorded as a change with the citizen as its subject when it
     * was made, so the log knows them without a search through the registration's personal data.
     */
    public List<OwnObject> ownObjectsAbout(String bsn) {
        return jdbc.sql("select distinct object_type, object_id from audit_record where subject = :subject"
                        + " and name = :change order by object_type, object_id")
                .param("subject", subjects.of(bsn)).param("change", Processing.CHANGE)
                .query((rs, n) -> new OwnObject(rs.getString("object_type"), rs.getString("object_id"))).list();
    }

    /** One of this node's own objects, by type code and id. */
    public record OwnObject(String objectType, String objectId) {
    }

    public List<AuditRecord> all() {
        return jdbc.sql("select * from audit_record order by id").query(AuditTrail::row).list();
    }

    /** This node's records of one trace, in the order written. */
    public List<AuditRecord> forTrace(String traceId) {
        return jdbc.sql("select * from audit_record where trace_id = :trace order by id").param("trace", traceId)
                .query(AuditTrail::row).list();
    }

    /**
     * Runs work in a span continuing a received W3C traceparent, so that what it records joins the sender's trace; a
     * missing or malformed one starts a new trace ({@link CurrentTrace#continuing}).
     */
    public <T> T continuing(String traceparent, String name, java.util.function.Supplier<T> work) {
        return trace.continuing(traceparent, name, work);
    }

    /**
     * The traceparent that passes a record's place in its trace on (with a notification): the record's trace, the
     * record itself as the parent span, sampled as the trace it runs in. Never empty here; a stand-in for the log (a
     * test's mock of it) gives none, and a notification then travels without one.
     */
    public Optional<String> traceparentOf(AuditRecord record) {
        return Optional.of(TraceParent.of(record, trace.sampled()).toString());
    }

    /** This node's pseudonym for a citizen, to find the citizen's records. */
    public String subjectOf(String bsn) {
        return subjects.of(bsn);
    }

    static AuditRecord row(ResultSet rs, int n) throws SQLException {
        Timestamp started = rs.getTimestamp("started_at");
        return new AuditRecord(rs.getTimestamp("recorded_at").toInstant(), rs.getString("caller"),
                rs.getString("object_type"), rs.getString("object_id"), rs.getString("purpose"),
                AuditOutcome.valueOf(rs.getString("outcome")), rs.getString("reason"), rs.getObject("status", Integer.class),
                rs.getString("trace_id"), rs.getString("span_id"), rs.getString("parent_span_id"), rs.getString("name"),
                started == null ? null : started.toInstant(), rs.getString("status_code"), rs.getString("activity"),
                rs.getString("subject"), rs.getString("subject_type"), rs.getObject("chain_seq", Long.class),
                rs.getString("chain_hash"));
    }

    /** Request parameters are attacker-chosen; an audit row stores a bounded, printable form of them. */
    private static String bounded(String value) {
        if (value == null) {
            return null;
        }
        String printable = value.replaceAll("[^\\x20-\\x7E]", "?");
        return printable.length() > MAX_FIELD ? printable.substring(0, MAX_FIELD) : printable;
    }
}

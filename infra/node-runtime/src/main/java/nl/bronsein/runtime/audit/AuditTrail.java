package nl.bronsein.runtime.audit;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The owner's record of every data request. It is written in its own transaction, so a refusal, or a failure
 * afterwards, never rolls the audit row back.
 */
public class AuditTrail {

    private static final int MAX_FIELD = 200;

    private final JdbcClient jdbc;
    private final Clock clock;

    public AuditTrail(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** A row without an HTTP status: a refused TLS handshake, a staff read. */
    @Transactional(propagation = Propagation.REQUIRES_NEW)
    public AuditRecord record(String caller, String objectType, String objectId, String purpose, AuditOutcome outcome,
                              String reason) {
        return record(caller, objectType, objectId, purpose, outcome, reason, null);
    }

    /** A row for a request on the network door, with the status it was answered with. */
    @Transactional(propagation = Propagation.REQUIRES_NEW)
    public AuditRecord record(String caller, String objectType, String objectId, String purpose, AuditOutcome outcome,
                              String reason, Integer status) {
        AuditRecord record = new AuditRecord(clock.instant(), bounded(caller), bounded(objectType), bounded(objectId),
                bounded(purpose), outcome, bounded(reason), status);
        jdbc.sql("""
                        insert into audit_record (recorded_at, caller, object_type, object_id, purpose, outcome, reason, status)
                        values (:at, :caller, :objectType, :objectId, :purpose, :outcome, :reason, :status)""")
                .param("at", Timestamp.from(record.at()))
                .param("caller", record.caller())
                .param("objectType", record.objectType())
                .param("objectId", record.objectId())
                .param("purpose", record.purpose())
                .param("outcome", outcome.name())
                .param("reason", record.reason())
                .param("status", status)
                .update();
        return record;
    }

    public List<AuditRecord> forObject(String objectType, String objectId) {
        return jdbc.sql("select * from audit_record where object_type = :type and object_id = :id order by id")
                .param("type", objectType).param("id", objectId)
                .query(AuditTrail::row)
                .list();
    }

    public List<AuditRecord> all() {
        return jdbc.sql("select * from audit_record order by id").query(AuditTrail::row).list();
    }

    private static AuditRecord row(ResultSet rs, int n) throws SQLException {
        return new AuditRecord(rs.getTimestamp("recorded_at").toInstant(), rs.getString("caller"),
                rs.getString("object_type"), rs.getString("object_id"), rs.getString("purpose"),
                AuditOutcome.valueOf(rs.getString("outcome")), rs.getString("reason"), rs.getObject("status", Integer.class));
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

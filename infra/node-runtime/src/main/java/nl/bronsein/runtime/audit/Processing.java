package nl.bronsein.runtime.audit;

import java.time.Instant;
import java.util.Optional;

/**
 * One processing to record: the action's name (LDV {@code name}), the other party, the object and purpose, how it
 * ended, and the citizen it concerns ({@code subjectBsn}, pseudonymised before it is written; empty where the
 * processing concerns no one citizen, such as a list or a request refused before any object was found).
 */
public record Processing(String name, String caller, String objectType, String objectId, String purpose,
                         AuditOutcome outcome, String reason, Integer status, Optional<String> subjectBsn,
                         Instant startedAt) {

    public static final String PULL = "pull";
    public static final String NOTIFICATION_HISTORY = "notification-history";
    public static final String NETWORK_REQUEST = "network-request";
    public static final String TLS_HANDSHAKE = "tls-handshake";
    public static final String STAFF_READ = "staff-read";
    public static final String CHANGE = "change";
    /** A notification of another owner's change handled: its object pulled and this node's copy brought up to date. */
    public static final String NOTIFICATION_HANDLED = "notification-handled";
    public static final String LOG_READ = "processing-log-read";
    public static final String RETENTION = "retention";
    /** A citizen's access report made for them at a desk. */
    public static final String CITIZEN_INSIGHT = "citizen-insight";

    public Processing {
        subjectBsn = subjectBsn == null ? Optional.empty() : subjectBsn;
    }

    /** As the audit trail recorded before it followed LDV: the action named from what was asked. */
    static Processing of(String caller, String objectType, String objectId, String purpose, AuditOutcome outcome,
                         String reason, Integer status) {
        String name = status == null
                ? (caller != null && caller.startsWith("staff:") ? STAFF_READ : TLS_HANDSHAKE)
                : "notification-history".equals(objectType) ? NOTIFICATION_HISTORY
                : objectType != null ? PULL : NETWORK_REQUEST;
        return new Processing(name, caller, objectType, objectId, purpose, outcome, reason, status, Optional.empty(),
                null);
    }

    public Processing concerning(Optional<String> bsn) {
        return new Processing(name, caller, objectType, objectId, purpose, outcome, reason, status, bsn, startedAt);
    }
}

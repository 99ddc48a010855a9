package nl.bronsein.runtime.audit;

import java.time.Instant;

/**
 * One processing record as the node wrote it, in the shape of Logboek Dataverwerkingen: which action ({@code name},
 * from {@code startedAt} to {@code at}) in which trace ({@code traceId}, {@code spanId}, {@code parentSpanId}), under
 * which processing activity of the node's register, about which data subject (pseudonymised for this node, never the
 * BSN), with which other party ({@code caller}: a participant URN, {@code unlisted:<sha256>} for an unknown
 * certificate, {@code staff:<subject>} for a staff member) for which purpose, and how it ended: the outcome, the reason,
 * LDV's status ({@code statusCode}: UNSET, OK or ERROR) and for a request on the network door the HTTP status it was
 * answered with ({@code null} for a refused TLS handshake, a staff read and a change). Sealed records carry their place
 * in the node's hash chain ({@code chainSeq}, {@code chainHash}); a record not yet sealed has nulls there. Identifiers
 * only: a record never holds personal data.
 */
public record AuditRecord(Instant at, String caller, String objectType, String objectId, String purpose,
                          AuditOutcome outcome, String reason, Integer status, String traceId, String spanId,
                          String parentSpanId, String name, Instant startedAt, String statusCode, String activity,
                          String subject, String subjectType, Long chainSeq, String chainHash) {
}

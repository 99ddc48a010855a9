package nl.bronsein.runtime.audit;

import java.time.Instant;

/**
 * One data request as the owner saw it: when, who (participant URN, or the certificate fingerprint of an unknown
 * caller), which object, for which purpose, the outcome, and for a request on the network door the HTTP status it was
 * answered with ({@code null} for a refused TLS handshake and a staff read). Identifiers only: an audit row never holds
 * personal data.
 */
public record AuditRecord(Instant at, String caller, String objectType, String objectId, String purpose,
                          AuditOutcome outcome, String reason, Integer status) {
}

package nl.bronsein.runtime.audit;

import java.time.Instant;

/**
 * One data request as the owner saw it: when, who (participant URN, or the certificate fingerprint of an unknown
 * caller), which object, for which purpose, and the outcome. Identifiers only: an audit row never holds personal data.
 */
public record AuditRecord(Instant at, String caller, String objectType, String objectId, String purpose,
                          AuditOutcome outcome, String reason) {
}

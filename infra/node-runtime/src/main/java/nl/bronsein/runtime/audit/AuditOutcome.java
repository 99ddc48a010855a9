package nl.bronsein.runtime.audit;

/** How an attempt to read data ended. Every attempt, allowed or not, is recorded (naleving). */
public enum AuditOutcome {
    ALLOWED,
    /** No certificate, or one that the participant list does not pin. */
    UNKNOWN_CALLER,
    /**
     * Refused in the TLS handshake, before any request: expired, not yet valid, self-signed or from an issuer this
     * node does not trust. The row names no object: the handshake never got that far.
     */
    UNTRUSTED_CERTIFICATE,
    /**
     * Refused before any policy: the request itself is not well-formed (the firewall refused its path, e.g. path
     * parameters or encoded separators, or its headers).
     */
    MALFORMED_REQUEST,
    /** The object does not exist here, or the caller is not involved: both answer 404, existence is not revealed. */
    NOT_FOUND,
    NOT_INVOLVED,
    PURPOSE_NOT_ALLOWED,
    NO_CONSENT,
    /** The object, or what it rests on, was withdrawn by its owner: no longer shared for any purpose. */
    WITHDRAWN
}

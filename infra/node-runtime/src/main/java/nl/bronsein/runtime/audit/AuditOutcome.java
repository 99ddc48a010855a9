package nl.bronsein.runtime.audit;

/**
 * How an attempt to read data ended. Every attempt, allowed or not, is recorded (naleving): every request on the
 * network door is one row, whatever it asked for.
 */
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
     * Refused before any policy: the request itself is not well-formed (the firewall or Tomcat refused its path, e.g.
     * path parameters or encoded separators, or its headers; a parameter is invalid; an object id is not in its one
     * spelling).
     */
    MALFORMED_REQUEST,
    /** Nothing is served at this path on the network door (404): the row names no object. */
    NO_SUCH_RESOURCE,
    /** The path is served, but not so: another method (405), an answer type it does not give (406), a body type (415). */
    UNSUPPORTED_REQUEST,
    /** The node could not answer (5xx): nothing was served. */
    FAILED,
    /** The object does not exist here, or the caller is not involved: both answer 404, existence is not revealed. */
    NOT_FOUND,
    NOT_INVOLVED,
    PURPOSE_NOT_ALLOWED,
    NO_CONSENT,
    /** The object, or what it rests on, was withdrawn by its owner: no longer shared for any purpose. */
    WITHDRAWN
}

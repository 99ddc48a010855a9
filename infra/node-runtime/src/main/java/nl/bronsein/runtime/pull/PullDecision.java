package nl.bronsein.runtime.pull;

import org.springframework.http.HttpStatus;

import nl.bronsein.runtime.audit.AuditOutcome;

/** The owner's answer to one pull: the view to return, or a refusal with its status and reason. */
public sealed interface PullDecision {

    record Allowed(String view) implements PullDecision {
    }

    record Refused(AuditOutcome outcome, HttpStatus status, String reason) implements PullDecision {
    }
}

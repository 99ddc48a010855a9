package nl.bronsein.runtime.pull;

import org.springframework.http.HttpStatus;

import nl.bronsein.runtime.audit.AuditOutcome;

/** The owner's answer to one pull: the view to return, or a refusal with its status and reason. */
public sealed interface PullDecision {

    record Allowed(String view) implements PullDecision {
    }

    /**
     * @param withdrawal set when the refusal is a withdrawal at the source (of the object or of the consent it rests
     *                   on): the answer says so in a machine-readable way, so that a holder learns it from the owner
     *                   and not from a notification
     */
    record Refused(AuditOutcome outcome, HttpStatus status, String reason, Withdrawal withdrawal)
            implements PullDecision {

        public Refused(AuditOutcome outcome, HttpStatus status, String reason) {
            this(outcome, status, reason, null);
        }
    }
}

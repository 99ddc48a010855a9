package nl.bronsein.runtime.pull;

import java.util.List;
import java.util.Optional;

import org.springframework.http.HttpStatus;

import nl.bronsein.runtime.audit.AuditOutcome;
import nl.bronsein.runtime.trust.Participant;

/**
 * The owner's pull policy, evaluated in a fixed order: involvement first (an uninvolved caller gets 404 whatever it
 * asks, so existence is not revealed), then purpose for the caller's role (doelbinding), then withdrawal at the
 * source, then consent.
 */
public class PullPolicy {

    private final List<PullRule> rules;

    public PullPolicy(List<PullRule> rules) {
        this.rules = List.copyOf(rules);
    }

    public PullDecision decide(Participant caller, String objectType, Optional<SharedObject> object, String purpose) {
        if (object.isEmpty()) {
            return new PullDecision.Refused(AuditOutcome.NOT_FOUND, HttpStatus.NOT_FOUND, "no such object");
        }
        if (!object.get().involves(caller.id())) {
            return new PullDecision.Refused(AuditOutcome.NOT_INVOLVED, HttpStatus.NOT_FOUND, "no such object");
        }
        if (purpose == null || purpose.isBlank()) {
            return new PullDecision.Refused(AuditOutcome.PURPOSE_NOT_ALLOWED, HttpStatus.FORBIDDEN,
                    "a pull must state its purpose");
        }
        List<PullRule> forRole = rules.stream().filter(r -> r.allows(objectType, purpose, caller.role())).toList();
        if (forRole.isEmpty()) {
            return new PullDecision.Refused(AuditOutcome.PURPOSE_NOT_ALLOWED, HttpStatus.FORBIDDEN,
                    "purpose " + purpose + " is not allowed for " + caller.role() + " on " + objectType);
        }
        Optional<PullRule> rule = forRole.stream().filter(r -> r.admits(object.get(), caller.id())).findFirst();
        if (rule.isEmpty()) {
            return new PullDecision.Refused(AuditOutcome.PURPOSE_NOT_ALLOWED, HttpStatus.FORBIDDEN,
                    "purpose " + purpose + " is not allowed for " + caller.role() + " involved as "
                            + object.get().relationsOf(caller.id()).stream().sorted().toList() + " on " + objectType);
        }
        if (object.get().withdrawn()) {
            return new PullDecision.Refused(AuditOutcome.WITHDRAWN, HttpStatus.FORBIDDEN,
                    "the object was withdrawn at its source", object.get().consentWithdrawn()
                    ? Withdrawal.CONSENT_WITHDRAWN : Withdrawal.OBJECT_WITHDRAWN);
        }
        if (rule.get().consentRequired() && !object.get().consentCovers(purpose)) {
            return object.get().consentWithdrawn()
                    ? new PullDecision.Refused(AuditOutcome.NO_CONSENT, HttpStatus.FORBIDDEN,
                            "the citizen withdrew the consent", Withdrawal.CONSENT_WITHDRAWN)
                    : new PullDecision.Refused(AuditOutcome.NO_CONSENT, HttpStatus.FORBIDDEN,
                            "the citizen's consent does not cover purpose " + purpose);
        }
        return new PullDecision.Allowed(rule.get().view());
    }

    /**
     * Whether a change of the object is addressed to this participant: where some rule of its role would let it pull
     * the object now, or where the refusal would tell it of a withdrawal it must act on (a holder of a copy learns the
     * referral or the consent was withdrawn, and stops). A participant the policy would refuse for any other reason —
     * a GP whose patient's consent does not cover {@code referral-feedback} — is not told the object changed at all.
     */
    public boolean addresses(Participant recipient, String objectType, SharedObject object) {
        return rules.stream().filter(rule -> rule.notified() && rule.objectType().equals(objectType)
                        && rule.roles().contains(recipient.role()))
                .map(rule -> decide(recipient, objectType, Optional.of(object), rule.purpose()))
                .anyMatch(decision -> decision instanceof PullDecision.Allowed
                        || decision instanceof PullDecision.Refused refused && refused.withdrawal() != null);
    }

    public List<PullRule> rules() {
        return rules;
    }
}

package nl.bronsein.runtime.pull;

import java.util.List;

import nl.bronsein.runtime.trust.ParticipantRole;

/**
 * One line of the owner's pull policy: involved participants in one of {@code roles} may pull an object of
 * {@code objectType} for {@code purpose}, and get {@code view} of it; with {@code consentRequired} only while the
 * citizen's consent covers that purpose. One rule serves every participant in those roles.
 *
 * @param objectType      the object type (an object type this node owns), e.g. {@code case}
 * @param purpose         the purpose a pull must state, e.g. {@code referral-feedback}
 * @param roles           the roles whose involved participants may pull for it
 * @param involvement     how the object must involve the caller for this rule ({@link SharedObject#relationsOf}), e.g.
 *                        {@code addressee} or {@code assigned-provider}; empty for any involvement. Without it, a
 *                        provider the GP admitted for care delivery could pull the referral for intake, analysis and all.
 * @param view            the view they get, one the object type has
 * @param consentRequired whether the citizen's consent must cover the purpose; default true
 * @param notified        whether the participants this rule admits are notified of the object's changes; default true.
 *                        False for a rule that only answers a question the caller asks when it needs to (the GP
 *                        verifying at the municipality that a provider is assigned), which must not make it a reader
 *                        of every change.
 */
public record PullRule(String objectType, String purpose, List<ParticipantRole> roles, List<String> involvement,
                       String view, Boolean consentRequired, Boolean notified) {

    public PullRule {
        if (objectType == null || purpose == null || view == null || roles == null || roles.isEmpty()) {
            throw new IllegalArgumentException("a pull rule names object-type, purpose, roles and view; this one has no "
                    + (objectType == null ? "object-type" : purpose == null ? "purpose"
                    : roles == null || roles.isEmpty() ? "roles" : "view"));
        }
        roles = List.copyOf(roles);
        involvement = involvement == null ? List.of() : List.copyOf(involvement);
        consentRequired = consentRequired == null || consentRequired;
        notified = notified == null || notified;
    }

    boolean allows(String type, String requestedPurpose, ParticipantRole role) {
        return objectType.equals(type) && purpose.equals(requestedPurpose) && roles.contains(role);
    }

    /** Whether the object involves the caller as this rule asks. */
    boolean admits(SharedObject object, nl.bronsein.runtime.trust.ParticipantId caller) {
        return involvement.isEmpty() ? object.involves(caller)
                : object.relationsOf(caller).stream().anyMatch(involvement::contains);
    }
}

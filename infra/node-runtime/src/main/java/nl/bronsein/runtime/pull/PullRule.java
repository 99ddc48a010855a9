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
 * @param view            the view they get, one the object type has
 * @param consentRequired whether the citizen's consent must cover the purpose; default true
 */
public record PullRule(String objectType, String purpose, List<ParticipantRole> roles, String view, Boolean consentRequired) {

    public PullRule {
        if (objectType == null || purpose == null || view == null || roles == null || roles.isEmpty()) {
            throw new IllegalArgumentException("a pull rule names object-type, purpose, roles and view; this one has no "
                    + (objectType == null ? "object-type" : purpose == null ? "purpose"
                    : roles == null || roles.isEmpty() ? "roles" : "view"));
        }
        roles = List.copyOf(roles);
        consentRequired = consentRequired == null || consentRequired;
    }

    boolean allows(String type, String requestedPurpose, ParticipantRole role) {
        return objectType.equals(type) && purpose.equals(requestedPurpose) && roles.contains(role);
    }
}

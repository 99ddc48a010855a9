package nl.bronsein.runtime.pull;

import java.util.Set;

import nl.bronsein.runtime.api.NodeApi;
import nl.bronsein.runtime.trust.Participant;
import nl.bronsein.runtime.trust.ParticipantId;

/** One of this node's objects as the pull policy sees it. The node decides involvement and consent; the policy decides the rest. */
@NodeApi
public interface SharedObject {

    /**
     * The participants the object involves (addressee, referrer, assigned provider): the only ones that learn it
     * exists, and the candidates its changes are addressed to — each only where the pull policy lets it see the object
     * ({@link Addressees}). Empty for an object meant for everyone, which is published on a generic topic instead.
     */
    Set<ParticipantId> involved();

    /** Need-to-know: only an involved participant learns the object exists. */
    default boolean involves(ParticipantId participant) {
        return involved().contains(participant);
    }

    /**
     * How the object involves a participant, in the words pull rules use ({@link PullRule#involvement()}): e.g. a
     * referral involves its addressee as {@code addressee} and the provider its case was assigned to as {@code
     * assigned-provider}, and each may pull it only for what that relation is for. Empty where it names no relations.
     */
    default Set<String> relationsOf(ParticipantId participant) {
        return Set.of();
    }

    /** Whether the citizen's consent, as this owner knows it, covers this purpose and has not been withdrawn. */
    boolean consentCovers(String purpose);

    /**
     * Whether the object, or the object it rests on, was withdrawn at its source (e.g. the GP withdrew the referral):
     * then it is not shared for any purpose, to anyone involved.
     */
    default boolean withdrawn() {
        return false;
    }

    /**
     * Whether the citizen withdrew the consent the object is shared on, as this owner knows it: the refusal then says
     * so, and a holder may take that as the withdrawal confirmed (a consent that never covered a purpose is no
     * withdrawal).
     */
    default boolean consentWithdrawn() {
        return false;
    }

    /**
     * The BSN of the citizen the object is about, as this node knows it (its own record or its pulled copy): the
     * processing log names the citizen by this node's pseudonym of it, so that a citizen can learn who accessed their
     * data. Empty for an object about no citizen (a contact point, a catalogue service).
     */
    default java.util.Optional<String> dataSubject() {
        return java.util.Optional.empty();
    }

    /** The named view of the object for this caller; what is not in the view does not leave the node. */
    Object view(String view, Participant caller);
}

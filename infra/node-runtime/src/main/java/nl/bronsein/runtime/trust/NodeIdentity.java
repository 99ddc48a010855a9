package nl.bronsein.runtime.trust;

import java.net.URI;

import nl.bronsein.runtime.api.NodeApi;

/**
 * Who this node is in the network: its own entry of the participant list. The node's pull URLs ({@code dataref}) are
 * built from the listed node URL, so what a node announces is always where the list says it lives.
 */
@NodeApi
public record NodeIdentity(Participant participant) {

    public ParticipantId id() {
        return participant.id();
    }

    public ParticipantRole role() {
        return participant.role();
    }

    /** The {@code dataref} of one of this node's objects: its pull URL on the network port. */
    public URI pullUrl(String objectType, String objectId) {
        return participant.pullUrl(objectType, objectId);
    }
}

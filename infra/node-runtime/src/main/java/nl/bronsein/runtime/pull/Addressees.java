package nl.bronsein.runtime.pull;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import nl.bronsein.runtime.trust.NodeIdentity;
import nl.bronsein.runtime.trust.Participant;
import nl.bronsein.runtime.trust.ParticipantList;
import nl.bronsein.schemas.SharedObjectType;

/**
 * Who the owner notifies of a change: the listed participants the object involves, each only where this node's pull
 * policy lets it see the object (or must tell it of a withdrawal). The owner decides, from its own policy and the
 * object as it is after the change — the notification layer keeps the promises of the pull, instead of telling every
 * reader of a shared topic who refers whom to whom (issue 16). A recipient's subscriptions decide, on its side, what it
 * takes in of what it is sent.
 */
public class Addressees {

    private final Map<SharedObjectType, SharedObjectSource> sources;
    private final PullPolicy policy;
    private final ParticipantList participants;
    private final NodeIdentity identity;

    public Addressees(List<SharedObjectSource> sources, PullPolicy policy, ParticipantList participants,
                      NodeIdentity identity) {
        this.sources = sources.stream().collect(Collectors.toMap(SharedObjectSource::objectType, Function.identity()));
        this.policy = policy;
        this.participants = participants;
        this.identity = identity;
    }

    /**
     * The participants to notify of a change of one of this node's objects, read in the change's own transaction so
     * that the object is as the change left it. A participant no longer listed is not notified.
     */
    public List<Participant> of(SharedObjectType type, String objectId) {
        return of(type, changed(type, objectId));
    }

    /** The changed object, as the change left it (read in the change's own transaction). */
    public SharedObject changed(SharedObjectType type, String objectId) {
        SharedObjectSource source = sources.get(type);
        if (source == null) {
            throw new IllegalStateException("this node publishes " + type.code() + " changes but serves no such objects");
        }
        return source.find(UUID.fromString(objectId)).orElseThrow(() -> new IllegalStateException(
                "the changed " + type.code() + " is not in this node's own registration"));
    }

    /** The participants to notify of a change that left the object so. */
    public List<Participant> of(SharedObjectType type, SharedObject object) {
        return object.involved().stream()
                .filter(id -> !id.equals(identity.id()))
                .map(id -> participants.find(id.urn()))
                .flatMap(java.util.Optional::stream)
                .filter(recipient -> policy.addresses(recipient, type.code(), object))
                .sorted(java.util.Comparator.comparing(p -> p.id().urn()))
                .toList();
    }
}

package nl.bronsein.runtime.contactpoint;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import nl.bronsein.runtime.api.NodeApi;
import nl.bronsein.runtime.copy.PulledCopies;
import nl.bronsein.runtime.copy.PulledCopy;
import nl.bronsein.runtime.trust.NodeIdentity;
import nl.bronsein.schemas.SharedObjectType;
import nl.bronsein.schemas.view.ContactPointView;
import nl.bronsein.schemas.view.PublishedContactPointView;

/**
 * Every contact point this node knows, by reference (owner, object id): its own from its registration, others' as it
 * pulled them. What other code uses to show "whom to call" for a participant's object.
 */
@NodeApi
public class ContactPointDirectory {

    private final ContactPointRepository own;
    private final PulledCopies copies;
    private final NodeIdentity identity;
    private final Clock clock;

    public ContactPointDirectory(ContactPointRepository own, PulledCopies copies, NodeIdentity identity, Clock clock) {
        this.own = own;
        this.copies = copies;
        this.identity = identity;
        this.clock = clock;
    }

    /** The details in effect now; empty when the contact point is unknown or its first details take effect later. */
    public Optional<ContactPointView> currentDetails(String owner, String objectId) {
        return find(owner, objectId).flatMap(view -> view.detailsAt(clock.instant()));
    }

    /** The contact point with its whole schedule: this node's own, or the copy pulled from its owner. */
    public Optional<PublishedContactPointView> find(String owner, String objectId) {
        if (identity.id().urn().equals(owner)) {
            return parse(objectId).flatMap(own::find).map(ContactPoint::view);
        }
        return pulled(owner, objectId).map(PulledCopy::content);
    }

    /** Whether {@code id} is one of this node's own contact points. */
    public boolean isOwn(UUID id) {
        return own.exists(id);
    }

    /** This node's own contact points with their schedules, oldest first: those its staff can name in a step. */
    public List<PublishedContactPointView> own() {
        return own.findAll().stream().map(ContactPoint::view).toList();
    }

    /** This node's own contact points first (oldest first), then others' by owner and id. */
    public List<DirectoryEntry> all() {
        Instant now = clock.instant();
        List<DirectoryEntry> all = new ArrayList<>();
        own.findAll().forEach(cp -> all.add(DirectoryEntry.of(cp.view(), true, null, now)));
        copies.current(SharedObjectType.CONTACT_POINT, PublishedContactPointView.class, identity.id().urn())
                .forEach(copy -> all.add(DirectoryEntry.of(copy.content(), false, copy.pulledAt(), now)));
        return all;
    }

    private Optional<PulledCopy<PublishedContactPointView>> pulled(String owner, String objectId) {
        return copies.find(owner, SharedObjectType.CONTACT_POINT, objectId, PublishedContactPointView.class)
                .filter(copy -> !copy.withdrawn() && copy.content() != null);
    }

    private static Optional<UUID> parse(String id) {
        try {
            return Optional.of(UUID.fromString(id));
        } catch (IllegalArgumentException | NullPointerException e) {
            return Optional.empty();
        }
    }
}

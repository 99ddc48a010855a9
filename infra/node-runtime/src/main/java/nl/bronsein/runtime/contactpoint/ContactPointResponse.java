package nl.bronsein.runtime.contactpoint;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import nl.bronsein.schemas.view.ContactPointView;
import nl.bronsein.schemas.view.PublishedContactPointView.Entry;

/**
 * One of this node's contact points as the staff API shows it.
 *
 * @param current  the details in effect now; null while the first details have not taken effect
 * @param upcoming the next announced change, null when none is ahead
 */
record ContactPointResponse(UUID id, int version, String owner, List<Entry> schedule, ContactPointView current,
                                   Entry upcoming) {

    static ContactPointResponse of(ContactPoint cp, Instant now) {
        return new ContactPointResponse(cp.id(), cp.version(), cp.owner(), cp.schedule(),
                cp.detailsAt(now).orElse(null), cp.upcomingAt(now).orElse(null));
    }
}

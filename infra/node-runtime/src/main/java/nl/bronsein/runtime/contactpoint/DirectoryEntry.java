package nl.bronsein.runtime.contactpoint;

import java.time.Instant;

import nl.bronsein.schemas.view.ContactPointView;
import nl.bronsein.schemas.view.PublishedContactPointView;
import nl.bronsein.schemas.view.PublishedContactPointView.Entry;

/**
 * One contact point this node knows, its own or another participant's.
 *
 * @param own      whether this node owns it
 * @param current  the details in effect now; null while the first details have not taken effect
 * @param upcoming the next announced change, null when none is ahead
 * @param pulledAt when this node pulled its copy; null for its own
 */
record DirectoryEntry(String owner, String objectId, int version, boolean own, ContactPointView current,
                             Entry upcoming, Instant pulledAt) {

    static DirectoryEntry of(PublishedContactPointView view, boolean own, Instant pulledAt, Instant now) {
        return new DirectoryEntry(view.owner(), view.objectId(), view.version(), own, view.detailsAt(now).orElse(null),
                ContactPoint.upcoming(view, now).orElse(null), pulledAt);
    }
}

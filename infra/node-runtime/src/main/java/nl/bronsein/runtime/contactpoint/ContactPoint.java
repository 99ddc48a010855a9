package nl.bronsein.runtime.contactpoint;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import nl.bronsein.runtime.domain.InvalidRequestException;
import nl.bronsein.schemas.view.ContactPointView;
import nl.bronsein.schemas.view.PublishedContactPointView;
import nl.bronsein.schemas.view.PublishedContactPointView.Entry;

/**
 * One of this node's function-level contact points: its details over time. Each change is an entry with the moment it
 * takes effect, so a change can be announced ahead; the schedule only grows forward in time.
 *
 * @param owner    this node's participant URN
 * @param schedule oldest first, effective moments strictly increasing, never empty
 */
public record ContactPoint(UUID id, int version, String owner, List<Entry> schedule) {

    public ContactPoint {
        schedule = List.copyOf(schedule);
        if (id == null || owner == null || version < 1 || schedule.isEmpty()) {
            throw new IllegalArgumentException("a contact point needs an id, an owner, a version and details");
        }
        for (int i = 1; i < schedule.size(); i++) {
            if (!schedule.get(i).effectiveFrom().isAfter(schedule.get(i - 1).effectiveFrom())) {
                throw new IllegalArgumentException("a contact point's schedule must move forward in time");
            }
        }
    }

    /** A new contact point, version 1, with its first details. */
    public static ContactPoint first(UUID id, String owner, Entry details) {
        return new ContactPoint(id, 1, owner, List.of(details));
    }

    /**
     * The next version, with {@code change} added to the schedule. A change may not take effect before the latest
     * entry (the schedule cannot be rewritten backwards); one taking effect at the very same moment replaces that entry
     * (it corrects the announcement), so that at any moment exactly one entry is in effect.
     *
     * @throws InvalidRequestException on field {@code effectiveFrom} when the change would take effect before the latest entry
     */
    public ContactPoint announce(Entry change) {
        Entry latest = latest();
        if (change.effectiveFrom().isBefore(latest.effectiveFrom())) {
            throw new InvalidRequestException("effectiveFrom",
                    "must not be earlier than the latest announced change (" + latest.effectiveFrom() + ")");
        }
        List<Entry> next = new ArrayList<>(schedule);
        if (change.effectiveFrom().equals(latest.effectiveFrom())) {
            next.remove(next.size() - 1);
        }
        next.add(change);
        return new ContactPoint(id, version + 1, owner, next);
    }

    public Entry latest() {
        return schedule.get(schedule.size() - 1);
    }

    /** The details in effect at {@code moment}; empty when the first details take effect later. */
    public Optional<ContactPointView> detailsAt(Instant moment) {
        return view().detailsAt(moment);
    }

    /** The next change after {@code moment}, if one is announced. */
    public Optional<Entry> upcomingAt(Instant moment) {
        return upcoming(view(), moment);
    }

    /** The view the network pulls for purpose {@code contact-points}. */
    public PublishedContactPointView view() {
        return new PublishedContactPointView(id.toString(), version, owner, schedule);
    }

    /** The first entry of a schedule that takes effect after {@code moment}. */
    static Optional<Entry> upcoming(PublishedContactPointView view, Instant moment) {
        return view.schedule().stream().filter(e -> e.effectiveFrom().isAfter(moment))
                .min(Comparator.comparing(Entry::effectiveFrom));
    }
}

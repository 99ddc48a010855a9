package nl.bronsein.schemas.view;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * A participant's function-level contact point (a desk, a team) as it publishes it, for purpose
 * {@code contact-points}: its details over time, so a change can be announced before it takes effect.
 *
 * @param schedule the details with the moment each takes effect, oldest first
 */
public record PublishedContactPointView(String objectId, int version, String owner, List<Entry> schedule)
        implements SharedView {

    public PublishedContactPointView {
        schedule = schedule == null ? List.of() : List.copyOf(schedule);
    }

    /** One set of details and the moment it takes effect. */
    public record Entry(String name, String phone, String email, Instant effectiveFrom) {

        public ContactPointView details() {
            return new ContactPointView(name, phone, email);
        }
    }

    /** The details in effect at {@code moment}: the latest entry that has taken effect by then. */
    public Optional<ContactPointView> detailsAt(Instant moment) {
        return schedule.stream().filter(e -> !e.effectiveFrom().isAfter(moment))
                .max(Comparator.comparing(Entry::effectiveFrom)).map(Entry::details);
    }
}

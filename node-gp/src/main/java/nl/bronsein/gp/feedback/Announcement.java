package nl.bronsein.gp.feedback;

import java.time.Instant;
import java.util.Optional;
import java.util.Set;

import nl.bronsein.schemas.view.ObjectReferenceView;

/**
 * What a thin event itself says of the timeline: the object was in a status at this version, committed at this time.
 * The status names the step (a decided case names all three outcomes, since the event does not say which), so the event
 * of the version in which a step happened is where the timeline cites it from — whenever its pull arrives.
 *
 * @param steps the milestones the event's status stands for; empty for a status that is none
 */
public record Announcement(ObjectReferenceView object, int version, Set<Milestone> steps, Instant at) {

    public Announcement {
        steps = Set.copyOf(steps);
    }

    /** The one milestone the event names, when it names exactly one: all a practice that may not pull can record. */
    public Optional<Milestone> onlyStep() {
        return steps.size() == 1 ? steps.stream().findFirst() : Optional.empty();
    }
}

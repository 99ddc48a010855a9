package nl.bronsein.gp.feedback;

import java.time.Instant;
import java.util.Set;

import nl.bronsein.schemas.view.ObjectReferenceView;

/**
 * What a thin event stands for in the timeline: the object's version it announced, committed at this time, and the
 * steps the status the owner serves at that very version names (a decided case names all three outcomes; a pull that
 * already shows a later version names none, as the event itself carries no status). So the event of the version in
 * which a step happened is where the timeline cites it from — whenever its pull arrives. It never
 * adds a step or changes one's time or detail: it only moves the citation of a step the owner's answer showed (see
 * {@code TimelineRepository.announced}), and only once that answer was checked not to contradict it.
 *
 * @param steps the milestones the served status at the event's version stands for; empty when unknown or none
 */
public record Announcement(ObjectReferenceView object, int version, Set<Milestone> steps, Instant at) {

    public Announcement {
        steps = Set.copyOf(steps);
    }
}

package nl.bronsein.gp.feedback;

import java.time.Instant;
import java.util.Set;

import nl.bronsein.runtime.copy.OwnerAnswers;
import nl.bronsein.runtime.copy.PulledCopy;
import nl.bronsein.schemas.view.ObjectReferenceView;

/**
 * What a thin event itself says of the timeline: the object was in a status at this version, committed at this time.
 * The status names the step (a decided case names all three outcomes, since the event does not say which), so the event
 * of the version in which a step happened is where the timeline cites it from — whenever its pull arrives. It never
 * adds a step or changes one's time or detail: it only moves the citation of a step the owner's answer showed (see
 * {@code TimelineRepository.announced}), and only once that answer was checked not to contradict it.
 *
 * @param steps the milestones the event's status stands for; empty for a status that is none
 */
public record Announcement(ObjectReferenceView object, int version, Set<Milestone> steps, Instant at) {

    public Announcement {
        steps = Set.copyOf(steps);
    }

    /**
     * The announcement of an event whose pull the owner answered with {@code copy}: at the version it names, the owner
     * must serve the status it names (a later version may show anything).
     *
     * @throws nl.bronsein.runtime.pull.PullRefusedException when the owner's answer contradicts the event
     */
    static Announcement checked(PulledCopy<?> copy, int version, String status, String servedStatus,
                                Set<Milestone> steps, Instant at) {
        if (version == copy.version() && !status.equals(servedStatus)) {
            throw OwnerAnswers.contradiction("at version " + version + " the owner serves status " + servedStatus
                    + ", not " + status);
        }
        return new Announcement(copy.reference(), version, steps, at);
    }
}

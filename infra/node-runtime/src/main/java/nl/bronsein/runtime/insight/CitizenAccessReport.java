package nl.bronsein.runtime.insight;

import java.time.Instant;
import java.util.List;

/**
 * For one citizen, on their request: who accessed which of their data, when, for what and with what outcome — at this
 * node and at every owner of an object about them that this node knows — in words for the citizen, no internal codes.
 *
 * @param accesses every access, oldest first
 * @param sources  each node asked and whether it answered: a report that misses one says so
 */
public record CitizenAccessReport(List<Access> accesses, List<Source> sources) {

    /**
     * @param who        the organisation that accessed the data (a staff member is named by their organisation)
     * @param what       which data, in the domain's words ("verwijzing", "melding", "toewijzing")
     * @param purpose    why, in words; null for a read by the owner's own staff
     * @param allowed    whether the access was granted
     * @param outcome    what happened, in words ("ingezien", or why it was refused)
     * @param recordedBy the organisation whose log recorded it (the owner of the data)
     */
    public record Access(Instant at, String who, String what, String purpose, boolean allowed, String outcome,
                         String recordedBy) {
    }

    /** @param answered whether its log could be read now; if not, the report lacks its accesses */
    public record Source(String organisation, boolean answered, String remark) {
    }
}

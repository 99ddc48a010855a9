package nl.bronsein.provider.assignment;

import java.util.Map;
import java.util.Set;

/**
 * Where an assignment stands: offered to us, then accepted or declined by us, then care started and ended. DECLINED and
 * CARE_ENDED are final; a declined assignment is followed up by the commissioning municipality, not reopened here.
 */
public enum AssignmentStatus {
    OFFERED,
    ACCEPTED,
    DECLINED,
    CARE_STARTED,
    CARE_ENDED;

    private static final Map<AssignmentStatus, Set<AssignmentStatus>> NEXT = Map.of(
            OFFERED, Set.of(ACCEPTED, DECLINED),
            ACCEPTED, Set.of(CARE_STARTED),
            DECLINED, Set.of(),
            CARE_STARTED, Set.of(CARE_ENDED),
            CARE_ENDED, Set.of());

    public boolean mayBecome(AssignmentStatus next) {
        return NEXT.get(this).contains(next);
    }
}

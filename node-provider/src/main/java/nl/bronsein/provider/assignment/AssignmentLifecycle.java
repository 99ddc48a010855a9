package nl.bronsein.provider.assignment;

import static nl.bronsein.schemas.view.AssignmentStatus.ACCEPTED;
import static nl.bronsein.schemas.view.AssignmentStatus.CARE_ENDED;
import static nl.bronsein.schemas.view.AssignmentStatus.CARE_STARTED;
import static nl.bronsein.schemas.view.AssignmentStatus.DECLINED;

import java.util.EnumSet;
import java.util.Set;

import nl.bronsein.schemas.view.AssignmentStatus;

/**
 * Which status of an assignment may follow which: offered to us, then accepted or declined by us, then care started and
 * ended. DECLINED and CARE_ENDED are final; a declined assignment is followed up by the commissioning municipality, not
 * reopened here. The statuses are the contract's ({@link AssignmentStatus}); the switch has no default, so a status
 * added there does not compile here until the provider says where it stands in the lifecycle.
 */
final class AssignmentLifecycle {

    private AssignmentLifecycle() {
    }

    static boolean mayBecome(AssignmentStatus from, AssignmentStatus to) {
        return next(from).contains(to);
    }

    private static Set<AssignmentStatus> next(AssignmentStatus from) {
        return switch (from) {
            case OFFERED -> EnumSet.of(ACCEPTED, DECLINED);
            case ACCEPTED -> EnumSet.of(CARE_STARTED);
            case CARE_STARTED -> EnumSet.of(CARE_ENDED);
            case DECLINED, CARE_ENDED -> EnumSet.noneOf(AssignmentStatus.class);
        };
    }
}

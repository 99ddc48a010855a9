package nl.bronsein.provider.request;

import static nl.bronsein.schemas.view.AssignmentRequestStatus.GRANTED;
import static nl.bronsein.schemas.view.AssignmentRequestStatus.REFUSED;
import static nl.bronsein.schemas.view.AssignmentRequestStatus.WITHDRAWN;

import java.util.EnumSet;
import java.util.Set;

import nl.bronsein.schemas.view.AssignmentRequestStatus;

/**
 * Which status of a request may follow which: requested, then granted or refused by the municipality, or withdrawn by
 * us before it answered. All three are final here; a municipality that reconsiders does so in its own case, which the provider then reads as it is. The
 * switch has no default, so a status added to the contract does not compile here until it is placed.
 */
final class AssignmentRequestLifecycle {

    private AssignmentRequestLifecycle() {
    }

    static boolean mayBecome(AssignmentRequestStatus from, AssignmentRequestStatus to) {
        return next(from).contains(to);
    }

    private static Set<AssignmentRequestStatus> next(AssignmentRequestStatus from) {
        return switch (from) {
            case REQUESTED -> EnumSet.of(GRANTED, REFUSED, WITHDRAWN);
            case GRANTED, REFUSED, WITHDRAWN -> EnumSet.noneOf(AssignmentRequestStatus.class);
        };
    }
}

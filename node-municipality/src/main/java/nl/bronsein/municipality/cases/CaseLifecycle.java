package nl.bronsein.municipality.cases;

import static nl.bronsein.schemas.view.CaseStatus.ASSIGNED;
import static nl.bronsein.schemas.view.CaseStatus.CLOSED_WITHOUT_DECISION;
import static nl.bronsein.schemas.view.CaseStatus.CONCLUDED;
import static nl.bronsein.schemas.view.CaseStatus.DECIDED;
import static nl.bronsein.schemas.view.CaseStatus.PICKED_UP;
import static nl.bronsein.schemas.view.CaseStatus.RETURNED;

import java.util.EnumSet;
import java.util.Set;

import nl.bronsein.schemas.view.CaseStatus;

/**
 * Which status of a case may follow which. RECEIVED → PICKED_UP → DECIDED → ASSIGNED → CONCLUDED; a decided case that
 * needs no provider (declined, or redirected to a general provision) concludes directly; an assigned case may be
 * assigned again (the provider declined). Before a decision a case can be RETURNED (the citizen lives elsewhere:
 * woonplaatsbeginsel) or CLOSED_WITHOUT_DECISION (e.g. the referral or the consent was withdrawn). The last three are
 * final. The statuses are the contract's ({@link CaseStatus}); the switch has no default, so a status added there does
 * not compile here until the municipality says where it stands in the lifecycle.
 */
final class CaseLifecycle {

    private CaseLifecycle() {
    }

    static boolean mayBecome(CaseStatus from, CaseStatus to) {
        return next(from).contains(to);
    }

    private static Set<CaseStatus> next(CaseStatus from) {
        return switch (from) {
            case RECEIVED -> EnumSet.of(PICKED_UP, RETURNED, CLOSED_WITHOUT_DECISION);
            case PICKED_UP -> EnumSet.of(DECIDED, RETURNED, CLOSED_WITHOUT_DECISION);
            case DECIDED, ASSIGNED -> EnumSet.of(ASSIGNED, CONCLUDED);
            case CONCLUDED, RETURNED, CLOSED_WITHOUT_DECISION -> EnumSet.noneOf(CaseStatus.class);
        };
    }
}

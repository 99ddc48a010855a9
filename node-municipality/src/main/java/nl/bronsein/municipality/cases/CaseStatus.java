package nl.bronsein.municipality.cases;

import java.util.Map;
import java.util.Set;

/**
 * Where a case stands. RECEIVED → PICKED_UP → DECIDED → ASSIGNED → CONCLUDED; a decided case that needs no provider
 * (declined, or redirected to a general provision) concludes directly; an assigned case may be assigned again (the
 * provider declined). Before a decision a case can be RETURNED (the citizen lives elsewhere: woonplaatsbeginsel) or
 * CLOSED_WITHOUT_DECISION (e.g. the referral or the consent was withdrawn). The last three are final.
 */
public enum CaseStatus {
    RECEIVED,
    PICKED_UP,
    DECIDED,
    ASSIGNED,
    CONCLUDED,
    RETURNED,
    CLOSED_WITHOUT_DECISION;

    private static final Map<CaseStatus, Set<CaseStatus>> NEXT = Map.of(
            RECEIVED, Set.of(PICKED_UP, RETURNED, CLOSED_WITHOUT_DECISION),
            PICKED_UP, Set.of(DECIDED, RETURNED, CLOSED_WITHOUT_DECISION),
            DECIDED, Set.of(ASSIGNED, CONCLUDED),
            ASSIGNED, Set.of(ASSIGNED, CONCLUDED),
            CONCLUDED, Set.of(),
            RETURNED, Set.of(),
            CLOSED_WITHOUT_DECISION, Set.of());

    public boolean mayBecome(CaseStatus next) {
        return NEXT.get(this).contains(next);
    }
}

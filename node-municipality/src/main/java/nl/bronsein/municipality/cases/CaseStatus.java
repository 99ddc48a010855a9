package nl.bronsein.municipality.cases;

import java.util.Map;
import java.util.Set;

/**
 * Where a case stands. Only the steps that exist are listed; the next ones (DECIDED, ASSIGNED, CONCLUDED, RETURNED,
 * CLOSED_WITHOUT_DECISION) are already in the notification contract and join here with their transitions.
 */
public enum CaseStatus {
    RECEIVED,
    PICKED_UP;

    private static final Map<CaseStatus, Set<CaseStatus>> NEXT = Map.of(
            RECEIVED, Set.of(PICKED_UP),
            PICKED_UP, Set.of());

    public boolean mayBecome(CaseStatus next) {
        return NEXT.get(this).contains(next);
    }
}

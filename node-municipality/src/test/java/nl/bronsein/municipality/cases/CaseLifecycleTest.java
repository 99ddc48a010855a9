package nl.bronsein.municipality.cases;

import static nl.bronsein.schemas.view.CaseStatus.ASSIGNED;
import static nl.bronsein.schemas.view.CaseStatus.CLOSED_WITHOUT_DECISION;
import static nl.bronsein.schemas.view.CaseStatus.CONCLUDED;
import static nl.bronsein.schemas.view.CaseStatus.DECIDED;
import static nl.bronsein.schemas.view.CaseStatus.PICKED_UP;
import static nl.bronsein.schemas.view.CaseStatus.RECEIVED;
import static nl.bronsein.schemas.view.CaseStatus.RETURNED;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.Set;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import nl.bronsein.schemas.view.CaseStatus;

/** Every pair of statuses: exactly the lifecycle's steps are allowed, nothing else (no skipping, no going back). */
class CaseLifecycleTest {

    private static final Set<String> ALLOWED = Set.of(
            RECEIVED + ">" + PICKED_UP,
            RECEIVED + ">" + RETURNED,
            RECEIVED + ">" + CLOSED_WITHOUT_DECISION,
            PICKED_UP + ">" + DECIDED,
            PICKED_UP + ">" + RETURNED,
            PICKED_UP + ">" + CLOSED_WITHOUT_DECISION,
            DECIDED + ">" + ASSIGNED,
            DECIDED + ">" + CONCLUDED,
            ASSIGNED + ">" + ASSIGNED,
            ASSIGNED + ">" + CONCLUDED);

    static Stream<Arguments> everyPair() {
        return Arrays.stream(CaseStatus.values())
                .flatMap(from -> Arrays.stream(CaseStatus.values()).map(to -> Arguments.of(from, to)));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("everyPair")
    void onlyTheLifecycleStepsAreAllowed(CaseStatus from, CaseStatus to) {
        assertThat(CaseLifecycle.mayBecome(from, to)).isEqualTo(ALLOWED.contains(from + ">" + to));
    }
}

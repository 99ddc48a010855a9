package nl.bronsein.provider.assignment;

import static nl.bronsein.schemas.view.AssignmentStatus.ACCEPTED;
import static nl.bronsein.schemas.view.AssignmentStatus.CARE_ENDED;
import static nl.bronsein.schemas.view.AssignmentStatus.CARE_STARTED;
import static nl.bronsein.schemas.view.AssignmentStatus.DECLINED;
import static nl.bronsein.schemas.view.AssignmentStatus.OFFERED;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.Set;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import nl.bronsein.schemas.view.AssignmentStatus;

/** Every pair of statuses: exactly the lifecycle's steps are allowed, nothing else (no skipping, no going back). */
class AssignmentLifecycleTest {

    private static final Set<String> ALLOWED = Set.of(
            OFFERED + ">" + ACCEPTED,
            OFFERED + ">" + DECLINED,
            ACCEPTED + ">" + CARE_STARTED,
            CARE_STARTED + ">" + CARE_ENDED);

    static Stream<Arguments> everyPair() {
        return Arrays.stream(AssignmentStatus.values())
                .flatMap(from -> Arrays.stream(AssignmentStatus.values()).map(to -> Arguments.of(from, to)));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("everyPair")
    void onlyTheLifecycleStepsAreAllowed(AssignmentStatus from, AssignmentStatus to) {
        assertThat(AssignmentLifecycle.mayBecome(from, to)).isEqualTo(ALLOWED.contains(from + ">" + to));
    }

    @ParameterizedTest
    @MethodSource("finals")
    void declinedAndEndedAreFinal(AssignmentStatus status) {
        assertThat(Arrays.stream(AssignmentStatus.values()).noneMatch(to -> AssignmentLifecycle.mayBecome(status, to))).isTrue();
    }

    static Stream<AssignmentStatus> finals() {
        return Stream.of(DECLINED, CARE_ENDED);
    }

}

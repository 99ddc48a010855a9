package nl.bronsein.provider.request;

import static nl.bronsein.schemas.view.AssignmentRequestStatus.GRANTED;
import static nl.bronsein.schemas.view.AssignmentRequestStatus.REFUSED;
import static nl.bronsein.schemas.view.AssignmentRequestStatus.REQUESTED;
import static nl.bronsein.schemas.view.AssignmentRequestStatus.WITHDRAWN;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.Set;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import nl.bronsein.schemas.view.AssignmentRequestStatus;

/** Every pair of statuses: exactly the request's steps are allowed — requested, then granted, refused or withdrawn, all final. */
class AssignmentRequestLifecycleTest {

    private static final Set<String> ALLOWED = Set.of(REQUESTED + ">" + GRANTED, REQUESTED + ">" + REFUSED,
            REQUESTED + ">" + WITHDRAWN);

    static Stream<Arguments> everyPair() {
        return Arrays.stream(AssignmentRequestStatus.values())
                .flatMap(from -> Arrays.stream(AssignmentRequestStatus.values()).map(to -> Arguments.of(from, to)));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("everyPair")
    void onlyTheLifecycleStepsAreAllowed(AssignmentRequestStatus from, AssignmentRequestStatus to) {
        assertThat(AssignmentRequestLifecycle.mayBecome(from, to)).isEqualTo(ALLOWED.contains(from + ">" + to));
    }
}

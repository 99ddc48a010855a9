package nl.bronsein.provider.assignment;

import static nl.bronsein.provider.Fixtures.GP;
import static nl.bronsein.provider.Fixtures.MUNICIPALITY;
import static nl.bronsein.provider.Fixtures.NOW;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.Mockito.mock;

import java.time.Clock;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.BiFunction;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.jdbc.core.simple.JdbcClient;

import nl.bronsein.provider.Fixtures;
import nl.bronsein.runtime.outbox.Outbox;
import nl.bronsein.runtime.domain.IllegalTransitionException;
import nl.bronsein.schemas.view.AssignmentStatus;
import nl.bronsein.schemas.view.ObjectReferenceView;

/**
 * Every planner's step on an assignment in every status: the allowed ones give the status in the table, every other one
 * is refused with an IllegalTransitionException and leaves the stored assignment as it was.
 */
class AssignmentStepsTest {

    private static final ObjectReferenceView CASE = new ObjectReferenceView(MUNICIPALITY, "case", "case-1");
    private static final ObjectReferenceView REFERRAL = new ObjectReferenceView(GP, "referral", "r-1");

    /** Each step the assignment API offers. */
    enum Step {
        ACCEPT((service, id) -> service.accept(id)),
        DECLINE((service, id) -> service.decline(id, "geen capaciteit")),
        START_CARE((service, id) -> service.startCare(id)),
        END_CARE((service, id) -> service.endCare(id, "doelen bereikt"));

        final BiFunction<AssignmentService, UUID, Assignment> apply;

        Step(BiFunction<AssignmentService, UUID, Assignment> apply) {
            this.apply = apply;
        }
    }

    /** How an assignment reaches each status from its offer. */
    private static final Map<AssignmentStatus, List<Step>> WAY_TO = Map.of(
            AssignmentStatus.OFFERED, List.of(),
            AssignmentStatus.ACCEPTED, List.of(Step.ACCEPT),
            AssignmentStatus.DECLINED, List.of(Step.DECLINE),
            AssignmentStatus.CARE_STARTED, List.of(Step.ACCEPT, Step.START_CARE),
            AssignmentStatus.CARE_ENDED, List.of(Step.ACCEPT, Step.START_CARE, Step.END_CARE));

    /** The allowed steps and the status each leads to; every pair not here is refused. */
    private static final Map<String, AssignmentStatus> ALLOWED = Map.of(
            "OFFERED ACCEPT", AssignmentStatus.ACCEPTED,
            "OFFERED DECLINE", AssignmentStatus.DECLINED,
            "ACCEPTED START_CARE", AssignmentStatus.CARE_STARTED,
            "CARE_STARTED END_CARE", AssignmentStatus.CARE_ENDED);

    private AssignmentRepository repository;
    private AssignmentService service;

    @BeforeEach
    void setUp() {
        JdbcClient jdbc = JdbcClient.create(Fixtures.database("assignment-steps-" + UUID.randomUUID()));
        repository = new AssignmentRepository(jdbc);
        service = new AssignmentService(repository, mock(Outbox.class), Fixtures.provider(),
                Clock.fixed(NOW, ZoneOffset.UTC));
    }

    static Stream<Arguments> everyStepInEveryStatus() {
        return Arrays.stream(AssignmentStatus.values())
                .flatMap(status -> Arrays.stream(Step.values()).map(step -> Arguments.of(status, step)));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("everyStepInEveryStatus")
    void allowedStepsLeadToTheirStatusAndTheRestAreRefused(AssignmentStatus status, Step step) {
        UUID id = service.offer(CASE, REFERRAL, "begeleiding-individueel").id();
        WAY_TO.get(status).forEach(way -> way.apply.apply(service, id));
        Assignment before = repository.find(id).orElseThrow();
        assertThat(before.status()).isEqualTo(status);

        AssignmentStatus expected = ALLOWED.get(status + " " + step);
        if (expected == null) {
            assertThatThrownBy(() -> step.apply.apply(service, id)).isInstanceOf(IllegalTransitionException.class);
            assertThat(repository.find(id)).contains(before);
            return;
        }
        Assignment after = step.apply.apply(service, id);
        assertThat(after.status()).isEqualTo(expected);
        assertThat(after.version()).isEqualTo(before.version() + 1);
        assertThat(repository.find(id)).contains(after);
    }
}

package nl.bronsein.municipality.question;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.Map;
import java.util.UUID;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import nl.bronsein.runtime.domain.IllegalTransitionException;
import nl.bronsein.schemas.view.ObjectReferenceView;
import nl.bronsein.schemas.view.QuestionStatus;

/**
 * Every step on a question in every state it can be in: the allowed ones give the status in the table, every other one
 * is refused with an IllegalTransitionException and changes nothing.
 */
class QuestionTransitionsTest {

    private static final Instant T = Instant.parse("2026-11-23T09:00:00Z");
    private static final LocalDate ANSWER_BY = LocalDate.parse("2026-11-30");
    private static final ObjectReferenceView ANSWER = new ObjectReferenceView("urn:nld:kvk:12345678", "answer", "a-1");

    enum State {
        OPEN(Question.asked(UUID.randomUUID(), "urn:nld:kvk:12345678", "r-1", "care-coordination", "Mantelzorg?",
                ANSWER_BY, T)),
        ANSWERED(OPEN.q.settle(QuestionStatus.ANSWERED, ANSWER, T)),
        REFUSED(OPEN.q.settle(QuestionStatus.REFUSED, ANSWER, T)),
        WITHDRAWN(OPEN.q.withdraw(T));

        final Question q;

        State(Question q) {
            this.q = q;
        }
    }

    enum Step {
        ANSWER(q -> q.settle(QuestionStatus.ANSWERED, QuestionTransitionsTest.ANSWER, T.plusSeconds(60))),
        REFUSE(q -> q.settle(QuestionStatus.REFUSED, QuestionTransitionsTest.ANSWER, T.plusSeconds(60))),
        WITHDRAW(q -> q.withdraw(T.plusSeconds(60)));

        final UnaryOperator<Question> apply;

        Step(UnaryOperator<Question> apply) {
            this.apply = apply;
        }
    }

    /** The allowed steps and the status each leads to; everything not listed is refused. */
    private static final Map<State, Map<Step, QuestionStatus>> ALLOWED = Map.of(
            State.OPEN, Map.of(Step.ANSWER, QuestionStatus.ANSWERED, Step.REFUSE, QuestionStatus.REFUSED,
                    Step.WITHDRAW, QuestionStatus.WITHDRAWN),
            State.ANSWERED, Map.of(),
            State.REFUSED, Map.of(),
            State.WITHDRAWN, Map.of());

    static Stream<Arguments> everyStepInEveryState() {
        return Arrays.stream(State.values()).flatMap(s -> Arrays.stream(Step.values()).map(st -> Arguments.of(s, st)));
    }

    @ParameterizedTest(name = "{1} on {0}")
    @MethodSource("everyStepInEveryState")
    void aStepIsAllowedExactlyWhereTheTableSays(State state, Step step) {
        QuestionStatus expected = ALLOWED.get(state).get(step);
        if (expected == null) {
            assertThatThrownBy(() -> step.apply.apply(state.q)).isInstanceOf(IllegalTransitionException.class);
            return;
        }
        Question next = step.apply.apply(state.q);
        assertThat(next.status()).isEqualTo(expected);
        assertThat(next.version()).isEqualTo(state.q.version() + 1);
        assertThat(next.withdrawnAt() != null).isEqualTo(expected == QuestionStatus.WITHDRAWN);
        assertThat(next.answer()).isEqualTo(expected == QuestionStatus.WITHDRAWN ? null : ANSWER);
        assertThat(next.question()).isEqualTo(state.q.question());
    }

    /** The table names every status the contract has: a new one must be placed in the lifecycle first. */
    @Test
    void theTableCoversEveryStatus() {
        assertThat(Arrays.stream(State.values()).map(s -> s.q.status()))
                .containsExactlyInAnyOrder(QuestionStatus.values());
    }

    /** Overdue is computed: open after its answer-by day in the Netherlands; a settled question never is. */
    @Test
    void anOpenQuestionIsOverdueAfterItsAnswerByDayAndASettledOneNever() {
        Instant dayAfter = Instant.parse("2026-12-01T00:00:00Z");
        assertThat(State.OPEN.q.overdueAt(Instant.parse("2026-11-30T20:00:00Z"))).isFalse();
        assertThat(State.OPEN.q.overdueAt(dayAfter)).isTrue();
        assertThat(State.ANSWERED.q.overdueAt(dayAfter)).isFalse();
        assertThat(State.REFUSED.q.overdueAt(dayAfter)).isFalse();
        assertThat(State.WITHDRAWN.q.overdueAt(dayAfter)).isFalse();
    }
}

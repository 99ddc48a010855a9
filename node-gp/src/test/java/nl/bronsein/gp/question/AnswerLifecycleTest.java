package nl.bronsein.gp.question;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import nl.bronsein.runtime.domain.IllegalTransitionException;
import nl.bronsein.schemas.view.AnswerStatus;
import nl.bronsein.schemas.view.QuestionStatus;

/**
 * Answering and refusing in every situation a question can be in at the practice: its status as last pulled (or one
 * this release does not know), what the practice did so far, whether the consent covers its purpose. Allowed: once,
 * while open; an answer only within consent.
 */
class AnswerLifecycleTest {

    static Stream<Arguments> everySituation() {
        List<Arguments> all = new ArrayList<>();
        List<QuestionStatus> statuses = new ArrayList<>(List.of(QuestionStatus.values()));
        statuses.add(null);
        List<Optional<AnswerStatus>> existing = List.of(Optional.empty(), Optional.of(AnswerStatus.ANSWERED),
                Optional.of(AnswerStatus.REFUSED));
        for (QuestionStatus status : statuses) {
            for (Optional<AnswerStatus> before : existing) {
                for (boolean withinConsent : List.of(true, false)) {
                    for (AnswerStatus step : AnswerStatus.values()) {
                        boolean allowed = status == QuestionStatus.OPEN && before.isEmpty()
                                && (step == AnswerStatus.REFUSED || withinConsent);
                        all.add(Arguments.of(status, before, withinConsent, step, allowed));
                    }
                }
            }
        }
        return all.stream();
    }

    @ParameterizedTest(name = "{3} a question {0}, before {1}, within consent {2}: allowed {4}")
    @MethodSource("everySituation")
    void answeringIsAllowedOnceWhileOpenAndOnlyWithinConsent(QuestionStatus question, Optional<AnswerStatus> before,
                                                             boolean withinConsent, AnswerStatus step, boolean allowed) {
        if (allowed) {
            assertThatCode(() -> AnswerLifecycle.check(question, before, withinConsent, step)).doesNotThrowAnyException();
        } else {
            assertThatThrownBy(() -> AnswerLifecycle.check(question, before, withinConsent, step))
                    .isInstanceOf(IllegalTransitionException.class);
        }
    }
}

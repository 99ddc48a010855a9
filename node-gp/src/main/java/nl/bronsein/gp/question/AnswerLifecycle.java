package nl.bronsein.gp.question;

import java.util.Optional;

import nl.bronsein.runtime.domain.IllegalTransitionException;
import nl.bronsein.schemas.view.AnswerStatus;
import nl.bronsein.schemas.view.QuestionStatus;

/**
 * When the practice may answer or refuse a question: once, while the municipality still asks it (OPEN as last pulled),
 * and an answer — facts — only while the citizen's consent covers the question's purpose. A refusal tells nothing of
 * the record, so it stays possible outside the consent: that is how the practice says no. Both answer and refusal are
 * final.
 */
final class AnswerLifecycle {

    private AnswerLifecycle() {
    }

    /**
     * @param question      the question's status as the practice last pulled it; null for one this release does not know
     * @param existing      the practice's answer so far, if any
     * @param withinConsent whether the referral's consent covers the question's purpose (and neither was withdrawn)
     * @param step          what the practice wants to do
     * @throws IllegalTransitionException when it may not; nothing is written then
     */
    static void check(QuestionStatus question, Optional<AnswerStatus> existing, boolean withinConsent, AnswerStatus step) {
        if (existing.isPresent()) {
            throw new IllegalTransitionException("the question was already "
                    + (existing.get() == AnswerStatus.ANSWERED ? "answered" : "refused"));
        }
        if (question != QuestionStatus.OPEN) {
            throw new IllegalTransitionException(question == null
                    ? "the question is in a status this release does not know"
                    : "the question is " + question + ", not open");
        }
        if (step == AnswerStatus.ANSWERED && !withinConsent) {
            throw new IllegalTransitionException("the citizen's consent does not cover the question's purpose; "
                    + "the question can only be refused");
        }
    }
}

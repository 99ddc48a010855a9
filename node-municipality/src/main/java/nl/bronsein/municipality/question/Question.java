package nl.bronsein.municipality.question;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

import nl.bronsein.runtime.domain.IllegalTransitionException;
import nl.bronsein.schemas.SharedObjectType;
import nl.bronsein.schemas.view.ObjectReferenceView;
import nl.bronsein.schemas.view.QuestionStatus;
import nl.bronsein.schemas.view.QuestionView;

/**
 * Gerichte vraag: the municipality's question to the GP practice about the referral one of its cases rests on, for a
 * stated purpose, wanted by a day. It is addressed to the referral's owner only. It is settled by the GP's answer as
 * the municipality pulled it ({@code answer}: owner and id at the GP), never by what a notification claims.
 */
public record Question(UUID id, int version, QuestionStatus status, UUID caseId, String referralOwner,
                       String referralId, String purpose, String question, LocalDate answerBy, Instant askedAt,
                       ObjectReferenceView answer, Instant settledAt, Instant withdrawnAt) {

    static Question asked(UUID caseId, String referralOwner, String referralId, String purpose, String question,
                          LocalDate answerBy, Instant at) {
        return new Question(UUID.randomUUID(), 1, QuestionStatus.OPEN, caseId, referralOwner, referralId, purpose,
                question, answerBy, at, null, null, null);
    }

    public ObjectReferenceView referral() {
        return new ObjectReferenceView(referralOwner, SharedObjectType.REFERRAL.code(), referralId);
    }

    /** Overdue: still open after its answer-by day ({@link QuestionView#overdue}). */
    public boolean overdueAt(Instant now) {
        return QuestionView.overdue(answerBy, status != QuestionStatus.OPEN, now);
    }

    /** The GP's answer or refusal, as pulled: {@code outcome} ANSWERED or REFUSED. */
    Question settle(QuestionStatus outcome, ObjectReferenceView by, Instant at) {
        if (outcome != QuestionStatus.ANSWERED && outcome != QuestionStatus.REFUSED) {
            throw new IllegalArgumentException("a question is settled as answered or refused, not " + outcome);
        }
        check(outcome, outcome == QuestionStatus.ANSWERED ? "answered" : "refused");
        return new Question(id, version + 1, outcome, caseId, referralOwner, referralId, purpose, question, answerBy,
                askedAt, by, at, withdrawnAt);
    }

    Question withdraw(Instant at) {
        check(QuestionStatus.WITHDRAWN, "withdrawn");
        return new Question(id, version + 1, QuestionStatus.WITHDRAWN, caseId, referralOwner, referralId, purpose,
                question, answerBy, askedAt, answer, settledAt, at);
    }

    private void check(QuestionStatus next, String step) {
        if (!QuestionLifecycle.mayBecome(status, next)) {
            throw new IllegalTransitionException("a question in status " + status + " cannot be " + step);
        }
    }
}

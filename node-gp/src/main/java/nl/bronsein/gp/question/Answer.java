package nl.bronsein.gp.question;

import java.time.Instant;
import java.util.UUID;

import nl.bronsein.schemas.SharedObjectType;
import nl.bronsein.schemas.view.AnswerStatus;
import nl.bronsein.schemas.view.ObjectReferenceView;

/**
 * The practice's answer to a municipality's targeted question: facts ({@code answer}) or a refusal with its reason. It
 * keeps the purpose the question stated, because that is what the citizen's consent must cover for the answer to be
 * shared — at every pull, not only when it was written.
 */
public record Answer(UUID id, int version, AnswerStatus status, String questionOwner, String questionId,
                     UUID referralId, String purpose, String answer, String refusalReason, Instant answeredAt) {

    static Answer answered(IncomingQuestion question, String purpose, String text, Instant at) {
        return new Answer(UUID.randomUUID(), 1, AnswerStatus.ANSWERED, question.owner(), question.id(),
                question.referralId(), purpose, text, null, at);
    }

    static Answer refused(IncomingQuestion question, String purpose, String reason, Instant at) {
        return new Answer(UUID.randomUUID(), 1, AnswerStatus.REFUSED, question.owner(), question.id(),
                question.referralId(), purpose, null, reason, at);
    }

    public ObjectReferenceView question() {
        return new ObjectReferenceView(questionOwner, SharedObjectType.QUESTION.code(), questionId);
    }
}

package nl.bronsein.schemas.view;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonFormat;

/**
 * A GP practice's answer to a municipality's targeted question, as the asking municipality pulls it: the answer, or the
 * refusal and its reason.
 *
 * @param status        null when the practice serves a status added after this release (see {@link AnswerStatus})
 * @param question      the municipality's question it answers
 * @param referral      the practice's referral the question is about
 * @param answer        the answer's text when ANSWERED, else null
 * @param refusalReason why the practice refused, when REFUSED, else null
 */
public record AnswerView(String objectId, int version, String owner,
                         @JsonFormat(with = JsonFormat.Feature.READ_UNKNOWN_ENUM_VALUES_AS_NULL) AnswerStatus status,
                         ObjectReferenceView question, ObjectReferenceView referral, String answer,
                         String refusalReason, Instant answeredAt) implements SharedView {
}

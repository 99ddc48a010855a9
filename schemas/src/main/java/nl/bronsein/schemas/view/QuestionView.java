package nl.bronsein.schemas.view;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;

import com.fasterxml.jackson.annotation.JsonFormat;

/**
 * A municipality's targeted question as the GP practice it is addressed to pulls it: which of the practice's referrals
 * it is about (and the municipality's case on it), the purpose the answer is for, the question and the date it is
 * wanted by. The practice checks the purpose against the consent recorded with its referral before it answers.
 *
 * @param status   null when the municipality serves a status added after this release (see {@link QuestionStatus})
 * @param referral the GP's referral the question is about
 * @param about    the municipality's case on that referral
 * @param purpose  the purpose the answer is asked for, e.g. {@code care-coordination}; the referral's consent must cover it
 * @param answerBy the day the municipality wants the answer by; overdue is computed from it, never sent
 */
public record QuestionView(String objectId, int version, String owner,
                           @JsonFormat(with = JsonFormat.Feature.READ_UNKNOWN_ENUM_VALUES_AS_NULL) QuestionStatus status,
                           ObjectReferenceView referral, ObjectReferenceView about, String purpose, String question,
                           LocalDate answerBy, Instant askedAt, Instant withdrawnAt) implements SharedView {

    /** The network is Dutch: an answer-by day ends at midnight in the Netherlands, wherever a node's clock runs. */
    private static final ZoneId NETHERLANDS = ZoneId.of("Europe/Amsterdam");

    /**
     * The one meaning of overdue both sides show: {@code now} is past the answer-by day and no answer is there yet.
     * Computed whenever asked, so no event has to happen at midnight.
     */
    public static boolean overdue(LocalDate answerBy, boolean answered, Instant now) {
        return !answered && today(now).isAfter(answerBy);
    }

    /** The day it is in the Netherlands at {@code now}. */
    public static LocalDate today(Instant now) {
        return LocalDate.ofInstant(now, NETHERLANDS);
    }
}

package nl.bronsein.gp.question;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.UUID;
import java.util.function.BiFunction;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import nl.bronsein.gp.referral.Referral;
import nl.bronsein.gp.referral.ReferralRepository;
import nl.bronsein.runtime.copy.PulledCopies;
import nl.bronsein.runtime.copy.PulledCopy;
import nl.bronsein.runtime.domain.ConcurrentChangeException;
import nl.bronsein.runtime.domain.NotFoundException;
import nl.bronsein.runtime.outbox.NewNotification;
import nl.bronsein.runtime.outbox.Outbox;
import nl.bronsein.schemas.SharedObjectType;
import nl.bronsein.schemas.view.AnswerStatus;
import nl.bronsein.schemas.view.QuestionStatus;
import nl.bronsein.schemas.view.QuestionView;
import nl.bronsein.schemas.view.ReferralStatus;

/**
 * The practice's side of a targeted question: the question as pulled, and the practice's answer or refusal, each one
 * transaction with its notification to the asking municipality. The practice answers only within the citizen's
 * consent as it recorded it with the referral; outside it, it can only refuse.
 */
@Service
public class AnswerService {

    private final Answers answers;
    private final ReferralRepository referrals;
    private final PulledCopies copies;
    private final Outbox outbox;
    private final Clock clock;

    public AnswerService(Answers answers, ReferralRepository referrals, PulledCopies copies, Outbox outbox, Clock clock) {
        this.answers = answers;
        this.referrals = referrals;
        this.copies = copies;
        this.outbox = outbox;
        this.clock = clock;
    }

    /** A question about one of our referrals, as its municipality served it: kept, and noted for the practice's list. */
    @Transactional
    public void questionPulled(PulledCopy<QuestionView> question, UUID referralId) {
        copies.keep(question);
        answers.noteQuestion(new IncomingQuestion(question.objectId(), question.owner(), referralId,
                question.content().answerBy(), now()));
    }

    @Transactional
    public Answer answer(String questionId, String text) {
        Instant now = now();
        return record(questionId, AnswerStatus.ANSWERED, (q, purpose) -> Answer.answered(q, purpose, text, now));
    }

    @Transactional
    public Answer refuse(String questionId, String reason) {
        Instant now = now();
        return record(questionId, AnswerStatus.REFUSED, (q, purpose) -> Answer.refused(q, purpose, reason, now));
    }

    /** The question as the practice last pulled it, with what it did with it. */
    public Optional<QuestionThread> thread(String questionId) {
        return answers.findQuestion(questionId).flatMap(q -> copyOf(q).map(copy -> {
            Optional<Answer> answer = answers.forQuestion(questionId);
            boolean withinConsent = referrals.find(q.referralId())
                    .map(r -> withinConsent(r, copy.content().purpose())).orElse(false);
            boolean overdue = copy.content().status() == QuestionStatus.OPEN
                    && QuestionView.overdue(q.answerBy(), answer.isPresent(), now());
            return new QuestionThread(copy, q.referralId(), withinConsent, overdue, answer.orElse(null));
        }));
    }

    /**
     * A question with what the practice did with it: whether the citizen's consent covers its purpose (else it can only
     * be refused), whether it is overdue now (unanswered after its answer-by day), and the answer or refusal.
     */
    public record QuestionThread(PulledCopy<QuestionView> question, UUID referralId, boolean withinConsent, boolean overdue,
                         Answer answer) {
    }

    /** Facts leave the practice only where the consent recorded with the referral covers the purpose asked for. */
    static boolean withinConsent(Referral referral, String purpose) {
        return referral.status() != ReferralStatus.WITHDRAWN && referral.consent().covers(purpose);
    }

    private Answer record(String questionId, AnswerStatus step, BiFunction<IncomingQuestion, String, Answer> make) {
        IncomingQuestion q = answers.findQuestion(questionId).orElseThrow(() -> new NotFoundException("no such question"));
        PulledCopy<QuestionView> copy = copyOf(q).orElseThrow(() -> new NotFoundException("no such question"));
        Referral referral = referrals.find(q.referralId()).orElseThrow(() -> new NotFoundException("no such question"));
        String purpose = copy.content().purpose();
        AnswerLifecycle.check(copy.content().status(), answers.forQuestion(questionId).map(Answer::status),
                withinConsent(referral, purpose), step);
        Answer answer = make.apply(q, purpose);
        try {
            answers.insert(answer);
        } catch (DuplicateKeyException answeredMeanwhile) {
            // another answer or refusal committed between the check and this insert (one per question, by its key):
            // the practice is told to reload, as for any object changed meanwhile, rather than meet a 500
            throw new ConcurrentChangeException("question");
        }
        outbox.record(new NewNotification(SharedObjectType.ANSWER, answer.id().toString(),
                step == AnswerStatus.ANSWERED ? "answered" : "refused", answer.version(), answer.answeredAt()));
        return answer;
    }

    private Optional<PulledCopy<QuestionView>> copyOf(IncomingQuestion q) {
        return copies.find(q.owner(), SharedObjectType.QUESTION, q.id(), QuestionView.class).filter(c -> !c.withdrawn());
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }
}

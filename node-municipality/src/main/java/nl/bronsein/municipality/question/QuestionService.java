package nl.bronsein.municipality.question;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import nl.bronsein.municipality.cases.Case;
import nl.bronsein.municipality.cases.CaseRepository;
import nl.bronsein.municipality.cases.CaseService;
import nl.bronsein.runtime.copy.PulledCopies;
import nl.bronsein.runtime.copy.PulledCopy;
import nl.bronsein.runtime.domain.ConcurrentChangeException;
import nl.bronsein.runtime.domain.FieldProblem;
import nl.bronsein.runtime.domain.IllegalTransitionException;
import nl.bronsein.runtime.domain.InvalidRequestException;
import nl.bronsein.runtime.domain.NotFoundException;
import nl.bronsein.runtime.outbox.NewNotification;
import nl.bronsein.runtime.outbox.Outbox;
import nl.bronsein.schemas.SharedObjectType;
import nl.bronsein.schemas.view.AnswerStatus;
import nl.bronsein.schemas.view.AnswerView;
import nl.bronsein.schemas.view.QuestionStatus;
import nl.bronsein.schemas.view.QuestionView;

/**
 * The municipality's targeted questions: asked about a case's referral, settled by the GP's answer as pulled, or
 * withdrawn. Every step is one transaction with its notification to the GP; a refused step writes nothing.
 */
@Service
public class QuestionService {

    /** The kinds of change a question's notifications name: it was asked, or its status moved on. */
    static final String ASKED = "asked";
    static final String STATUS_CHANGED = "status-changed";

    private final QuestionRepository questions;
    private final CaseRepository cases;
    private final CaseService caseService;
    private final PulledCopies copies;
    private final Outbox outbox;
    private final Clock clock;

    public QuestionService(QuestionRepository questions, CaseRepository cases, CaseService caseService,
                           PulledCopies copies, Outbox outbox, Clock clock) {
        this.questions = questions;
        this.cases = cases;
        this.caseService = caseService;
        this.copies = copies;
        this.outbox = outbox;
        this.clock = clock;
    }

    /**
     * Asks the GP practice whose referral the case rests on. Whether the citizen's consent covers the purpose is the
     * GP's to decide, where the consent lives: it answers only within it. A case whose referral or consent was
     * withdrawn is asked nothing more.
     */
    @Transactional
    public Question ask(UUID caseId, String purpose, String text, LocalDate answerBy) {
        Instant now = now();
        if (answerBy.isBefore(QuestionView.today(now))) {
            throw new InvalidRequestException(List.of(new FieldProblem("answerBy", "is in the past")));
        }
        Case c = cases.find(caseId).orElseThrow(() -> new InvalidRequestException(
                List.of(new FieldProblem("caseId", "is not a case of this municipality"))));
        if (caseService.basisWithdrawn(c)) {
            throw new IllegalTransitionException("the referral this case rests on, or its consent, was withdrawn; "
                    + "the GP is asked nothing more about it");
        }
        Question asked = Question.asked(c.id(), c.referralOwner(), c.referralId(), purpose, text, answerBy, now);
        questions.insert(asked, now);
        notifyChange(asked, ASKED, now);
        return asked;
    }

    @Transactional
    public Question withdraw(UUID questionId) {
        Instant now = now();
        Question current = questions.find(questionId).orElseThrow(() -> new NotFoundException("no such question"));
        return save(current, current.withdraw(now), now);
    }

    /**
     * The GP's answer or refusal as pulled: kept as the copy it is, and the question it answers settled. An answer to
     * a question that was withdrawn meanwhile is kept but settles nothing; a second pull of the same answer changes
     * nothing.
     */
    @Transactional
    public void answerPulled(UUID questionId, PulledCopy<AnswerView> answer) {
        copies.keep(answer);
        Question current = questions.find(questionId).orElseThrow(() -> new NotFoundException("no such question"));
        if (current.status() != QuestionStatus.OPEN) {
            return;
        }
        QuestionStatus outcome = answer.content().status() == AnswerStatus.ANSWERED ? QuestionStatus.ANSWERED
                : QuestionStatus.REFUSED;
        Instant now = now();
        save(current, current.settle(outcome, answer.reference(), now), now);
    }

    public Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }

    private Question save(Question current, Question next, Instant at) {
        if (!questions.update(next, current.version(), at)) {
            throw new ConcurrentChangeException("question");
        }
        notifyChange(next, STATUS_CHANGED, at);
        return next;
    }

    private void notifyChange(Question q, String change, Instant at) {
        outbox.record(new NewNotification(SharedObjectType.QUESTION, q.id().toString(), change, q.version(), at));
    }
}

package nl.bronsein.gp.question;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import nl.bronsein.gp.consent.ConsentForm;
import nl.bronsein.gp.consent.ConsentRepository;
import nl.bronsein.gp.referral.AssignedProviders;
import nl.bronsein.gp.referral.RequestingMunicipalities;
import nl.bronsein.gp.referral.Referral;
import nl.bronsein.gp.referral.ReferralDraft;
import nl.bronsein.gp.referral.ReferralRepository;
import nl.bronsein.gp.referral.ReferralService;
import nl.bronsein.gp.referral.ReferralSource;
import nl.bronsein.gp.referral.Urgency;
import nl.bronsein.runtime.NodeServiceSliceTest;
import nl.bronsein.runtime.OutboxRows;
import nl.bronsein.runtime.SliceNetwork;
import nl.bronsein.runtime.copy.PulledCopy;
import nl.bronsein.runtime.domain.ConcurrentChangeException;
import nl.bronsein.runtime.domain.IllegalTransitionException;
import nl.bronsein.runtime.domain.NotFoundException;
import nl.bronsein.runtime.outbox.OutboxEntry;
import nl.bronsein.runtime.pull.SharedObject;
import nl.bronsein.schemas.SharedObjectType;
import nl.bronsein.schemas.view.AnswerStatus;
import nl.bronsein.schemas.view.ObjectReferenceView;
import nl.bronsein.schemas.view.QuestionStatus;
import nl.bronsein.schemas.view.QuestionView;

/**
 * The practice's answers with their real transactions and outbox, on the GP's migrations and pull policy: an answer
 * only within the consent recorded with the referral, a refusal always, each once and with one notification to the
 * asking municipality; a refused step writes nothing. The consent is checked again at every pull of an answer.
 */
@NodeServiceSliceTest(classes = {AnswerService.class, Answers.class, AnswerSource.class, ReferralService.class,
        ReferralRepository.class, ConsentRepository.class, ReferralSource.class, AssignedProviders.class, RequestingMunicipalities.class},
        properties = {"spring.config.name=gp-node", "bronsein.node.participant-id=" + SliceNetwork.GP})
class AnswerServiceTest {

    private static final String MUNICIPALITY = SliceNetwork.MUNICIPALITY;
    private static final String PURPOSE = "targeted-question";

    private final AnswerService service;
    private final Answers answers;
    private final AnswerSource source;
    private final ReferralService referrals;
    private final OutboxRows outbox;
    private final JdbcClient jdbc;

    @Autowired
    AnswerServiceTest(AnswerService service, Answers answers, AnswerSource source, ReferralService referrals,
                      OutboxRows outbox, JdbcClient jdbc) {
        this.service = service;
        this.answers = answers;
        this.source = source;
        this.referrals = referrals;
        this.outbox = outbox;
        this.jdbc = jdbc;
    }

    @Test
    void aQuestionWithinConsentIsAnsweredOnceWithOneNotificationToTheAskingMunicipality() {
        Referral referral = refer("intake", "care-coordination");
        String questionId = pulled(referral, "care-coordination", QuestionStatus.OPEN, LocalDate.now().plusDays(3));
        assertThat(service.thread(questionId).orElseThrow().withinConsent()).isTrue();
        long mark = outbox.mark();

        Answer answer = service.answer(questionId, "De dochter zorgt dagelijks.");

        assertThat(answer.status()).isEqualTo(AnswerStatus.ANSWERED);
        assertThat(answers.forQuestion(questionId)).contains(answer);
        assertThat(outbox.since(mark)).singleElement().satisfies(row -> isAbout(row, answer, "answered"));
        AnswerService.QuestionThread thread = service.thread(questionId).orElseThrow();
        assertThat(thread.answer()).isEqualTo(answer);
        assertThat(thread.overdue()).isFalse();
        assertThatThrownBy(() -> service.refuse(questionId, "toch niet")).isInstanceOf(IllegalTransitionException.class);
        assertThat(outbox.since(mark)).hasSize(1);
    }

    @Test
    void aRebuildForgetsTheUnansweredQuestionsAndKeepsThoseThePracticeAnswered() {
        Referral referral = refer("intake", "care-coordination");
        String open = pulled(referral, "care-coordination", QuestionStatus.OPEN, LocalDate.now().plusDays(3));
        String answered = pulled(referral, "care-coordination", QuestionStatus.OPEN, LocalDate.now().plusDays(3));
        Answer answer = service.answer(answered, "De dochter zorgt dagelijks.");

        answers.forget();

        assertThat(answers.findQuestion(open)).isEmpty();
        assertThat(answers.findQuestion(answered)).isPresent();
        assertThat(answers.forQuestion(answered)).contains(answer);
    }

    @Test
    void aQuestionOutsideConsentCannotBeAnsweredOnlyRefused() {
        Referral referral = refer("intake");
        String questionId = pulled(referral, "care-coordination", QuestionStatus.OPEN, LocalDate.now().plusDays(3));
        assertThat(service.thread(questionId).orElseThrow().withinConsent()).isFalse();
        long mark = outbox.mark();

        assertThatThrownBy(() -> service.answer(questionId, "De dochter zorgt dagelijks."))
                .isInstanceOf(IllegalTransitionException.class).hasMessageContaining("consent");
        assertThat(answers.forQuestion(questionId)).isEmpty();
        assertThat(outbox.since(mark)).isEmpty();

        Answer refusal = service.refuse(questionId, "Geen toestemming voor dit doel.");

        assertThat(refusal.answer()).isNull();
        assertThat(outbox.since(mark)).singleElement().satisfies(row -> isAbout(row, refusal, "refused"));
        // a refusal tells nothing of the record, so it is served whatever the consent covers
        assertThat(source.find(refusal.id()).orElseThrow().consentCovers(PURPOSE)).isTrue();
    }

    @Test
    void anAnswerIsNoLongerServedOnceTheCitizenWithdrewTheConsent() {
        Referral referral = refer("intake", "care-coordination");
        String questionId = pulled(referral, "care-coordination", QuestionStatus.OPEN, LocalDate.now().plusDays(3));
        Answer answer = service.answer(questionId, "De dochter zorgt dagelijks.");
        assertThat(source.find(answer.id()).orElseThrow().consentCovers(PURPOSE)).isTrue();

        referrals.withdrawConsent(referral.id());

        SharedObject served = source.find(answer.id()).orElseThrow();
        assertThat(served.consentCovers(PURPOSE)).isFalse();
        assertThat(served.consentWithdrawn()).isTrue();
    }

    @Test
    void aQuestionThatIsNoLongerOpenIsNotAnsweredAndAnOpenOnePastItsDayIsOverdue() {
        Referral referral = refer("intake");
        String withdrawn = pulled(referral, "intake", QuestionStatus.WITHDRAWN, LocalDate.now().plusDays(3));
        String late = pulled(referral, "intake", QuestionStatus.OPEN, LocalDate.now().minusDays(2));
        long mark = outbox.mark();

        assertThatThrownBy(() -> service.answer(withdrawn, "Ja.")).isInstanceOf(IllegalTransitionException.class);
        assertThatThrownBy(() -> service.refuse(withdrawn, "Nee.")).isInstanceOf(IllegalTransitionException.class);
        assertThatThrownBy(() -> service.answer(UUID.randomUUID().toString(), "Ja."))
                .isInstanceOf(NotFoundException.class);

        assertThat(outbox.since(mark)).isEmpty();
        assertThat(jdbc.sql("select count(*) from answer where question_id in (:ids)")
                .param("ids", List.of(withdrawn, late)).query(Long.class).single()).isZero();
        assertThat(service.thread(withdrawn).orElseThrow().overdue()).isFalse();
        assertThat(service.thread(late).orElseThrow().overdue()).isTrue();
        service.answer(late, "Ja.");
        assertThat(service.thread(late).orElseThrow().overdue()).isFalse();
    }

    /**
     * An answer and a refusal sent at once (two staff members, or a client's retry) both pass the check before either
     * commits: one is recorded, the other refused as a conflict — never a 500 from the question's unique answer.
     */
    @Test
    void anAnswerAndARefusalAtOnceRecordOneAndRefuseTheOtherAsAConflict() throws Exception {
        Referral referral = refer("intake");
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            for (int round = 0; round < 20; round++) {
                String questionId = pulled(referral, "intake", QuestionStatus.OPEN, LocalDate.now().plusDays(3));
                long mark = outbox.mark();
                CountDownLatch start = new CountDownLatch(1);
                List<Future<Answer>> both = List.of(
                        pool.submit(() -> { start.await(); return service.answer(questionId, "Ja."); }),
                        pool.submit(() -> { start.await(); return service.refuse(questionId, "Nee."); }));
                start.countDown();
                List<Throwable> refused = new java.util.ArrayList<>();
                for (Future<Answer> step : both) {
                    try {
                        step.get();
                    } catch (ExecutionException e) {
                        refused.add(e.getCause());
                    }
                }
                assertThat(refused).singleElement().satisfies(e -> assertThat(e)
                        .isInstanceOfAny(IllegalTransitionException.class, ConcurrentChangeException.class));
                assertThat(answers.forQuestion(questionId)).isPresent();
                assertThat(outbox.since(mark)).hasSize(1);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private void isAbout(OutboxEntry row, Answer answer, String kind) {
        outbox.assertNotifies(row, MUNICIPALITY, SharedObjectType.ANSWER, kind, answer.id(), answer.version());
    }

    /** The municipality's question as the practice pulled it, about {@code referral}. */
    private String pulled(Referral referral, String purpose, QuestionStatus status, LocalDate answerBy) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        String id = UUID.randomUUID().toString();
        QuestionView view = new QuestionView(id, 1, MUNICIPALITY, status,
                new ObjectReferenceView(SliceNetwork.GP, "referral", referral.id().toString()),
                new ObjectReferenceView(MUNICIPALITY, "case", UUID.randomUUID().toString()), purpose,
                "Is er mantelzorg?", answerBy, now, status == QuestionStatus.WITHDRAWN ? now : null);
        service.questionPulled(new PulledCopy<>(MUNICIPALITY, SharedObjectType.QUESTION, id, 1, PURPOSE, now, view,
                null, null), referral.id());
        return id;
    }

    private Referral refer(String... purposes) {
        return referrals.record(new ReferralDraft(new ReferralDraft.Citizen("999993653", "J. Jansen",
                LocalDate.of(1944, 3, 12), new ReferralDraft.Address("Dorpsstraat", "1", "8011 AB", "Zwolle"), null),
                null, new ReferralDraft.Consent(Instant.parse("2026-03-02T09:00:00Z"), ConsentForm.ORAL, null,
                List.of(purposes)), "begeleiding", "eenzaam", Urgency.REGULAR,
                new ReferralDraft.ContactPoint("Praktijkbalie", "038-1234567", null), MUNICIPALITY));
    }
}

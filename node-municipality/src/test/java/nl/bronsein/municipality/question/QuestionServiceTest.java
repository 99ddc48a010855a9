package nl.bronsein.municipality.question;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import nl.bronsein.municipality.cases.CaseRepository;
import nl.bronsein.municipality.cases.CaseService;
import nl.bronsein.municipality.cases.CaseSource;
import nl.bronsein.municipality.involvement.InvolvementRepository;
import nl.bronsein.municipality.involvement.InvolvementSource;
import nl.bronsein.runtime.NodeServiceSliceTest;
import nl.bronsein.runtime.OutboxRows;
import nl.bronsein.runtime.SliceNetwork;
import nl.bronsein.runtime.copy.PulledCopies;
import nl.bronsein.runtime.copy.PulledCopy;
import nl.bronsein.runtime.domain.FieldProblem;
import nl.bronsein.runtime.domain.IllegalTransitionException;
import nl.bronsein.runtime.domain.InvalidRequestException;
import nl.bronsein.runtime.outbox.OutboxEntry;
import nl.bronsein.runtime.pull.Withdrawal;
import nl.bronsein.schemas.SharedObjectType;
import nl.bronsein.schemas.view.AnswerStatus;
import nl.bronsein.schemas.view.AnswerView;
import nl.bronsein.schemas.view.ConsentStatus;
import nl.bronsein.schemas.view.ObjectReferenceView;
import nl.bronsein.schemas.view.QuestionStatus;
import nl.bronsein.schemas.view.ReferralIntakeView;
import nl.bronsein.schemas.view.ReferralStatus;

/**
 * The municipality's questions with their real transactions and outbox, on the municipality's migrations and pull
 * policy: each step commits with one notification to the GP practice whose referral it is about, and nobody else; a
 * refused step leaves no trace.
 */
@NodeServiceSliceTest(classes = {QuestionService.class, QuestionRepository.class, QuestionSource.class,
        CaseService.class, CaseRepository.class, CaseSource.class, InvolvementRepository.class, InvolvementSource.class},
        properties = {
        "spring.config.name=municipality-node", "bronsein.node.participant-id=" + SliceNetwork.MUNICIPALITY})
class QuestionServiceTest {

    private static final String GP = SliceNetwork.GP;
    private static final LocalDate NEXT_WEEK = LocalDate.now().plusDays(7);

    private final QuestionService service;
    private final QuestionRepository questions;
    private final CaseService cases;
    private final PulledCopies copies;
    private final OutboxRows outbox;
    private final JdbcClient jdbc;

    @Autowired
    QuestionServiceTest(QuestionService service, QuestionRepository questions, CaseService cases, PulledCopies copies,
                        OutboxRows outbox, JdbcClient jdbc) {
        this.service = service;
        this.questions = questions;
        this.cases = cases;
        this.copies = copies;
        this.outbox = outbox;
        this.jdbc = jdbc;
    }

    @Test
    void aQuestionIsAskedOfTheReferralsGpWithOneNotification() {
        UUID caseId = openCase();
        long mark = outbox.mark();

        Question asked = service.ask(caseId, "care-coordination", "Is er mantelzorg?", NEXT_WEEK);

        assertThat(asked.status()).isEqualTo(QuestionStatus.OPEN);
        assertThat(asked.referralOwner()).isEqualTo(GP);
        assertThat(questions.find(asked.id())).contains(asked);
        assertThat(outbox.since(mark)).singleElement().satisfies(row -> isAbout(row, asked, "asked"));
    }

    @Test
    void badInputIsRefusedNamingTheFieldAndNothingIsWritten() {
        UUID caseId = openCase();
        long count = count();
        long mark = outbox.mark();

        assertThatThrownBy(() -> service.ask(UUID.randomUUID(), "intake", "Vraag?", NEXT_WEEK))
                .isInstanceOfSatisfying(InvalidRequestException.class, e -> assertThat(e.problems())
                        .extracting(FieldProblem::field).containsExactly("caseId"));
        assertThatThrownBy(() -> service.ask(caseId, "intake", "Vraag?", LocalDate.now().minusDays(2)))
                .isInstanceOfSatisfying(InvalidRequestException.class, e -> assertThat(e.problems())
                        .extracting(FieldProblem::field).containsExactly("answerBy"));

        assertThat(count()).isEqualTo(count);
        assertThat(outbox.since(mark)).isEmpty();
    }

    @Test
    void aCaseWhoseReferralWasWithdrawnIsAskedNothingMore() {
        UUID caseId = openCase();
        String referralId = jdbc.sql("select referral_id from intake_case where id = :id").param("id", caseId)
                .query(String.class).single();
        cases.basisWithdrawn(GP, referralId, Withdrawal.OBJECT_WITHDRAWN);
        long count = count();
        long mark = outbox.mark();

        assertThatThrownBy(() -> service.ask(caseId, "intake", "Vraag?", NEXT_WEEK))
                .isInstanceOf(IllegalTransitionException.class);

        assertThat(count()).isEqualTo(count);
        assertThat(outbox.since(mark)).isEmpty();
    }

    @Test
    void thePulledAnswerSettlesTheQuestionOnceWithOneNotification() {
        Question asked = service.ask(openCase(), "intake", "Woont zij alleen?", NEXT_WEEK);
        PulledCopy<AnswerView> answer = answer(asked, AnswerStatus.REFUSED);
        long mark = outbox.mark();

        service.answerPulled(asked.id(), answer);
        List<OutboxEntry> rows = outbox.since(mark);
        service.answerPulled(asked.id(), answer);

        Question settled = questions.find(asked.id()).orElseThrow();
        assertThat(settled.status()).isEqualTo(QuestionStatus.REFUSED);
        assertThat(settled.answer()).isEqualTo(answer.reference());
        assertThat(settled.version()).isEqualTo(2);
        assertThat(rows).singleElement().satisfies(row -> isAbout(row, settled, "status-changed"));
        assertThat(outbox.since(mark)).hasSize(1);
        assertThat(copies.find(GP, SharedObjectType.ANSWER, answer.objectId(), AnswerView.class)).isPresent();
    }

    @Test
    void aWithdrawnQuestionKeepsALateAnswerButStaysWithdrawnAndASettledOneCannotBeWithdrawn() {
        Question withdrawn = service.withdraw(service.ask(openCase(), "intake", "Vraag?", NEXT_WEEK).id());
        Question answered = service.ask(openCase(), "intake", "Vraag?", NEXT_WEEK);
        service.answerPulled(answered.id(), answer(answered, AnswerStatus.ANSWERED));
        long mark = outbox.mark();

        service.answerPulled(withdrawn.id(), answer(withdrawn, AnswerStatus.ANSWERED));
        assertThatThrownBy(() -> service.withdraw(answered.id())).isInstanceOf(IllegalTransitionException.class);
        assertThatThrownBy(() -> service.withdraw(withdrawn.id())).isInstanceOf(IllegalTransitionException.class);

        assertThat(questions.find(withdrawn.id()).orElseThrow()).isEqualTo(withdrawn);
        assertThat(questions.find(answered.id()).orElseThrow().status()).isEqualTo(QuestionStatus.ANSWERED);
        assertThat(outbox.since(mark)).isEmpty();
    }

    private long count() {
        return jdbc.sql("select count(*) from question").query(Long.class).single();
    }

    private void isAbout(OutboxEntry row, Question q, String kind) {
        outbox.assertNotifies(row, GP, SharedObjectType.QUESTION, kind, q.id(), q.version());
    }

    private UUID openCase() {
        return cases.receive(referral(UUID.randomUUID().toString())).id();
    }

    private static PulledCopy<AnswerView> answer(Question q, AnswerStatus status) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        String id = UUID.randomUUID().toString();
        AnswerView view = new AnswerView(id, 1, GP, status,
                new ObjectReferenceView(SliceNetwork.MUNICIPALITY, "question", q.id().toString()), q.referral(),
                status == AnswerStatus.ANSWERED ? "Ja." : null, status == AnswerStatus.REFUSED ? "Nee." : null, now);
        return new PulledCopy<>(GP, SharedObjectType.ANSWER, id, 1, "targeted-question", now, view, null, null);
    }

    private static PulledCopy<ReferralIntakeView> referral(String id) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        ReferralIntakeView view = new ReferralIntakeView(id, 1, GP, ReferralStatus.RECORDED, now,
                new ReferralIntakeView.Citizen("999990019", "J. Jansen", null, null, null), null,
                new ReferralIntakeView.Consent("c-" + id, now, "ORAL", null, List.of("intake", "referral-feedback"),
                        ConsentStatus.GIVEN),
                "begeleiding", "eenzaam", "ROUTINE", null, SliceNetwork.MUNICIPALITY);
        return new PulledCopy<>(GP, SharedObjectType.REFERRAL, id, 1, "intake", now, view, null, null);
    }
}

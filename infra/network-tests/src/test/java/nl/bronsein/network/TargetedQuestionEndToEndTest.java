package nl.bronsein.network;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Predicate;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

import nl.bronsein.runtime.audit.AuditOutcome;
import nl.bronsein.runtime.audit.AuditRecord;
import nl.bronsein.runtime.audit.AuditTrail;
import nl.bronsein.staffclient.IncomingQuestionsApi;
import nl.bronsein.staffclient.QuestionsApi;
import nl.bronsein.staffclient.StaffApiException;
import tools.jackson.databind.JsonNode;

/**
 * The targeted question (issue 18, item 3) over the real broker with mutual TLS: the municipality asks the GP about the
 * referral one of its cases rests on; the GP pulls the question and answers within the citizen's consent, or refuses;
 * the municipality pulls the answer, which settles the question; both show the thread. A question whose purpose the
 * consent does not cover cannot be answered, only refused, and an answer is not served once the consent is withdrawn.
 * Overdue is computed on both sides from the answer-by day, no event needed.
 */
class TargetedQuestionEndToEndTest {

    private static final String COORDINATION = "care-coordination";

    private TestNetwork network;
    private Chain chain;

    @BeforeAll
    void startNetwork() throws Exception {
        network = new TestNetwork().startNodes();
        chain = new Chain(network);
    }

    @AfterAll
    void stopNetwork() {
        network.close();
    }

    @Test
    void theGpAnswersAQuestionWithinConsentAndBothSidesShowTheThread() {
        String referralId = chain.refer(Participants.MUNICIPALITY.urn,
                List.of("intake", "referral-feedback", COORDINATION));
        String caseId = chain.awaitCase(referralId);

        QuestionsApi.Question asked = municipality().ask(new QuestionsApi.Ask(caseId, COORDINATION,
                "Is er mantelzorg beschikbaar in het gezin?", today().plusDays(7)));
        assertThat(asked.status()).isEqualTo("OPEN");
        assertThat(asked.referralOwner()).isEqualTo(Participants.GP.urn);

        JsonNode incoming = awaitAtGp(asked.id(), t -> true);
        assertThat(incoming.path("question").path("content").path("question").asString())
                .isEqualTo("Is er mantelzorg beschikbaar in het gezin?");
        assertThat(incoming.path("question").path("content").path("purpose").asString()).isEqualTo(COORDINATION);
        assertThat(incoming.path("referralId").asString()).isEqualTo(referralId);
        assertThat(incoming.path("withinConsent").asBoolean(false)).isTrue();
        assertThat(incoming.path("overdue").asBoolean(true)).isFalse();
        assertThat(incoming.path("answer").isNull() || incoming.path("answer").isMissingNode()).isTrue();

        IncomingQuestionsApi.Answer answer = gp().answer(asked.id(),
                new IncomingQuestionsApi.AnswerRequest("De dochter zorgt dagelijks; de partner is opgenomen."));
        assertThat(answer.status()).isEqualTo("ANSWERED");

        JsonNode thread = awaitAtMunicipality(asked.id(), t -> "ANSWERED".equals(status(t)));
        assertThat(thread.path("answer").path("content").path("answer").asString())
                .isEqualTo("De dochter zorgt dagelijks; de partner is opgenomen.");
        assertThat(thread.path("answer").path("owner").asString()).isEqualTo(Participants.GP.urn);
        assertThat(thread.path("answer").path("purpose").asString()).isEqualTo("targeted-question");
        assertThat(thread.path("question").path("answer").path("objectId").asString()).isEqualTo(answer.id());
        assertThat(thread.path("overdue").asBoolean(true)).isFalse();
        // the municipality's settling is a change of its question: the GP pulls it again and shows it answered
        JsonNode atGp = awaitAtGp(asked.id(), t -> "ANSWERED".equals(t.path("question").path("content")
                .path("status").asString()));
        assertThat(atGp.path("answer").path("id").asString()).isEqualTo(answer.id());

        // each pull audited at its owner, for the exchange's purpose
        assertThat(audit(network.gp.getBean(AuditTrail.class), "answer", answer.id()))
                .allSatisfy(a -> {
                    assertThat(a.caller()).isEqualTo(Participants.MUNICIPALITY.urn);
                    assertThat(a.purpose()).isEqualTo("targeted-question");
                    assertThat(a.outcome()).isEqualTo(AuditOutcome.ALLOWED);
                }).isNotEmpty();
        assertThat(audit(network.municipality.getBean(AuditTrail.class), "question", asked.id()))
                .allSatisfy(a -> {
                    assertThat(a.caller()).isEqualTo(Participants.GP.urn);
                    assertThat(a.outcome()).isEqualTo(AuditOutcome.ALLOWED);
                }).hasSizeGreaterThanOrEqualTo(2);
        assertThat(network.municipality.getBean(AuditTrail.class).requestsFor("question", asked.id()))
                .anySatisfy(a -> assertThat(a.caller()).isEqualTo("staff:staff-municipality"));

        // answered once: a second answer, or withdrawing a settled question, is refused and changes nothing
        assertConflict(() -> gp().refuse(asked.id(), new IncomingQuestionsApi.Refusal("toch niet")));
        assertConflict(() -> municipality().withdraw(asked.id()));
        assertThat(status(municipality().get(asked.id()))).isEqualTo("ANSWERED");
    }

    @Test
    void theGpRefusesWithAReasonAndTheMunicipalitySeesTheRefusal() {
        String referralId = chain.refer(Participants.MUNICIPALITY.urn, List.of("intake", "referral-feedback"));
        String caseId = chain.awaitCase(referralId);
        QuestionsApi.Question asked = municipality().ask(new QuestionsApi.Ask(caseId, "intake",
                "Is er sprake van een psychiatrische diagnose?", today().plusDays(3)));
        awaitAtGp(asked.id(), t -> true);

        IncomingQuestionsApi.Answer refusal = gp().refuse(asked.id(),
                new IncomingQuestionsApi.Refusal("Valt onder het medisch beroepsgeheim."));

        JsonNode thread = awaitAtMunicipality(asked.id(), t -> "REFUSED".equals(status(t)));
        assertThat(thread.path("answer").path("content").path("status").asString()).isEqualTo("REFUSED");
        assertThat(thread.path("answer").path("content").path("refusalReason").asString())
                .isEqualTo("Valt onder het medisch beroepsgeheim.");
        assertThat(thread.path("answer").path("content").path("answer").isNull()
                || thread.path("answer").path("content").path("answer").isMissingNode()).isTrue();
        assertThat(refusal.answer()).isNull();
    }

    @Test
    void aQuestionOutsideTheCitizensConsentCannotBeAnsweredAndAnAnswerIsNotServedOnceConsentIsWithdrawn() {
        String referralId = chain.refer(Participants.MUNICIPALITY.urn, List.of("intake", "referral-feedback"));
        String caseId = chain.awaitCase(referralId);
        QuestionsApi.Question outside = municipality().ask(new QuestionsApi.Ask(caseId, COORDINATION,
                "Welke medicatie gebruikt zij?", today().plusDays(3)));

        JsonNode incoming = awaitAtGp(outside.id(), t -> true);
        assertThat(incoming.path("withinConsent").asBoolean(true)).isFalse();
        HttpResponse<String> refused = network.staffPost(Participants.GP, "/api/v1/questions/" + outside.id()
                + "/answer", "{\"answer\":\"Metformine en oxazepam.\"}");
        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(409);
        assertThat(refused.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(refused.body()).contains("consent").doesNotContain("Metformine");
        JdbcClient gpDb = network.gp.getBean(JdbcClient.class);
        assertThat(gpDb.sql("select count(*) from answer where question_id = :id").param("id", outside.id())
                .query(Long.class).single()).isZero();
        assertThat(gpDb.sql("select count(*) from outbox_entry where object_type = 'answer'").query(Long.class).single())
                .isEqualTo(gpDb.sql("select count(*) from answer").query(Long.class).single());
        assertThat(status(municipality().get(outside.id()))).isEqualTo("OPEN");

        // the practice says no instead, and that reaches the municipality
        gp().refuse(outside.id(), new IncomingQuestionsApi.Refusal("Geen toestemming voor dit doel."));
        assertThat(awaitAtMunicipality(outside.id(), t -> "REFUSED".equals(status(t))).path("answer").path("content")
                .path("refusalReason").asString()).isEqualTo("Geen toestemming voor dit doel.");

        // an answer given within consent is not served once the citizen withdrew it: the pull is refused and audited
        QuestionsApi.Question within = municipality().ask(new QuestionsApi.Ask(caseId, "intake",
                "Woont zij alleen?", today().plusDays(3)));
        awaitAtGp(within.id(), t -> true);
        IncomingQuestionsApi.Answer answer = gp().answer(within.id(), new IncomingQuestionsApi.AnswerRequest("Ja."));
        awaitAtMunicipality(within.id(), t -> "ANSWERED".equals(status(t)));
        network.staff(Participants.GP).referrals().withdrawConsent(referralId);

        HttpResponse<String> pull = network.pull(network.credentials.get(Participants.MUNICIPALITY), Participants.GP,
                "answer", answer.id(), "targeted-question");

        assertThat(pull.statusCode()).as(pull.body()).isEqualTo(403);
        assertThat(pull.body()).doesNotContain("Ja.");
        assertThat(audit(network.gp.getBean(AuditTrail.class), "answer", answer.id())).last()
                .satisfies(a -> {
                    assertThat(a.caller()).isEqualTo(Participants.MUNICIPALITY.urn);
                    assertThat(a.outcome()).isEqualTo(AuditOutcome.NO_CONSENT);
                });
    }

    @Test
    void aQuestionPastItsAnswerByDayIsOverdueOnBothSidesUntilAnswered() {
        String referralId = chain.refer(Participants.MUNICIPALITY.urn, List.of("intake", "referral-feedback"));
        String caseId = chain.awaitCase(referralId);
        QuestionsApi.Question asked = municipality().ask(new QuestionsApi.Ask(caseId, "intake",
                "Is de cliënt bekend met valincidenten?", today()));
        awaitAtGp(asked.id(), t -> true);
        assertThat(municipality().get(asked.id()).path("overdue").asBoolean(true)).isFalse();
        assertThat(gp().get(asked.id()).path("overdue").asBoolean(true)).isFalse();

        // The days pass: the nodes' clocks cannot be moved, so the day asked for is moved back where each side keeps
        // it. Nothing is notified or recorded: overdue is computed when read.
        LocalDate twoDaysAgo = today().minusDays(2);
        network.municipality.getBean(JdbcClient.class).sql("update question set answer_by = :day where id = :id")
                .param("day", twoDaysAgo).param("id", UUID.fromString(asked.id())).update();
        network.gp.getBean(JdbcClient.class).sql("update incoming_question set answer_by = :day where question_id = :id")
                .param("day", twoDaysAgo).param("id", asked.id()).update();

        assertThat(municipality().get(asked.id()).path("overdue").asBoolean(false)).isTrue();
        assertThat(gp().get(asked.id()).path("overdue").asBoolean(false)).isTrue();
        assertThat(municipality().list()).filteredOn(t -> asked.id().equals(t.path("question").path("id").asString()))
                .singleElement().satisfies(t -> assertThat(t.path("overdue").asBoolean(false)).isTrue());

        gp().answer(asked.id(), new IncomingQuestionsApi.AnswerRequest("Nee, niet bekend."));

        assertThat(gp().get(asked.id()).path("overdue").asBoolean(true)).isFalse();
        JsonNode settled = awaitAtMunicipality(asked.id(), t -> "ANSWERED".equals(status(t)));
        assertThat(settled.path("overdue").asBoolean(true)).isFalse();
    }

    @Test
    void badInputIsRefusedNamingTheFieldAndWritesNothing() {
        String referralId = chain.refer(Participants.MUNICIPALITY.urn, List.of("intake"));
        String caseId = chain.awaitCase(referralId);
        JdbcClient db = network.municipality.getBean(JdbcClient.class);
        long before = db.sql("select count(*) from question").query(Long.class).single();

        HttpResponse<String> noPurpose = network.staffPost(Participants.MUNICIPALITY, "/api/v1/questions",
                "{\"caseId\":\"" + caseId + "\",\"purpose\":\"Zorg Coördinatie\",\"question\":\"Vraag?\",\"answerBy\":\""
                        + today().plusDays(1) + "\"}");
        HttpResponse<String> past = network.staffPost(Participants.MUNICIPALITY, "/api/v1/questions",
                "{\"caseId\":\"" + caseId + "\",\"purpose\":\"intake\",\"question\":\"Vraag?\",\"answerBy\":\""
                        + today().minusDays(1) + "\"}");

        assertThat(noPurpose.statusCode()).isEqualTo(400);
        assertThat(fields(noPurpose)).containsExactly("purpose");
        assertThat(past.statusCode()).isEqualTo(400);
        assertThat(fields(past)).containsExactly("answerBy");
        assertThat(db.sql("select count(*) from question").query(Long.class).single()).isEqualTo(before);

        // and at the GP: an empty answer or a refusal without its reason
        QuestionsApi.Question asked = municipality().ask(new QuestionsApi.Ask(caseId, "intake", "Vraag?",
                today().plusDays(1)));
        awaitAtGp(asked.id(), t -> true);
        HttpResponse<String> emptyAnswer = network.staffPost(Participants.GP, "/api/v1/questions/" + asked.id()
                + "/answer", "{\"answer\":\" \"}");
        HttpResponse<String> noReason = network.staffPost(Participants.GP, "/api/v1/questions/" + asked.id()
                + "/refuse", "{}");

        assertThat(emptyAnswer.statusCode()).isEqualTo(400);
        assertThat(fields(emptyAnswer)).containsExactly("answer");
        assertThat(noReason.statusCode()).isEqualTo(400);
        assertThat(fields(noReason)).containsExactly("reason");
        assertThat(network.gp.getBean(JdbcClient.class).sql("select count(*) from answer where question_id = :id")
                .param("id", asked.id()).query(Long.class).single()).isZero();
        assertThat(gp().get(asked.id()).path("answer").isNull()).isTrue();
    }

    private static List<String> fields(HttpResponse<String> response) {
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        List<String> fields = new ArrayList<>();
        TestNetwork.JSON.readTree(response.body()).path("errors").forEach(e -> fields.add(e.path("field").asString()));
        return fields;
    }

    private static void assertConflict(Runnable step) {
        assertThatThrownBy(step::run).isInstanceOfSatisfying(StaffApiException.class,
                e -> assertThat(e.status()).isEqualTo(409));
    }

    /** The pulls of an object audited at its owner; the staff's reads of it are in the same trail, and left out. */
    private static List<AuditRecord> audit(AuditTrail trail, String type, String id) {
        return trail.requestsFor(type, id).stream().filter(a -> !a.caller().startsWith("staff:")).toList();
    }

    private JsonNode awaitAtGp(String questionId, Predicate<JsonNode> done) {
        return chain.awaitValue(() -> gp().list().stream()
                .filter(t -> questionId.equals(t.path("question").path("objectId").asString())).findFirst()
                .orElse(null), t -> t != null && done.test(t));
    }

    private JsonNode awaitAtMunicipality(String questionId, Predicate<JsonNode> done) {
        return chain.awaitValue(() -> municipality().get(questionId), done);
    }

    private static String status(JsonNode thread) {
        return thread.path("question").path("status").asString();
    }

    private static LocalDate today() {
        return LocalDate.now(ZoneId.of("Europe/Amsterdam"));
    }

    private QuestionsApi municipality() {
        return network.staff(Participants.MUNICIPALITY).questions();
    }

    private IncomingQuestionsApi gp() {
        return network.staff(Participants.GP).incomingQuestions();
    }
}

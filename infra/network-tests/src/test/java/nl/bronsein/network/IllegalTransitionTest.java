package nl.bronsein.network;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

import nl.bronsein.runtime.outbox.OutboxRepository;
import nl.bronsein.staffclient.CasesApi;
import nl.bronsein.staffclient.IncomingQuestionsApi;
import nl.bronsein.staffclient.InvolvementsApi;
import nl.bronsein.staffclient.QuestionsApi;
import tools.jackson.databind.JsonNode;

/**
 * The state machines of the case (municipality), the assignment (provider) and the referral (GP), and those of issue
 * 18 — the wijkteam's involvement, the targeted question with the practice's answer, and the service catalogue that only
 * a municipality publishes — table-driven over the real nodes: every step a state does not allow is refused with 409
 * problem+json and leaves no changed row and no event. The allowed steps are exercised by the end-to-end tests.
 */
class IllegalTransitionTest {

    /** Cases driven to every status, the decided one both granted (must be assigned) and declined (may conclude). */
    enum CaseState { RECEIVED, PICKED_UP, DECIDED_GRANTED, DECIDED_DECLINED, ASSIGNED, CONCLUDED, RETURNED, CLOSED_WITHOUT_DECISION }

    enum CaseStep {
        PICK_UP("pick-up"), DECIDE("decide"), ASSIGN("assign"), CONCLUDE("conclude"), RETURN("return"), CLOSE("close");

        final String path;

        CaseStep(String path) {
            this.path = path;
        }
    }

    enum AssignmentState { OFFERED, ACCEPTED, DECLINED, CARE_STARTED, CARE_ENDED }

    enum AssignmentStep {
        ACCEPT("accept"), DECLINE("decline"), START_CARE("start-care"), END_CARE("end-care");

        final String path;

        AssignmentStep(String path) {
            this.path = path;
        }
    }

    /** The involvement's two parts, status and consent, in each combination. */
    enum InvolvementState { ACTIVE_CONSENTED, ACTIVE_CONSENT_WITHDRAWN, ENDED_CONSENTED, ENDED_CONSENT_WITHDRAWN }

    enum InvolvementStep {
        CORRECT("PUT", ""), END("POST", "/end"), WITHDRAW_CONSENT("POST", "/consent/withdraw");

        final String method;
        final String path;

        InvolvementStep(String method, String path) {
            this.method = method;
            this.path = path;
        }
    }

    /**
     * A targeted question as both sides hold it: still open but outside the citizen's consent, settled by the practice's
     * answer or refusal, or withdrawn by the municipality (and so pulled by the practice).
     */
    enum QuestionState { OPEN_OUTSIDE_CONSENT, ANSWERED, REFUSED, WITHDRAWN }

    /** The municipality's step on its question, and the practice's two on its answer. */
    enum QuestionStep {
        WITHDRAW(Participants.MUNICIPALITY), ANSWER(Participants.GP), REFUSE(Participants.GP);

        final Participants node;

        QuestionStep(Participants node) {
            this.node = node;
        }
    }

    enum CatalogueStep { PUBLISH, CORRECT, RETIRE }

    private static final Map<CaseState, Set<CaseStep>> CASE_ALLOWS = Map.of(
            CaseState.RECEIVED, EnumSet.of(CaseStep.PICK_UP, CaseStep.RETURN, CaseStep.CLOSE),
            CaseState.PICKED_UP, EnumSet.of(CaseStep.DECIDE, CaseStep.RETURN, CaseStep.CLOSE),
            CaseState.DECIDED_GRANTED, EnumSet.of(CaseStep.ASSIGN),
            CaseState.DECIDED_DECLINED, EnumSet.of(CaseStep.CONCLUDE),
            // assigning again is allowed, but only to another provider: the one provider here is refused
            CaseState.ASSIGNED, EnumSet.of(CaseStep.CONCLUDE),
            CaseState.CONCLUDED, EnumSet.noneOf(CaseStep.class),
            CaseState.RETURNED, EnumSet.noneOf(CaseStep.class),
            CaseState.CLOSED_WITHOUT_DECISION, EnumSet.noneOf(CaseStep.class));

    private static final Map<AssignmentState, Set<AssignmentStep>> ASSIGNMENT_ALLOWS = Map.of(
            AssignmentState.OFFERED, EnumSet.of(AssignmentStep.ACCEPT, AssignmentStep.DECLINE),
            AssignmentState.ACCEPTED, EnumSet.of(AssignmentStep.START_CARE),
            AssignmentState.DECLINED, EnumSet.noneOf(AssignmentStep.class),
            AssignmentState.CARE_STARTED, EnumSet.of(AssignmentStep.END_CARE),
            AssignmentState.CARE_ENDED, EnumSet.noneOf(AssignmentStep.class));

    private static final Map<InvolvementState, Set<InvolvementStep>> INVOLVEMENT_ALLOWS = Map.of(
            InvolvementState.ACTIVE_CONSENTED, EnumSet.allOf(InvolvementStep.class),
            // ended with or without consent; the citizen may withdraw it after the end, as the practice still holds it
            InvolvementState.ACTIVE_CONSENT_WITHDRAWN, EnumSet.of(InvolvementStep.END),
            InvolvementState.ENDED_CONSENTED, EnumSet.of(InvolvementStep.WITHDRAW_CONSENT),
            InvolvementState.ENDED_CONSENT_WITHDRAWN, EnumSet.noneOf(InvolvementStep.class));

    /** Outside the consent the practice can only say no; answered, refused and withdrawn are final on both sides. */
    private static final Map<QuestionState, Set<QuestionStep>> QUESTION_ALLOWS = Map.of(
            QuestionState.OPEN_OUTSIDE_CONSENT, EnumSet.of(QuestionStep.WITHDRAW, QuestionStep.REFUSE),
            QuestionState.ANSWERED, EnumSet.noneOf(QuestionStep.class),
            QuestionState.REFUSED, EnumSet.noneOf(QuestionStep.class),
            QuestionState.WITHDRAWN, EnumSet.noneOf(QuestionStep.class));

    private static final String COORDINATION = "care-coordination";

    private TestNetwork network;
    private Chain chain;
    private String wijkteam;
    private final Map<CaseState, String> cases = new HashMap<>();
    private final Map<AssignmentState, String> assignments = new HashMap<>();
    private String withdrawnReferral;
    private final Map<InvolvementState, String> involvements = new HashMap<>();
    private final Map<QuestionState, String> questions = new HashMap<>();

    @BeforeAll
    void driveEveryObjectToEveryState() throws Exception {
        network = new TestNetwork().startNodes();
        chain = new Chain(network);
        wijkteam = network.publishContactPoint(Participants.MUNICIPALITY, "Wijkteam Zwolle-Zuid", "038-4981234");
        for (CaseState state : CaseState.values()) {
            String caseId = chain.awaitCase(chain.referToMunicipality());
            switch (state) {
                case RECEIVED -> { }
                case PICKED_UP -> pickUp(caseId);
                case DECIDED_GRANTED -> grant(caseId);
                case DECIDED_DECLINED -> decline(caseId);
                case ASSIGNED -> {
                    grant(caseId);
                    chain.assign(caseId, Participants.PROVIDER.urn);
                }
                case CONCLUDED -> {
                    decline(caseId);
                    chain.conclude(caseId, "Advies gegeven");
                }
                case RETURNED -> chain.returnTo(caseId, Participants.OTHER_MUNICIPALITY.urn, null);
                case CLOSED_WITHOUT_DECISION -> chain.close(caseId, "Burger ziet af van hulp");
            }
            cases.put(state, caseId);
        }
        for (AssignmentState state : AssignmentState.values()) {
            String assignmentId = chain.awaitAssignment(chain.refer(Participants.PROVIDER.urn, List.of("intake")));
            switch (state) {
                case OFFERED -> { }
                case ACCEPTED -> chain.accept(assignmentId);
                case DECLINED -> chain.decline(assignmentId, "Geen plek");
                case CARE_STARTED -> {
                    chain.accept(assignmentId);
                    chain.startCare(assignmentId);
                }
                case CARE_ENDED -> {
                    chain.accept(assignmentId);
                    chain.startCare(assignmentId);
                    chain.endCare(assignmentId, null);
                }
            }
            assignments.put(state, assignmentId);
        }
        withdrawnReferral = chain.refer(Participants.MUNICIPALITY.urn, List.of("intake"));
        assertThat(network.staffPost(Participants.GP, "/api/v1/referrals/" + withdrawnReferral + "/withdraw", "").statusCode())
                .isEqualTo(200);
        assertThat(network.staffPost(Participants.GP, "/api/v1/referrals/" + withdrawnReferral + "/consent/withdraw", "")
                .statusCode()).isEqualTo(200);
        driveEveryInvolvementToEveryState();
        driveEveryQuestionToEveryState();
    }

    private void driveEveryInvolvementToEveryState() {
        InvolvementsApi wijkteamMember = network.staff(Participants.MUNICIPALITY).involvements();
        for (InvolvementState state : InvolvementState.values()) {
            String id = wijkteamMember.start(involvementForm(new InvolvementsApi.Consent(
                    Instant.now().minus(1, ChronoUnit.HOURS), "ORAL", List.of(COORDINATION)))).id();
            if (state == InvolvementState.ENDED_CONSENTED || state == InvolvementState.ENDED_CONSENT_WITHDRAWN) {
                wijkteamMember.end(id);
            }
            if (state == InvolvementState.ACTIVE_CONSENT_WITHDRAWN || state == InvolvementState.ENDED_CONSENT_WITHDRAWN) {
                wijkteamMember.withdrawConsent(id);
            }
            involvements.put(state, id);
        }
    }

    /**
     * One referral whose consent covers intake only, so a question for care-coordination lies outside it. Each question
     * is driven until both sides hold it settled, so that nothing moves on either side while the steps are tried.
     */
    private void driveEveryQuestionToEveryState() {
        String caseId = chain.awaitCase(chain.refer(Participants.MUNICIPALITY.urn, List.of("intake")));
        QuestionsApi municipality = network.staff(Participants.MUNICIPALITY).questions();
        IncomingQuestionsApi practice = network.staff(Participants.GP).incomingQuestions();
        for (QuestionState state : QuestionState.values()) {
            String id = municipality.ask(new QuestionsApi.Ask(caseId,
                    state == QuestionState.OPEN_OUTSIDE_CONSENT ? COORDINATION : "intake", "Woont zij alleen?",
                    LocalDate.now(ZoneId.of("Europe/Amsterdam")).plusDays(7))).id();
            chain.awaitValue(() -> practice.list().stream()
                    .anyMatch(t -> id.equals(t.path("question").path("objectId").asString())), Boolean::booleanValue);
            switch (state) {
                case OPEN_OUTSIDE_CONSENT -> { }
                case ANSWERED -> practice.answer(id, new IncomingQuestionsApi.AnswerRequest("Ja."));
                case REFUSED -> practice.refuse(id, new IncomingQuestionsApi.Refusal("Beroepsgeheim."));
                case WITHDRAWN -> municipality.withdraw(id);
            }
            String settled = state == QuestionState.OPEN_OUTSIDE_CONSENT ? "OPEN" : state.name();
            chain.awaitValue(() -> municipality.get(id).path("question").path("status").asString(), settled::equals);
            chain.awaitValue(() -> practice.get(id).path("question").path("content").path("status").asString(),
                    settled::equals);
            questions.put(state, id);
        }
    }

    @AfterAll
    void stop() {
        network.close();
    }

    /** Every state with every step its table does not allow. */
    private static <S, T> Stream<Arguments> illegal(S[] states, T[] steps, Map<S, Set<T>> allows) {
        return Stream.of(states).flatMap(state -> Stream.of(steps)
                .filter(step -> !allows.get(state).contains(step))
                .map(step -> Arguments.of(state, step)));
    }

    static Stream<Arguments> illegalCaseSteps() {
        return illegal(CaseState.values(), CaseStep.values(), CASE_ALLOWS);
    }

    @ParameterizedTest(name = "case {0}: {1} refused")
    @MethodSource("illegalCaseSteps")
    void anIllegalCaseStepIsRefusedAndChangesNothing(CaseState state, CaseStep step) {
        String caseId = cases.get(state);
        JsonNode before = chain.caseDetail(caseId).path("current");
        int outbox = outboxSize(network.municipality);

        HttpResponse<String> refused = chain.tryCaseStep(caseId, step.path, caseStepBody(step));

        assertRefused(refused);
        assertThat(chain.caseDetail(caseId).path("current")).isEqualTo(before);
        assertThat(outboxSize(network.municipality)).isEqualTo(outbox);
    }

    static Stream<Arguments> illegalAssignmentSteps() {
        return illegal(AssignmentState.values(), AssignmentStep.values(), ASSIGNMENT_ALLOWS);
    }

    @ParameterizedTest(name = "assignment {0}: {1} refused")
    @MethodSource("illegalAssignmentSteps")
    void anIllegalAssignmentStepIsRefusedAndChangesNothing(AssignmentState state, AssignmentStep step) {
        String assignmentId = assignments.get(state);
        JsonNode before = chain.assignmentDetail(assignmentId).path("assignment");
        int outbox = outboxSize(network.provider);

        HttpResponse<String> refused = chain.tryAssignmentStep(assignmentId, step.path,
                step == AssignmentStep.DECLINE ? Map.of("reason", "Geen plek") : Map.of());

        assertRefused(refused);
        assertThat(before.path("status").asString()).isEqualTo(state.name());
        assertThat(chain.assignmentDetail(assignmentId).path("assignment")).isEqualTo(before);
        assertThat(outboxSize(network.provider)).isEqualTo(outbox);
    }

    static Stream<Arguments> illegalReferralChanges() {
        return Stream.of(
                Arguments.of("correct", "PUT", ""),
                Arguments.of("change the contact person", "PUT", "/contact-person"),
                Arguments.of("withdraw again", "POST", "/withdraw"),
                Arguments.of("withdraw consent again", "POST", "/consent/withdraw"));
    }

    @ParameterizedTest(name = "withdrawn referral: {0} refused")
    @MethodSource("illegalReferralChanges")
    void aWithdrawnReferralNoLongerChanges(String name, String method, String path) {
        JsonNode before = network.staffGetJson(Participants.GP, "/api/v1/referrals/" + withdrawnReferral);
        int outbox = outboxSize(network.gp);
        String uri = "/api/v1/referrals/" + withdrawnReferral + path;

        HttpResponse<String> refused = method.equals("PUT")
                ? network.staffPut(Participants.GP, uri, path.isEmpty() ? correctionBody() : contactPersonBody())
                : network.staffPost(Participants.GP, uri, "");

        assertRefused(refused);
        assertThat(network.staffGetJson(Participants.GP, "/api/v1/referrals/" + withdrawnReferral).path("version"))
                .isEqualTo(before.path("version"));
        assertThat(outboxSize(network.gp)).isEqualTo(outbox);
    }

    static Stream<Arguments> illegalInvolvementSteps() {
        return illegal(InvolvementState.values(), InvolvementStep.values(), INVOLVEMENT_ALLOWS);
    }

    @ParameterizedTest(name = "involvement {0}: {1} refused")
    @MethodSource("illegalInvolvementSteps")
    void anIllegalInvolvementStepIsRefusedAndChangesNothing(InvolvementState state, InvolvementStep step) {
        String uri = "/api/v1/involvements/" + involvements.get(state);
        JsonNode before = network.staffGetJson(Participants.MUNICIPALITY, uri);
        int outbox = outboxSize(network.municipality);

        HttpResponse<String> refused = step.method.equals("PUT")
                ? network.staffPut(Participants.MUNICIPALITY, uri, TestNetwork.JSON.writeValueAsString(involvementForm(null)))
                : network.staffPost(Participants.MUNICIPALITY, uri + step.path, "");

        assertRefused(refused);
        assertThat(network.staffGetJson(Participants.MUNICIPALITY, uri)).isEqualTo(before);
        assertThat(outboxSize(network.municipality)).isEqualTo(outbox);
    }

    static Stream<Arguments> illegalQuestionSteps() {
        return illegal(QuestionState.values(), QuestionStep.values(), QUESTION_ALLOWS);
    }

    /** Either side's refusal leaves both sides' question and answer as they were, and neither notifies. */
    @ParameterizedTest(name = "question {0}: {1} refused")
    @MethodSource("illegalQuestionSteps")
    void anIllegalQuestionOrAnswerStepIsRefusedAndChangesNothing(QuestionState state, QuestionStep step) {
        String uri = "/api/v1/questions/" + questions.get(state);
        JsonNode atMunicipality = network.staffGetJson(Participants.MUNICIPALITY, uri);
        JsonNode atPractice = network.staffGetJson(Participants.GP, uri);
        int municipalityOutbox = outboxSize(network.municipality);
        int practiceOutbox = outboxSize(network.gp);

        HttpResponse<String> refused = network.staffPost(step.node, uri + "/" + step.name().toLowerCase(Locale.ROOT),
                switch (step) {
                    case WITHDRAW -> "";
                    case ANSWER -> "{\"answer\":\"Metformine.\"}";
                    case REFUSE -> "{\"reason\":\"Toch niet.\"}";
                });

        assertRefused(refused);
        assertThat(refused.body()).doesNotContain("Metformine");
        assertThat(network.staffGetJson(Participants.MUNICIPALITY, uri)).isEqualTo(atMunicipality);
        assertThat(network.staffGetJson(Participants.GP, uri)).isEqualTo(atPractice);
        assertThat(outboxSize(network.municipality)).isEqualTo(municipalityOutbox);
        assertThat(outboxSize(network.gp)).isEqualTo(practiceOutbox);
    }

    static Stream<Arguments> catalogueStepsWhereNoMunicipalityRuns() {
        return Stream.of(Participants.GP, Participants.PROVIDER).flatMap(node -> Stream.of(CatalogueStep.values())
                .map(step -> Arguments.of(node, step)));
    }

    /** Only a municipality has a catalogue: elsewhere every step of the publication is refused, even by its editor. */
    @ParameterizedTest(name = "{0}: catalogue {1} refused")
    @MethodSource("catalogueStepsWhereNoMunicipalityRuns")
    void aNodeThatIsNoMunicipalityPublishesNoCatalogueService(Participants node, CatalogueStep step) {
        ConfigurableApplicationContext context = node == Participants.GP ? network.gp : network.provider;
        int outbox = outboxSize(context);
        String service = TestNetwork.JSON.writeValueAsString(Map.of("name", "Dagbesteding", "kind", "GENERAL_PROVISION",
                "providers", List.of(Participants.PROVIDER.urn), "effectiveFrom", "2026-01-01"));
        String services = "/api/v1/catalogue/services";
        String editor = network.staffToken(node, "CATALOGUE_EDITOR");

        HttpResponse<String> refused = switch (step) {
            case PUBLISH -> network.staffRequest(node, "POST", services, service, editor);
            case CORRECT -> network.staffRequest(node, "PUT", services + "/" + UUID.randomUUID(), service, editor);
            case RETIRE -> network.staffRequest(node, "POST", services + "/" + UUID.randomUUID() + "/retire", null, editor);
        };

        assertRefused(refused);
        assertThat(context.getBean(JdbcClient.class).sql("select count(*) from catalogue_service").query(Long.class)
                .single()).isZero();
        assertThat(outboxSize(context)).isEqualTo(outbox);
    }

    private InvolvementsApi.Form involvementForm(InvolvementsApi.Consent consent) {
        return new InvolvementsApi.Form(new InvolvementsApi.Citizen(TestCitizens.JANSEN_BSN, TestCitizens.JANSEN,
                LocalDate.parse(TestCitizens.JANSEN_BIRTH_DATE)), LocalDate.of(2026, 11, 2), null, wijkteam,
                Participants.GP.urn, consent);
    }

    private void pickUp(String caseId) {
        chain.pickUp(caseId, wijkteam);
    }

    private void grant(String caseId) {
        pickUp(caseId);
        chain.decide(caseId, CasesApi.Decision.granted("rolstoel"));
    }

    private void decline(String caseId) {
        pickUp(caseId);
        chain.decide(caseId, CasesApi.Decision.declined("Geen indicatie"));
    }

    /** A body each step would accept, so that the refusal can only come from the state machine. */
    private Map<String, Object> caseStepBody(CaseStep step) {
        return switch (step) {
            case PICK_UP -> Map.of("contactPointId", wijkteam);
            case DECIDE -> Map.of("outcome", "GRANTED", "productCategory", "rolstoel");
            case ASSIGN -> Map.of("provider", Participants.PROVIDER.urn);
            case CONCLUDE -> Map.of("conclusion", "Afgerond");
            case RETURN -> Map.of("municipality", Participants.OTHER_MUNICIPALITY.urn);
            case CLOSE -> Map.of("reason", "Gesloten");
        };
    }

    private static String correctionBody() {
        Map<String, Object> draft = Referrals.deVries(Participants.MUNICIPALITY.urn, List.of("intake"));
        return TestNetwork.JSON.writeValueAsString(Map.of("citizen", draft.get("citizen"),
                "requestedSupport", draft.get("requestedSupport"), "problemAnalysis", draft.get("problemAnalysis"),
                "urgency", "REGULAR", "contactPoint", draft.get("contactPoint")));
    }

    private static String contactPersonBody() {
        return TestCitizens.sonAsContactPerson("son");
    }

    private static void assertRefused(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(409);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
    }

    private static int outboxSize(ConfigurableApplicationContext node) {
        return node.getBean(OutboxRepository.class).findAll().size();
    }
}

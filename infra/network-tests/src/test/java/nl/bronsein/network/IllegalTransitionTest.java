package nl.bronsein.network;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.context.ConfigurableApplicationContext;

import nl.bronsein.runtime.outbox.OutboxRepository;
import nl.bronsein.staffclient.CasesApi;
import tools.jackson.databind.JsonNode;

/**
 * The state machines of the case (municipality), the assignment (provider) and the referral (GP), table-driven over the
 * real nodes: every step a state does not allow is refused with 409 problem+json and leaves no changed row and no event.
 * The allowed steps are exercised by the end-to-end tests.
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

    private TestNetwork network;
    private Chain chain;
    private String wijkteam;
    private final Map<CaseState, String> cases = new HashMap<>();
    private final Map<AssignmentState, String> assignments = new HashMap<>();
    private String withdrawnReferral;

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
    }

    @AfterAll
    void stop() {
        network.close();
    }

    static Stream<Arguments> illegalCaseSteps() {
        return Stream.of(CaseState.values()).flatMap(state -> Stream.of(CaseStep.values())
                .filter(step -> !CASE_ALLOWS.get(state).contains(step))
                .map(step -> Arguments.of(state, step)));
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
        return Stream.of(AssignmentState.values()).flatMap(state -> Stream.of(AssignmentStep.values())
                .filter(step -> !ASSIGNMENT_ALLOWS.get(state).contains(step))
                .map(step -> Arguments.of(state, step)));
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

package nl.bronsein.network;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import nl.bronsein.staffclient.AssignmentsApi;
import nl.bronsein.staffclient.CasesApi;
import nl.bronsein.staffclient.StaffClient;
import tools.jackson.databind.JsonNode;

/** Drives the chain through the three nodes' staff APIs, as their own systems would, and waits for what follows. */
final class Chain {

    static final Duration PATIENCE = Duration.ofSeconds(30);

    private final TestNetwork network;

    Chain(TestNetwork network) {
        this.network = network;
    }

    String refer(String addressee, List<String> purposes) {
        return network.staff(Participants.GP).referrals().create(Referrals.deVriesDraft(addressee, purposes)).id();
    }

    /** A referral to the municipality with consent for intake, feedback to the GP and care delivery by a provider. */
    String referToMunicipality() {
        return refer(Participants.MUNICIPALITY.urn, List.of("intake", "referral-feedback", "care-delivery"));
    }

    String awaitCase(String referralId) {
        return await().atMost(PATIENCE).until(() -> municipality().cases().list().stream()
                .filter(c -> referralId.equals(c.referralId())).map(CasesApi.Case::id).findFirst().orElse(null),
                id -> id != null);
    }

    /** {@code current}, and the municipality's pulled copies of the referral and the assignments. */
    JsonNode caseDetail(String caseId) {
        return municipality().cases().get(caseId);
    }

    CasesApi.Case pickUp(String caseId, String contactPointId) {
        return municipality().cases().pickUp(caseId, new CasesApi.PickUp(contactPointId));
    }

    CasesApi.Case decide(String caseId, CasesApi.Decision decision) {
        return municipality().cases().decide(caseId, decision);
    }

    CasesApi.Case assign(String caseId, String provider) {
        return municipality().cases().assign(caseId, new CasesApi.Assign(provider));
    }

    CasesApi.Case conclude(String caseId, String conclusion) {
        return municipality().cases().conclude(caseId, new CasesApi.Conclude(conclusion));
    }

    /** Returned to the citizen's own municipality; the reason may be null. */
    CasesApi.Case returnTo(String caseId, String municipality, String reason) {
        return municipality().cases().returnTo(caseId, new CasesApi.Return(municipality, reason));
    }

    CasesApi.Case close(String caseId, String reason) {
        return municipality().cases().close(caseId, new CasesApi.Close(reason));
    }

    /**
     * A step the test expects may be refused, as raw HTTP: the answer's status and problem body are what the test is
     * about. {@code body} is sent as JSON.
     */
    HttpResponse<String> tryCaseStep(String caseId, String step, Map<String, Object> body) {
        return network.staffPost(Participants.MUNICIPALITY, "/api/v1/cases/" + caseId + "/" + step,
                TestNetwork.JSON.writeValueAsString(body));
    }

    /** The provider's assignment resting on the given object (a case, or a referral made directly to the provider). */
    String awaitAssignment(String basisId) {
        return await().atMost(PATIENCE).until(() -> provider().assignments().list().stream()
                .filter(a -> a.basis() != null && basisId.equals(a.basis().objectId()))
                .map(AssignmentsApi.Assignment::id).findFirst().orElse(null), id -> id != null);
    }

    /** {@code assignment}, and the provider's pulled copies of its basis and the referral. */
    JsonNode assignmentDetail(String assignmentId) {
        return provider().assignments().get(assignmentId);
    }

    AssignmentsApi.Assignment accept(String assignmentId) {
        return provider().assignments().accept(assignmentId);
    }

    AssignmentsApi.Assignment decline(String assignmentId, String reason) {
        return provider().assignments().decline(assignmentId, new AssignmentsApi.Decline(reason));
    }

    AssignmentsApi.Assignment startCare(String assignmentId) {
        return provider().assignments().startCare(assignmentId);
    }

    /** Care ended; the reason may be null. */
    AssignmentsApi.Assignment endCare(String assignmentId, String reason) {
        return provider().assignments().endCare(assignmentId, new AssignmentsApi.EndCare(reason));
    }

    /** As {@link #tryCaseStep}, at the provider. */
    HttpResponse<String> tryAssignmentStep(String assignmentId, String step, Map<String, Object> body) {
        return network.staffPost(Participants.PROVIDER, "/api/v1/assignments/" + assignmentId + "/" + step,
                TestNetwork.JSON.writeValueAsString(body));
    }

    JsonNode timeline(String referralId) {
        return network.staff(Participants.GP).referrals().timeline(referralId);
    }

    private StaffClient municipality() {
        return network.staff(Participants.MUNICIPALITY);
    }

    private StaffClient provider() {
        return network.staff(Participants.PROVIDER);
    }

    /** Waits until the GP's timeline shows exactly these milestones, in the order they happened. */
    JsonNode awaitTimeline(String referralId, String... milestones) {
        return await().atMost(PATIENCE).until(() -> timeline(referralId),
                t -> milestonesOf(t).equals(List.of(milestones)));
    }

    static List<String> milestonesOf(JsonNode timeline) {
        List<String> reached = new ArrayList<>();
        timeline.path("steps").forEach(step -> reached.add(step.path("milestone").asString()));
        return reached;
    }

    static JsonNode step(JsonNode timeline, String milestone) {
        for (JsonNode step : timeline.path("steps")) {
            if (step.path("milestone").asString().equals(milestone)) {
                return step;
            }
        }
        throw new AssertionError("no step " + milestone + " in " + timeline);
    }

    /** Asserts a timeline step came from the given owner's object of the given type and id. */
    static void assertFrom(JsonNode timeline, String milestone, Participants owner, String objectType, String objectId) {
        JsonNode source = step(timeline, milestone).path("source");
        assertThat(source.path("owner").asString()).as(milestone + " owner").isEqualTo(owner.urn);
        assertThat(source.path("objectType").asString()).as(milestone + " type").isEqualTo(objectType);
        assertThat(source.path("objectId").asString()).as(milestone + " object").isEqualTo(objectId);
    }

    <T> T awaitValue(java.util.concurrent.Callable<T> read, Predicate<T> done) {
        return await().atMost(PATIENCE).until(read, done::test);
    }
}

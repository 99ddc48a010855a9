package nl.bronsein.network;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import tools.jackson.databind.JsonNode;

/** Drives the chain through the three nodes' staff APIs, as their own systems would, and waits for what follows. */
final class Chain {

    static final Duration PATIENCE = Duration.ofSeconds(30);

    private final TestNetwork network;

    Chain(TestNetwork network) {
        this.network = network;
    }

    String refer(String addressee, List<String> purposes) {
        HttpResponse<String> posted = network.staffPost(Participants.GP, "/api/v1/referrals",
                Referrals.deVriesJson(addressee, purposes));
        assertThat(posted.statusCode()).as(posted.body()).isEqualTo(201);
        return TestNetwork.JSON.readTree(posted.body()).path("id").asString();
    }

    /** A referral to the municipality with consent for intake, feedback to the GP and care delivery by a provider. */
    String referToMunicipality() {
        return refer(Participants.MUNICIPALITY.urn, List.of("intake", "referral-feedback", "care-delivery"));
    }

    String awaitCase(String referralId) {
        return await().atMost(PATIENCE).until(() -> {
            for (JsonNode c : network.staffGetJson(Participants.MUNICIPALITY, "/api/v1/cases")) {
                if (c.path("referralId").asString().equals(referralId)) {
                    return c.path("id").asString();
                }
            }
            return null;
        }, id -> id != null);
    }

    JsonNode caseDetail(String caseId) {
        return network.staffGetJson(Participants.MUNICIPALITY, "/api/v1/cases/" + caseId);
    }

    JsonNode caseStep(String caseId, String step, Map<String, Object> body) {
        HttpResponse<String> response = tryCaseStep(caseId, step, body);
        assertThat(response.statusCode()).as(step + ": " + response.body()).isEqualTo(200);
        return TestNetwork.JSON.readTree(response.body());
    }

    HttpResponse<String> tryCaseStep(String caseId, String step, Map<String, Object> body) {
        return network.staffPost(Participants.MUNICIPALITY, "/api/v1/cases/" + caseId + "/" + step,
                TestNetwork.JSON.writeValueAsString(body));
    }

    /** The provider's assignment resting on the given object (a case, or a referral made directly to the provider). */
    String awaitAssignment(String basisId) {
        return await().atMost(PATIENCE).until(() -> {
            for (JsonNode a : network.staffGetJson(Participants.PROVIDER, "/api/v1/assignments")) {
                if (a.path("basis").path("objectId").asString().equals(basisId)) {
                    return a.path("id").asString();
                }
            }
            return null;
        }, id -> id != null);
    }

    JsonNode assignmentDetail(String assignmentId) {
        return network.staffGetJson(Participants.PROVIDER, "/api/v1/assignments/" + assignmentId);
    }

    JsonNode assignmentStep(String assignmentId, String step, Map<String, Object> body) {
        HttpResponse<String> response = tryAssignmentStep(assignmentId, step, body);
        assertThat(response.statusCode()).as(step + ": " + response.body()).isEqualTo(200);
        return TestNetwork.JSON.readTree(response.body());
    }

    HttpResponse<String> tryAssignmentStep(String assignmentId, String step, Map<String, Object> body) {
        return network.staffPost(Participants.PROVIDER, "/api/v1/assignments/" + assignmentId + "/" + step,
                TestNetwork.JSON.writeValueAsString(body));
    }

    JsonNode timeline(String referralId) {
        return network.staffGetJson(Participants.GP, "/api/v1/referrals/" + referralId + "/timeline");
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

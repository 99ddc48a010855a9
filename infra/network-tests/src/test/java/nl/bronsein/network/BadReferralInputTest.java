package nl.bronsein.network;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import nl.bronsein.gp.referral.ReferralRepository;
import nl.bronsein.runtime.outbox.OutboxRepository;
import tools.jackson.databind.JsonNode;

/** Bad input gets a problem+json naming each field and reason, never echoes the value, and writes nothing anywhere. */
class BadReferralInputTest {

    private TestNetwork network;

    @BeforeAll
    void start() throws Exception {
        network = new TestNetwork();
        network.gp = network.startGp();
    }

    @AfterAll
    void stop() {
        network.close();
    }

    static Stream<Arguments> invalidReferrals() {
        return Stream.of(
                invalid("BSN failing the elfproef", "citizen.bsn", r -> citizen(r).put("bsn", TestCitizens.INVALID_BSN)),
                invalid("BSN of the wrong length", "citizen.bsn", r -> citizen(r).put("bsn", "12345")),
                invalid("missing consent", "consent", r -> r.remove("consent")),
                invalid("consent not covering intake", "consent.purposes", r -> consent(r).put("purposes", List.of("referral-feedback"))),
                invalid("signed consent without document", "consent.documentedWhenSigned", r -> consent(r).remove("documentReference")),
                invalid("consent given in the future", "consent.givenAt", r -> consent(r).put("givenAt", "2999-01-01T00:00:00Z")),
                invalid("empty problem analysis", "problemAnalysis", r -> r.put("problemAnalysis", "")),
                invalid("oversized problem analysis", "problemAnalysis", r -> r.put("problemAnalysis", "x".repeat(2001))),
                invalid("oversized name", "citizen.name", r -> citizen(r).put("name", "n".repeat(201))),
                invalid("birth date in the future", "citizen.birthDate", r -> citizen(r).put("birthDate", "2999-01-01")),
                invalid("unknown municipality", "addressee", r -> r.put("addressee", "urn:nld:oin:99999999999999999999")),
                invalid("addressee that is no municipality", "addressee", r -> r.put("addressee", Participants.GP.urn)),
                invalid("no contact point", "contactPoint", r -> r.remove("contactPoint")),
                invalid("unknown urgency", "urgency", r -> r.put("urgency", "WHENEVER")),
                invalid("a field that does not exist", "diagnosis", r -> r.put("diagnosis", "not for the municipality")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidReferrals")
    void anInvalidReferralIsRefusedNamingTheField(String name, String field, Consumer<Map<String, Object>> breakIt) {
        Map<String, Object> referral = mutable(Referrals.deVries(Participants.MUNICIPALITY.urn, List.of("intake", "referral-feedback")));
        breakIt.accept(referral);

        HttpResponse<String> response = network.staffPost(Participants.GP, "/api/v1/referrals",
                TestNetwork.JSON.writeValueAsString(referral));

        assertProblem(response, 400);
        JsonNode problem = TestNetwork.JSON.readTree(response.body());
        assertThat(problem.path("errors")).isNotEmpty();
        List<String> fields = problem.path("errors").valueStream().map(e -> e.path("field").asString()).toList();
        assertThat(fields).contains(field);
        problem.path("errors").forEach(e -> assertThat(e.path("reason").asString()).isNotBlank());
        assertThat(response.body()).doesNotContain(Referrals.BSN, TestCitizens.INVALID_BSN, Referrals.NAME);
        assertNothingWritten();
    }

    @Test
    void malformedJsonIsRefused() {
        HttpResponse<String> response = network.staffPost(Participants.GP, "/api/v1/referrals", "{\"citizen\": {\"bsn\": \"9999");
        assertProblem(response, 400);
        assertThat(TestNetwork.JSON.readTree(response.body()).path("errors").get(0).path("reason").asString())
                .isEqualTo("malformed JSON");
        assertNothingWritten();
    }

    @Test
    void anotherContentTypeIsRefused() {
        HttpResponse<String> response = TestNetwork.send(HttpClient.newHttpClient(), HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + network.staffPorts.get(Participants.GP) + "/api/v1/referrals"))
                .header("Authorization", "Bearer " + network.staffToken(Participants.GP))
                .header("Content-Type", "text/plain").POST(HttpRequest.BodyPublishers.ofString(Referrals.deVriesJson())).build());
        assertProblem(response, 415);
        assertNothingWritten();
    }

    @Test
    void theStaffApiIsNotOnTheNetworkPortNorTheNetworkApiOnTheStaffPort() {
        HttpResponse<String> staffOnNetwork = network.pull(network.credentials.get(Participants.MUNICIPALITY), Participants.GP,
                "../../../api/v1/referrals", "x", null);
        HttpResponse<String> networkOnStaff = network.staffGet(Participants.GP, "/network/v1/objects/referral/" + java.util.UUID.randomUUID());
        assertThat(staffOnNetwork.statusCode()).isEqualTo(404);
        assertThat(networkOnStaff.statusCode()).isEqualTo(404);
    }

    private void assertProblem(HttpResponse<String> response, int status) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
    }

    private void assertNothingWritten() {
        assertThat(network.gp.getBean(ReferralRepository.class).count()).isZero();
        assertThat(network.gp.getBean(OutboxRepository.class).findAll()).isEmpty();
        assertThat(network.records(Participants.MUNICIPALITY.inbox())).isEmpty();
    }

    private static Arguments invalid(String name, String field, Consumer<Map<String, Object>> breakIt) {
        return Arguments.of(name, field, breakIt);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> citizen(Map<String, Object> referral) {
        return (Map<String, Object>) referral.get("citizen");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> consent(Map<String, Object> referral) {
        return (Map<String, Object>) referral.get("consent");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> mutable(Map<String, Object> map) {
        Map<String, Object> copy = new HashMap<>();
        map.forEach((k, v) -> copy.put(k, v instanceof Map<?, ?> nested ? mutable((Map<String, Object>) nested) : v));
        return copy;
    }
}

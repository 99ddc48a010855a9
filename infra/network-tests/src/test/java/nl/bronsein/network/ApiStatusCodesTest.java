package nl.bronsein.network;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import nl.bronsein.devpki.NodeCertificateRequest;
import nl.bronsein.devpki.NodeCredentials;
import tools.jackson.databind.JsonNode;

/**
 * The status codes the OpenAPI documents declare are the ones the nodes answer: a sample of good and bad calls on both
 * ports, each checked against the operation in the document the node itself serves — the status among the operation's
 * responses, and the content type the document gives that response (application/problem+json for every refusal).
 * Each call also states the status it must get, so the sample cannot drift into calls that all answer the same.
 */
class ApiStatusCodesTest {

    private static final String PROBLEM_JSON = "application/problem+json";
    private static final String JSON = "application/json";
    /** The one answer that is not JSON: the processing log's export, as JSON lines. */
    private static final String NDJSON = "application/x-ndjson";

    private TestNetwork network;
    private Chain chain;
    private JsonNode gpDocument;
    private JsonNode municipalityDocument;
    private JsonNode providerDocument;
    private JsonNode networkDocument;

    /** One call: which operation of which document, the request, and the status it must get. */
    private record Call(String what, JsonNode document, String method, String template, HttpResponse<String> response,
                        int expected) {
    }

    @BeforeAll
    void startNetwork() throws Exception {
        network = new TestNetwork().startNodes();
        chain = new Chain(network);
        gpDocument = TestNetwork.JSON.readTree(network.staffGet(Participants.GP, "/api/openapi.json").body());
        municipalityDocument = TestNetwork.JSON.readTree(network.staffGet(Participants.MUNICIPALITY, "/api/openapi.json").body());
        providerDocument = TestNetwork.JSON.readTree(network.staffGet(Participants.PROVIDER, "/api/openapi.json").body());
        HttpClient participant = network.networkClient(network.credentials.get(Participants.MUNICIPALITY));
        networkDocument = TestNetwork.JSON.readTree(TestNetwork.send(participant, HttpRequest.newBuilder(
                URI.create("https://localhost:" + network.networkPorts.get(Participants.GP) + "/network/v1/openapi.json"))
                .GET().build()).body());
    }

    @AfterAll
    void stop() {
        network.close();
    }

    @Test
    void everyAnswerIsOneTheDocumentDeclaresWithTheDocumentedContentType() {
        List<Call> calls = new ArrayList<>();
        String referrals = "/api/v1/referrals";
        HttpResponse<String> created = network.staffPost(Participants.GP, referrals, Referrals.deVriesJson());
        calls.add(new Call("record a referral", gpDocument, "post", referrals, created, 201));
        String referral = TestNetwork.JSON.readTree(created.body()).path("id").asString();
        calls.add(new Call("list referrals", gpDocument, "get", referrals, network.staffGet(Participants.GP, referrals), 200));
        calls.add(new Call("malformed JSON", gpDocument, "post", referrals,
                network.staffPost(Participants.GP, referrals, "{\"citizen\": "), 400));
        calls.add(new Call("a field that breaks a rule", gpDocument, "post", referrals,
                network.staffPost(Participants.GP, referrals, Referrals.deVriesJson().replace(Referrals.BSN, "123")), 400));
        calls.add(new Call("no staff token", gpDocument, "post", referrals,
                network.staffRequest(Participants.GP, "POST", referrals, Referrals.deVriesJson(), null), 401));
        calls.add(new Call("a role without the task", gpDocument, "post", referrals, network.staffRequest(Participants.GP,
                "POST", referrals, Referrals.deVriesJson(), network.staffToken(Participants.GP, "NODE_ADMIN")), 403));
        calls.add(new Call("a body over the size limit", gpDocument, "post", referrals,
                network.staffPost(Participants.GP, referrals, "{\"requestedSupport\": \"" + "x".repeat(300_000) + "\"}"), 413));
        calls.add(new Call("an unknown referral", gpDocument, "get", referrals + "/{id}",
                network.staffGet(Participants.GP, referrals + "/" + UUID.randomUUID()), 404));
        calls.add(new Call("an id that is no UUID", gpDocument, "get", referrals + "/{id}",
                network.staffGet(Participants.GP, referrals + "/not-a-uuid"), 400));
        calls.add(new Call("the timeline", gpDocument, "get", referrals + "/{id}/timeline",
                network.staffGet(Participants.GP, referrals + "/" + referral + "/timeline"), 200));
        String contactPoints = "/api/v1/contact-points";
        String key = UUID.randomUUID().toString();
        String desk = TestNetwork.JSON.writeValueAsString(Map.of("name", "Balie", "phone", "038-1234567"));
        calls.add(new Call("publish a contact point with an Idempotency-Key", gpDocument, "post", contactPoints,
                withKey(contactPoints, key, desk), 201));
        calls.add(new Call("the same again with its key", gpDocument, "post", contactPoints,
                withKey(contactPoints, key, desk), 201));
        calls.add(new Call("another contact point with that key", gpDocument, "post", contactPoints,
                withKey(contactPoints, key, desk.replace("Balie", "Assistentie")), 422));
        calls.add(new Call("an Idempotency-Key that is none", gpDocument, "post", contactPoints,
                withKey(contactPoints, "", desk), 400));
        calls.add(new Call("publish a contact point", gpDocument, "post", "/api/v1/contact-points",
                network.staffPost(Participants.GP, "/api/v1/contact-points",
                        TestNetwork.JSON.writeValueAsString(Map.of("name", "Assistentie", "phone", "038-1234567"))), 201));

        // the municipality's intake of the referral: its case, a step it does not allow yet, and its pulls
        String caseId = chain.awaitCase(referral);
        String cases = "/api/v1/cases";
        calls.add(new Call("a case", municipalityDocument, "get", cases + "/{id}",
                network.staffGet(Participants.MUNICIPALITY, cases + "/" + caseId), 200));
        calls.add(new Call("concluding a case not yet decided", municipalityDocument, "post", cases + "/{id}/conclude",
                chain.tryCaseStep(caseId, "conclude", Map.of("conclusion", "Advies gegeven")), 409));
        calls.add(new Call("a decision without its outcome", municipalityDocument, "post", cases + "/{id}/decide",
                chain.tryCaseStep(caseId, "decide", Map.of()), 400));

        String pull = "/network/v1/objects/{objectType}/{objectId}";
        NodeCredentials municipality = network.credentials.get(Participants.MUNICIPALITY);
        calls.add(new Call("pull for intake", networkDocument, "get", pull,
                network.pull(municipality, Participants.GP, "referral", referral, "intake"), 200));
        calls.add(new Call("pull without a purpose", networkDocument, "get", pull,
                network.pull(municipality, Participants.GP, "referral", referral, null), 403));
        calls.add(new Call("pull for a purpose the role may not use", networkDocument, "get", pull,
                network.pull(municipality, Participants.GP, "referral", referral, "care-delivery"), 403));
        calls.add(new Call("pull by a participant not involved", networkDocument, "get", pull,
                network.pull(network.credentials.get(Participants.OTHER_MUNICIPALITY), Participants.GP, "referral", referral,
                        "intake"), 404));
        calls.add(new Call("pull by a certificate the participant list does not pin", networkDocument, "get", pull,
                network.pull(network.ca.issue(NodeCertificateRequest.of("Gemeente Elders", "00000001005555555000")),
                        Participants.GP, "referral", referral, "intake"), 401));
        String history = "/network/v1/notifications";
        calls.add(new Call("notification history", networkDocument, "get", history, historyGet(municipality, ""), 200));
        calls.add(new Call("notification history, limit out of range", networkDocument, "get", history,
                historyGet(municipality, "?limit=0"), 400));
        calls.add(new Call("notification history since a moment no database holds", networkDocument, "get", history,
                historyGet(municipality, "?since=-999999999-01-01T00%3A00%3A00Z"), 400));

        calls.addAll(involvementCalls());
        calls.addAll(catalogueCalls());
        calls.addAll(assignmentRequestCalls());
        calls.addAll(processingLogCalls());
        // the targeted question about the case's referral; asked again once the referral is withdrawn, below
        String questions = "/api/v1/questions";
        String ask = ask(caseId, "intake");
        HttpResponse<String> asked = network.staffPost(Participants.MUNICIPALITY, questions, ask);
        calls.add(new Call("ask the GP", municipalityDocument, "post", questions, asked, 200));
        String question = questions + "/" + TestNetwork.JSON.readTree(asked.body()).path("id").asString();
        calls.add(new Call("a purpose longer than a consent can hold", municipalityDocument, "post", questions,
                network.staffPost(Participants.MUNICIPALITY, questions, ask(caseId, "a".repeat(30))), 400));
        calls.add(new Call("withdraw the question", municipalityDocument, "post", questions + "/{id}/withdraw",
                network.staffPost(Participants.MUNICIPALITY, question + "/withdraw", ""), 200));
        calls.add(new Call("withdraw it again", municipalityDocument, "post", questions + "/{id}/withdraw",
                network.staffPost(Participants.MUNICIPALITY, question + "/withdraw", ""), 409));
        calls.add(new Call("answer a question the practice does not know", gpDocument, "post",
                questions + "/{questionId}/answer", network.staffPost(Participants.GP, questions + "/" + UUID.randomUUID()
                        + "/answer", "{\"answer\":\"Ja.\"}"), 404));

        // a withdrawn referral: withdrawing it again is an illegal step
        String withdraw = referrals + "/{id}/withdraw";
        calls.add(new Call("withdraw", gpDocument, "post", withdraw,
                network.staffPost(Participants.GP, referrals + "/" + referral + "/withdraw", ""), 200));
        calls.add(new Call("withdraw again", gpDocument, "post", withdraw,
                network.staffPost(Participants.GP, referrals + "/" + referral + "/withdraw", ""), 409));

        // once the municipality has heard of the withdrawal, the GP is asked nothing more about the case
        HttpResponse<String> tooLate = chain.awaitValue(() -> network.staffPost(Participants.MUNICIPALITY, questions,
                ask(caseId, "intake")), r -> r.statusCode() == 409);
        calls.add(new Call("ask about a case whose referral was withdrawn", municipalityDocument, "post", questions,
                tooLate, 409));

        for (Call call : calls) {
            check(call);
        }
        assertThat(calls.stream().map(c -> c.expected).distinct())
                .as("the sample covers every kind of answer").containsExactlyInAnyOrder(200, 201, 400, 401, 403, 404, 409, 413, 422);
    }

    /** The wijkteam's involvement: recorded, refused bad input and another role, ended once only. */
    private List<Call> involvementCalls() {
        Participants m = Participants.MUNICIPALITY;
        String involvements = "/api/v1/involvements";
        String wijkteam = network.publishContactPoint(m, "Wijkteam Zuid", "038-4981234");
        Map<String, Object> form = Map.of("citizen", Map.of("bsn", TestCitizens.JANSEN_BSN, "name", TestCitizens.JANSEN,
                        "birthDate", TestCitizens.JANSEN_BIRTH_DATE), "since", "2026-11-02", "contactPointId", wijkteam,
                "gpPractice", Participants.GP.urn);
        String withConsent = TestNetwork.JSON.writeValueAsString(FieldBoundsTest.with(form, "consent", Map.of(
                "givenAt", "2026-11-01T09:00:00Z", "form", "ORAL", "purposes", List.of("care-coordination"))));
        List<Call> calls = new ArrayList<>();
        HttpResponse<String> started = network.staffPost(m, involvements, withConsent);
        calls.add(new Call("record an involvement", municipalityDocument, "post", involvements, started, 201));
        calls.add(new Call("an involvement without the citizen's consent", municipalityDocument, "post", involvements,
                network.staffPost(m, involvements, TestNetwork.JSON.writeValueAsString(form)), 400));
        calls.add(new Call("an involvement recorded by the intake officer", municipalityDocument, "post", involvements,
                network.staffRequest(m, "POST", involvements, withConsent, network.staffToken(m, "INTAKE_OFFICER")), 403));
        String involvement = involvements + "/" + TestNetwork.JSON.readTree(started.body()).path("id").asString();
        calls.add(new Call("end the involvement", municipalityDocument, "post", involvements + "/{id}/end",
                network.staffPost(m, involvement + "/end", ""), 200));
        calls.add(new Call("end it again", municipalityDocument, "post", involvements + "/{id}/end",
                network.staffPost(m, involvement + "/end", ""), 409));
        calls.add(new Call("an unknown involvement", municipalityDocument, "get", involvements + "/{id}",
                network.staffGet(m, involvements + "/" + UUID.randomUUID()), 404));
        return calls;
    }

    /** The provider's request for an assignment: refused for a Wmo referral, bad input, another role; unknown ones. */
    private List<Call> assignmentRequestCalls() {
        Participants p = Participants.PROVIDER;
        String requests = "/api/v1/assignment-requests";
        String wmoAssignment = chain.awaitAssignment(chain.refer(p.urn, List.of("intake", "referral-feedback")));
        String form = TestNetwork.JSON.writeValueAsString(Map.of("assignment", wmoAssignment,
                "municipality", Participants.MUNICIPALITY.urn, "productCategory", "45A11"));
        List<Call> calls = new ArrayList<>();
        calls.add(new Call("request an assignment for a Wmo referral", providerDocument, "post", requests,
                network.staffPost(p, requests, form), 409));
        calls.add(new Call("a request naming no product", providerDocument, "post", requests,
                network.staffPost(p, requests, TestNetwork.JSON.writeValueAsString(Map.of("assignment", wmoAssignment,
                        "municipality", Participants.MUNICIPALITY.urn))), 400));
        calls.add(new Call("a request by a role without the task", providerDocument, "post", requests,
                network.staffRequest(p, "POST", requests, form, network.staffToken(p, "NODE_ADMIN")), 403));
        calls.add(new Call("the requests", providerDocument, "get", requests, network.staffGet(p, requests), 200));
        calls.add(new Call("an unknown request", providerDocument, "get", requests + "/{id}",
                network.staffGet(p, requests + "/" + UUID.randomUUID()), 404));
        calls.add(new Call("withdraw an unknown request", providerDocument, "post", requests + "/{id}/withdraw",
                network.staffPost(p, requests + "/" + UUID.randomUUID() + "/withdraw", ""), 404));
        calls.add(new Call("correct a request naming no product", providerDocument, "put", requests + "/{id}",
                network.staffPut(p, requests + "/" + UUID.randomUUID(), "{}"), 400));
        return calls;
    }

    /** The catalogue: published by the municipality's editor; at a node that is no municipality, never. */
    private List<Call> catalogueCalls() {
        String services = "/api/v1/catalogue/services";
        Map<String, Object> service = Map.of("name", "Dagbesteding", "kind", "GENERAL_PROVISION",
                "providers", List.of(Participants.PROVIDER.urn), "effectiveFrom", "2026-01-01");
        List<Call> calls = new ArrayList<>();
        calls.add(new Call("publish a catalogue service", municipalityDocument, "post", services,
                network.staffPost(Participants.MUNICIPALITY, services, TestNetwork.JSON.writeValueAsString(service)), 201));
        calls.add(new Call("a service whose provider is not listed", municipalityDocument, "post", services,
                network.staffPost(Participants.MUNICIPALITY, services, TestNetwork.JSON.writeValueAsString(
                        FieldBoundsTest.with(service, "providers", List.of("urn:nl:kvk:00000000")))), 400));
        calls.add(new Call("retire an unknown service", municipalityDocument, "post", services + "/{id}/retire",
                network.staffPost(Participants.MUNICIPALITY, services + "/" + UUID.randomUUID() + "/retire", ""), 404));
        calls.add(new Call("publish at a GP practice", gpDocument, "post", services, network.staffRequest(Participants.GP,
                "POST", services, TestNetwork.JSON.writeValueAsString(service),
                network.staffToken(Participants.GP, "CATALOGUE_EDITOR")), 409));
        return calls;
    }

    /** The processing log, for the node's privacy officer: a search, its refusals, an export. */
    private List<Call> processingLogCalls() {
        String search = "/api/v1/processing-records/search";
        String export = "/api/v1/processing-records/export";
        String jansen = "{\"bsn\":\"" + TestCitizens.JANSEN_BSN + "\",\"size\":10}";
        List<Call> calls = new ArrayList<>();
        calls.add(new Call("search the processing log for a citizen", gpDocument, "post", search,
                network.staffPost(Participants.GP, search, jansen), 200));
        calls.add(new Call("search for a BSN that fails the elfproef", gpDocument, "post", search,
                network.staffPost(Participants.GP, search, "{\"bsn\":\"123456789\"}"), 400));
        calls.add(new Call("search by a role without the task", gpDocument, "post", search,
                network.staffRequest(Participants.GP, "POST", search, jansen, network.staffToken(Participants.GP,
                        "NODE_ADMIN")), 403));
        calls.add(new Call("export the processing log", providerDocument, "post", export,
                network.staffPost(Participants.PROVIDER, export, "{\"from\":\"2026-01-01T00:00:00Z\"}"), 200));
        calls.add(new Call("export a citizen's records only", providerDocument, "post", export,
                network.staffPost(Participants.PROVIDER, export, jansen), 400));
        return calls;
    }

    private static String ask(String caseId, String purpose) {
        return TestNetwork.JSON.writeValueAsString(Map.of("caseId", caseId, "purpose", purpose, "question",
                "Woont zij alleen?", "answerBy", java.time.LocalDate.now(java.time.ZoneId.of("Europe/Amsterdam")).plusDays(7)
                        .toString()));
    }

    private HttpResponse<String> withKey(String path, String key, String json) {
        return TestNetwork.send(HttpClient.newHttpClient(), HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + network.staffPorts.get(Participants.GP) + path))
                .header("Authorization", "Bearer " + network.staffToken(Participants.GP))
                .header("Content-Type", "application/json").header("Idempotency-Key", key)
                .POST(HttpRequest.BodyPublishers.ofString(json)).build());
    }

    private void check(Call call) {
        HttpResponse<String> response = call.response;
        int status = response.statusCode();
        assertThat(status).as(call.what + ": " + response.body()).isEqualTo(call.expected);
        JsonNode operation = call.document.path("paths").path(call.template).path(call.method);
        assertThat(operation.isObject()).as(call.what + ": " + call.method + " " + call.template + " is documented").isTrue();
        JsonNode declared = resolve(call.document, operation.path("responses").path(String.valueOf(status)));
        assertThat(declared.isObject()).as(call.what + ": " + operation.path("operationId").asString() + " declares "
                + status + " among " + operation.path("responses").propertyNames()).isTrue();
        String contentType = response.headers().firstValue("Content-Type").orElse("").replaceFirst(";.*", "");
        assertThat(declared.path("content").propertyNames()).as(call.what + ": the documented content type of " + status)
                .contains(contentType);
        assertThat(contentType).as(call.what).isEqualTo(status >= 400 ? PROBLEM_JSON
                : call.template.endsWith("/processing-records/export") ? NDJSON : JSON);
        if (declared.path("headers").has("Location")) {
            assertThat(response.headers().firstValue("Location")).as(call.what + ": Location").isPresent();
        }
    }

    /** A response given as a reference to the document's components. */
    private static JsonNode resolve(JsonNode document, JsonNode response) {
        String ref = response.path("$ref").asString("");
        if (ref.isEmpty()) {
            return response;
        }
        JsonNode target = document;
        for (String part : ref.substring(2).split("/")) {
            target = target.path(part);
        }
        return target;
    }

    private HttpResponse<String> historyGet(NodeCredentials as, String query) {
        URI uri = URI.create("https://localhost:" + network.networkPorts.get(Participants.GP) + "/network/v1/notifications" + query);
        return TestNetwork.send(network.networkClient(as), HttpRequest.newBuilder(uri).GET().build());
    }
}

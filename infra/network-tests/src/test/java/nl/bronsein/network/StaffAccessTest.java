package nl.bronsein.network;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import com.nimbusds.jwt.JWTClaimsSet;

import nl.bronsein.devpki.DevStaffIssuer;
import nl.bronsein.runtime.audit.AuditRecord;
import nl.bronsein.runtime.audit.AuditTrail;

/**
 * Staff see only what their task needs: a table of role × endpoint over the three nodes' staff APIs, each request made
 * with a token that holds exactly one role. Requests are valid and name objects that do not exist, so an allowed role
 * gets past authorisation (200, 201, 400 from a domain check, or 404) and a refused role gets 403. Tokens without a
 * role of this node, from another issuer, for another node or expired are refused with 401, and so are tokens unlike an
 * identity provider's (no {@code exp} or {@code sub}, a lifetime past the maximum, roles not an array); the role is
 * checked before the body; staff reads of personal data are audited.
 */
class StaffAccessTest {

    private static final List<String> ROLES = List.of("GP", "PRACTICE_ASSISTANT", "INTAKE_OFFICER", "WIJKTEAM_MEMBER",
            "PROVIDER_PLANNER", "NODE_ADMIN", "CATALOGUE_EDITOR", "PRIVACY_OFFICER");
    private static final String ANY = "*";
    private static final String NONE_SUCH = "0b0b0b0b-0000-4000-8000-000000000000";

    private TestNetwork network;

    @BeforeAll
    void start() throws Exception {
        network = new TestNetwork().startNodes();
    }

    @AfterAll
    void stop() {
        network.close();
    }

    static Stream<Arguments> endpoints() {
        String referral = "/api/v1/referrals/" + NONE_SUCH;
        String caseUri = "/api/v1/cases/" + NONE_SUCH;
        String assignment = "/api/v1/assignments/" + NONE_SUCH;
        String question = "/api/v1/questions/" + NONE_SUCH;
        String correction = TestNetwork.JSON.writeValueAsString(Map.of(
                "citizen", Referrals.deVries(Participants.MUNICIPALITY.urn, List.of()).get("citizen"),
                "requestedSupport", "Rolstoel", "problemAnalysis", TestCitizens.SHORT_PROBLEM, "urgency", "REGULAR",
                "contactPoint", Map.of("name", "Assistentie", "phone", "038-1234567")));
        String person = TestCitizens.sonAsContactPerson("son");
        String contactPoint = "{\"name\":\"Balie\",\"phone\":\"038-1111111\"}";
        String service = TestNetwork.JSON.writeValueAsString(Map.of("name", "Dagbesteding", "kind",
                "GENERAL_PROVISION", "providers", List.of(Participants.PROVIDER.urn), "effectiveFrom", "2026-01-01"));
        String involvementUri = "/api/v1/involvements/" + NONE_SUCH;
        Map<String, Object> involvementForm = Map.of("citizen", Map.of("bsn", TestCitizens.JANSEN_BSN, "name",
                        TestCitizens.JANSEN, "birthDate", TestCitizens.JANSEN_BIRTH_DATE), "since", "2026-11-02",
                "contactPointId", NONE_SUCH, "gpPractice", Participants.GP.urn);
        String correctedInvolvement = TestNetwork.JSON.writeValueAsString(involvementForm);
        Map<String, Object> newInvolvement = new java.util.HashMap<>(involvementForm);
        newInvolvement.put("consent", Map.of("givenAt", Instant.now().minusSeconds(3600).toString(), "form", "ORAL",
                "purposes", List.of("care-coordination")));
        String search = "{\"bsn\":\"" + TestCitizens.JANSEN_BSN + "\",\"size\":10}";
        String export = "{\"from\":\"" + Instant.now().plusSeconds(3600) + "\"}";
        return Stream.of(
                row(Participants.GP, "POST", "/api/v1/referrals", Referrals.deVriesJson(), "GP", "PRACTICE_ASSISTANT"),
                row(Participants.GP, "GET", "/api/v1/referrals", null, "GP", "PRACTICE_ASSISTANT"),
                row(Participants.GP, "GET", referral, null, "GP", "PRACTICE_ASSISTANT"),
                row(Participants.GP, "GET", referral + "/timeline", null, "GP", "PRACTICE_ASSISTANT"),
                row(Participants.GP, "PUT", referral, correction, "GP"),
                row(Participants.GP, "PUT", referral + "/contact-person", person, "GP", "PRACTICE_ASSISTANT"),
                row(Participants.GP, "POST", referral + "/withdraw", null, "GP"),
                row(Participants.GP, "POST", referral + "/consent/withdraw", null, "GP", "PRACTICE_ASSISTANT"),
                row(Participants.MUNICIPALITY, "GET", "/api/v1/cases", null, "INTAKE_OFFICER", "WIJKTEAM_MEMBER"),
                row(Participants.MUNICIPALITY, "GET", caseUri, null, "INTAKE_OFFICER", "WIJKTEAM_MEMBER"),
                row(Participants.MUNICIPALITY, "POST", caseUri + "/pick-up", "{\"contactPointId\":\"" + NONE_SUCH + "\"}",
                        "WIJKTEAM_MEMBER"),
                row(Participants.MUNICIPALITY, "POST", caseUri + "/decide",
                        "{\"outcome\":\"GRANTED\",\"productCategory\":\"rolstoel\"}", "INTAKE_OFFICER"),
                row(Participants.MUNICIPALITY, "POST", caseUri + "/assign", "{\"provider\":\"" + Participants.PROVIDER.urn + "\"}",
                        "INTAKE_OFFICER"),
                row(Participants.MUNICIPALITY, "POST", caseUri + "/conclude", "{\"conclusion\":\"Afgerond\"}", "WIJKTEAM_MEMBER"),
                row(Participants.MUNICIPALITY, "POST", caseUri + "/return",
                        "{\"municipality\":\"" + Participants.OTHER_MUNICIPALITY.urn + "\"}", "INTAKE_OFFICER"),
                row(Participants.MUNICIPALITY, "POST", caseUri + "/close", "{\"reason\":\"Gesloten\"}", "INTAKE_OFFICER",
                        "WIJKTEAM_MEMBER"),
                row(Participants.GP, "GET", "/api/v1/questions", null, "GP", "PRACTICE_ASSISTANT"),
                row(Participants.GP, "GET", question, null, "GP", "PRACTICE_ASSISTANT"),
                row(Participants.GP, "POST", question + "/answer", "{\"answer\":\"Ja\"}", "GP"),
                row(Participants.GP, "POST", question + "/refuse", "{\"reason\":\"Nee\"}", "GP"),
                row(Participants.MUNICIPALITY, "POST", "/api/v1/questions", "{\"caseId\":\"" + NONE_SUCH
                        + "\",\"purpose\":\"intake\",\"question\":\"Vraag?\",\"answerBy\":\"2099-01-01\"}",
                        "INTAKE_OFFICER", "WIJKTEAM_MEMBER"),
                row(Participants.MUNICIPALITY, "GET", "/api/v1/questions", null, "INTAKE_OFFICER", "WIJKTEAM_MEMBER"),
                row(Participants.MUNICIPALITY, "GET", question, null, "INTAKE_OFFICER", "WIJKTEAM_MEMBER"),
                row(Participants.MUNICIPALITY, "POST", question + "/withdraw", null, "INTAKE_OFFICER", "WIJKTEAM_MEMBER"),
                row(Participants.GP, "GET", "/api/v1/involvements", null, "GP", "PRACTICE_ASSISTANT"),
                row(Participants.MUNICIPALITY, "POST", "/api/v1/involvements",
                        TestNetwork.JSON.writeValueAsString(newInvolvement), "WIJKTEAM_MEMBER"),
                row(Participants.MUNICIPALITY, "GET", "/api/v1/involvements", null, "WIJKTEAM_MEMBER"),
                row(Participants.MUNICIPALITY, "GET", involvementUri, null, "WIJKTEAM_MEMBER"),
                row(Participants.MUNICIPALITY, "PUT", involvementUri, correctedInvolvement, "WIJKTEAM_MEMBER"),
                row(Participants.MUNICIPALITY, "POST", involvementUri + "/end", null, "WIJKTEAM_MEMBER"),
                row(Participants.MUNICIPALITY, "POST", involvementUri + "/consent/withdraw", null, "WIJKTEAM_MEMBER"),
                row(Participants.GP, "POST", "/api/v1/citizen-access", "{\"bsn\":\"" + TestCitizens.SEM_BSN + "\"}", "GP",
                        "PRACTICE_ASSISTANT"),
                row(Participants.MUNICIPALITY, "POST", "/api/v1/citizen-access", "{\"bsn\":\"" + TestCitizens.SEM_BSN
                        + "\"}", "INTAKE_OFFICER"),
                row(Participants.PROVIDER, "GET", "/api/v1/assignments", null, "PROVIDER_PLANNER"),
                row(Participants.PROVIDER, "GET", assignment, null, "PROVIDER_PLANNER"),
                row(Participants.PROVIDER, "POST", assignment + "/accept", null, "PROVIDER_PLANNER"),
                row(Participants.PROVIDER, "POST", assignment + "/decline", "{\"reason\":\"Vol\"}", "PROVIDER_PLANNER"),
                row(Participants.PROVIDER, "POST", assignment + "/start-care", null, "PROVIDER_PLANNER"),
                row(Participants.PROVIDER, "POST", assignment + "/end-care", "{}", "PROVIDER_PLANNER"),
                row(Participants.PROVIDER, "POST", "/api/v1/assignment-requests", "{\"assignment\":\"" + NONE_SUCH
                        + "\",\"municipality\":\"" + Participants.MUNICIPALITY.urn + "\",\"productCategory\":\"45A11\"}",
                        "PROVIDER_PLANNER"),
                row(Participants.PROVIDER, "GET", "/api/v1/assignment-requests", null, "PROVIDER_PLANNER"),
                row(Participants.PROVIDER, "GET", "/api/v1/assignment-requests/" + NONE_SUCH, null, "PROVIDER_PLANNER"),
                row(Participants.PROVIDER, "PUT", "/api/v1/assignment-requests/" + NONE_SUCH,
                        "{\"productCategory\":\"45A12\"}", "PROVIDER_PLANNER"),
                row(Participants.PROVIDER, "POST", "/api/v1/assignment-requests/" + NONE_SUCH + "/withdraw", null,
                        "PROVIDER_PLANNER"),
                row(Participants.MUNICIPALITY, "POST", "/api/v1/contact-points", contactPoint, "NODE_ADMIN"),
                row(Participants.PROVIDER, "GET", "/api/v1/contact-points/directory", null, ANY),
                row(Participants.MUNICIPALITY, "POST", "/api/v1/catalogue/services", service, "CATALOGUE_EDITOR"),
                row(Participants.MUNICIPALITY, "PUT", "/api/v1/catalogue/services/" + NONE_SUCH, service,
                        "CATALOGUE_EDITOR"),
                row(Participants.MUNICIPALITY, "POST", "/api/v1/catalogue/services/" + NONE_SUCH + "/retire", null,
                        "CATALOGUE_EDITOR"),
                row(Participants.MUNICIPALITY, "GET", "/api/v1/catalogue/services/" + NONE_SUCH, null, ANY),
                row(Participants.GP, "GET", "/api/v1/catalogue", null, ANY),
                row(Participants.GP, "POST", "/api/v1/admin/rewind", "{\"from\":\"" + Instant.now().plusSeconds(3600) + "\"}",
                        "NODE_ADMIN"),
                // the processing log, on every node, for its privacy officer alone
                row(Participants.GP, "POST", "/api/v1/processing-records/search", search, "PRIVACY_OFFICER"),
                row(Participants.MUNICIPALITY, "POST", "/api/v1/processing-records/search", search, "PRIVACY_OFFICER"),
                row(Participants.PROVIDER, "POST", "/api/v1/processing-records/search", search, "PRIVACY_OFFICER"),
                row(Participants.GP, "POST", "/api/v1/processing-records/export", export, "PRIVACY_OFFICER"),
                row(Participants.MUNICIPALITY, "POST", "/api/v1/processing-records/export", export, "PRIVACY_OFFICER"),
                row(Participants.PROVIDER, "POST", "/api/v1/processing-records/export", export, "PRIVACY_OFFICER"));
    }

    private static Arguments row(Participants node, String method, String path, String body, String... allowed) {
        return Arguments.of(node, method, path, body, Set.of(allowed));
    }

    @ParameterizedTest(name = "{0} {1} {2}")
    @MethodSource("endpoints")
    void eachEndpointServesExactlyTheRolesWhoseTaskNeedsIt(Participants node, String method, String path, String body,
                                                          Set<String> allowed) {
        for (String role : ROLES) {
            HttpResponse<String> response = network.staffRequest(node, method, path, body, network.staffToken(node, role));
            if (allowed.contains(ANY) || allowed.contains(role)) {
                assertThat(response.statusCode()).as(role + " may " + method + " " + path + ": " + response.body())
                        .isNotIn(401, 403);
            } else {
                assertThat(response.statusCode()).as(role + " may not " + method + " " + path).isEqualTo(403);
                assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
            }
        }
    }

    @Test
    void tokensThatAreMissingForeignForAnotherNodeOrExpiredAreRefused() {
        String path = "/api/v1/referrals";
        assertUnauthorized(network.staffRequest(Participants.GP, "GET", path, null, null));
        assertUnauthorized(network.staffRequest(Participants.GP, "GET", path, null, "not-a-jwt"));
        // signed with the right key, but naming another issuer
        assertUnauthorized(network.staffRequest(Participants.GP, "GET", path, null, network.staffIssuer.token(
                "https://elsewhere.example", "staff-gp", Participants.GP.urn, List.of("GP"), Duration.ofMinutes(5))));
        // a municipality's token at the GP's node
        assertUnauthorized(network.staffRequest(Participants.GP, "GET", path, null,
                network.staffToken(Participants.MUNICIPALITY, "GP")));
        // another identity provider's key
        assertUnauthorized(network.staffRequest(Participants.GP, "GET", path, null, DevStaffIssuer.generate()
                .token("staff-gp", Participants.GP.urn, List.of("GP"), Duration.ofMinutes(5))));
        // expired
        assertUnauthorized(network.staffRequest(Participants.GP, "GET", path, null, network.staffIssuer.token(
                "staff-gp", Participants.GP.urn, List.of("GP"), Duration.ofMinutes(-5))));
        // no role of this network: authenticated, but no task
        assertThat(network.staffRequest(Participants.GP, "GET", path, null, network.staffToken(Participants.GP, "DIRECTOR"))
                .statusCode()).isEqualTo(403);
        // monitoring needs no token
        assertThat(network.staffRequest(Participants.GP, "GET", "/actuator/health", null, null).statusCode()).isNotIn(401, 403);
    }

    static Stream<Arguments> claims() {
        Instant now = Instant.now();
        return Stream.of(
                tokenRow("as the identity provider issues it", claims -> claims, 200),
                tokenRow("expiring within the maximum lifetime (12 h)",
                        claims -> claims.expirationTime(java.util.Date.from(now.plus(Duration.ofHours(11)))), 200),
                tokenRow("without exp", claims -> claims.expirationTime(null), 401),
                tokenRow("with exp ten years ahead",
                        claims -> claims.expirationTime(java.util.Date.from(now.plus(Duration.ofDays(3650)))), 401),
                tokenRow("issued for longer than the maximum lifetime",
                        claims -> claims.expirationTime(java.util.Date.from(now.plus(Duration.ofHours(13)))), 401),
                tokenRow("without sub", claims -> claims.subject(null), 401),
                tokenRow("with roles as a string", claims -> claims.claim("roles", "GP"), 401),
                // a user of another organisation: the identity provider gives no roles, the token is valid, no task here
                tokenRow("without roles", claims -> claims.claim("roles", null), 403));
    }

    private static Arguments tokenRow(String what, UnaryOperator<JWTClaimsSet.Builder> change, int expected) {
        return Arguments.of(what, change, expected);
    }

    @ParameterizedTest(name = "a token {0}: {2}")
    @MethodSource("claims")
    void onlyTokensAsAnIdentityProviderIssuesThemAreAccepted(String what, UnaryOperator<JWTClaimsSet.Builder> change,
                                                             int expected) {
        String token = network.staffIssuer.sign(change.apply(DevStaffIssuer.claims(DevStaffIssuer.ISSUER, "staff-gp",
                Participants.GP.urn, List.of("GP"), Duration.ofMinutes(30))).build());

        HttpResponse<String> response = network.staffRequest(Participants.GP, "GET", "/api/v1/referrals", null, token);

        assertThat(response.statusCode()).as(what + ": " + response.body()).isEqualTo(expected);
    }

    @Test
    void theRoleIsCheckedBeforeTheBody() {
        String referral = "/api/v1/referrals/" + NONE_SUCH;
        String invalid = "{}";

        HttpResponse<String> assistant = network.staffRequest(Participants.GP, "PUT", referral, invalid,
                network.staffToken(Participants.GP, "PRACTICE_ASSISTANT"));
        HttpResponse<String> gp = network.staffRequest(Participants.GP, "PUT", referral, invalid,
                network.staffToken(Participants.GP, "GP"));

        // a correction is the GP's task: the assistant learns that, not what the body lacks
        assertThat(assistant.statusCode()).as(assistant.body()).isEqualTo(403);
        assertThat(assistant.body()).doesNotContain("errors");
        assertThat(gp.statusCode()).as(gp.body()).isEqualTo(400);
        assertThat(gp.body()).contains("errors");
    }

    @Test
    void aStaffReadOfPersonalDataIsAuditedWithWhoAndInWhichRole() {
        HttpResponse<String> posted = network.staffPost(Participants.GP, "/api/v1/referrals", Referrals.deVriesJson());
        String referralId = TestNetwork.JSON.readTree(posted.body()).path("id").asString();

        HttpResponse<String> read = network.staffRequest(Participants.GP, "GET", "/api/v1/referrals/" + referralId, null,
                network.staffToken(Participants.GP, "PRACTICE_ASSISTANT"));

        assertThat(read.statusCode()).isEqualTo(200);
        List<AuditRecord> audit = network.gp.getBean(AuditTrail.class).forObject("referral", referralId);
        // the staff read, not the change that recorded the referral (also in the staff member's name since issue 19)
        assertThat(audit).filteredOn(a -> a.caller().startsWith("staff:") && "staff-read".equals(a.name()))
                .singleElement().satisfies(a -> {
            assertThat(a.caller()).isEqualTo("staff:staff-gp");
            assertThat(a.purpose()).isEqualTo("staff:PRACTICE_ASSISTANT");
            assertThat(a.reason()).isEqualTo("staff read");
        });
        assertThat(network.staffRequest(Participants.GP, "GET", "/api/v1/referrals/" + UUID.randomUUID(), null,
                network.staffToken(Participants.GP, "GP")).statusCode()).isEqualTo(404);
    }

    /** The citizen can learn who looked them up: the officer's search names them, by this node's pseudonym. */
    @Test
    void aPrivacyOfficersSearchIsRecordedWithWhoSearchedAndTheCitizenSearchedFor() {
        HttpResponse<String> search = network.staffRequest(Participants.MUNICIPALITY, "POST",
                "/api/v1/processing-records/search", "{\"bsn\":\"" + TestCitizens.SMIT_BSN + "\"}",
                network.staffToken(Participants.MUNICIPALITY, "PRIVACY_OFFICER"));

        assertThat(search.statusCode()).as(search.body()).isEqualTo(200);
        assertThat(search.body()).doesNotContain(TestCitizens.SMIT_BSN);
        AuditTrail audit = network.municipality.getBean(AuditTrail.class);
        assertThat(audit.all()).filteredOn(a -> "processing-log-read".equals(a.name())
                && audit.subjectOf(TestCitizens.SMIT_BSN).equals(a.subject())).singleElement().satisfies(a -> {
            assertThat(a.caller()).isEqualTo("staff:staff-municipality");
            assertThat(a.purpose()).isEqualTo("staff:PRIVACY_OFFICER");
        });
    }

    private static void assertUnauthorized(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(401);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
    }
}

package nl.bronsein.runtime.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import nl.bronsein.devpki.DevCertificateAuthority;
import nl.bronsein.devpki.NodeCertificateRequest;
import nl.bronsein.devpki.NodeCredentials;
import nl.bronsein.runtime.RuntimeTables;
import nl.bronsein.runtime.audit.AuditOutcome;
import nl.bronsein.runtime.audit.AuditRecord;
import nl.bronsein.runtime.audit.AuditTrail;
import nl.bronsein.runtime.trust.NetworkCaller;
import nl.bronsein.runtime.trust.Participant;
import nl.bronsein.runtime.trust.ParticipantId;
import nl.bronsein.runtime.trust.ParticipantList;
import nl.bronsein.runtime.trust.ParticipantRole;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The door filter with its real connectors, participant list and audit trail (H2), on requests as Tomcat hands them
 * over: the connector's local port, the mapped path and the TLS client certificate. The staff door serves only the
 * staff API and the actuator; the network door only the network API, and that only to a caller whose certificate the
 * list pins for its own number — anyone else gets a 401 and an audit row naming who the certificate says they are.
 */
class DoorFilterTest {

    private static final String GP = "urn:nld:kvk:12345678";
    private static final int NETWORK_PORT = 8443;
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final DevCertificateAuthority ca = DevCertificateAuthority.generate("Door test CA");
    private final NodeCredentials gp = ca.issue(NodeCertificateRequest.of("Huisartsenpraktijk De Linde", "12345678"));
    private final Participant listedGp = new Participant(ParticipantId.of(GP), ParticipantRole.GP_PRACTICE, "De Linde",
            URI.create("https://gp.example:8443"), gp.sha256Fingerprint());
    private final Connectors connectors = new Connectors(new StaffApiProperties(0, "127.0.0.1", null));
    private final String referral = UUID.randomUUID().toString();
    private final Clock clock = Clock.fixed(Instant.parse("2026-11-24T10:00:00Z"), ZoneOffset.UTC);
    private AuditTrail audit;
    private DoorFilter filter;

    @BeforeEach
    void door() {
        audit = AuditTrail.withoutTracing(RuntimeTables.inMemoryH2("door-filter"), clock);
        ParticipantList participants = new ParticipantList(List.of(listedGp));
        filter = new DoorFilter(connectors, participants, new DoorAudit(audit, connectors, participants, clock), path -> false);
        assertThat(connectors.staffPort()).as("the doors must be told apart").isNotEqualTo(NETWORK_PORT);
    }

    @Test
    void theStaffDoorServesTheStaffApiAndTheActuator() throws Exception {
        for (String path : List.of("/api/referrals", "/actuator/health")) {
            MockFilterChain chain = new MockFilterChain();
            MockHttpServletResponse response = filter(onStaffDoor(path), chain);

            assertThat(chain.getRequest()).as(path).isNotNull();
            assertThat(response.getStatus()).isEqualTo(200);
        }
        assertThat(audit.all()).isEmpty();
    }

    @Test
    void theStaffDoorHasNoNetworkApiNorAnythingElse() throws Exception {
        for (String path : List.of("/network/v1/objects/referral/" + referral, "/", "/v3/api-docs")) {
            MockFilterChain chain = new MockFilterChain();
            MockHttpServletResponse response = filter(onStaffDoor(path), chain);

            assertThat(chain.getRequest()).as(path).isNull();
            assertProblem(response, 404, "Not found", "no such resource");
        }
    }

    @Test
    void theNetworkDoorHasNoStaffApiNorActuatorEvenForAListedCaller() throws Exception {
        for (String path : List.of("/api/referrals", "/actuator/health", "/")) {
            MockFilterChain chain = new MockFilterChain();
            MockHttpServletResponse response = filter(onNetworkDoor(path, gp.certificate()), chain);

            assertThat(chain.getRequest()).as(path).isNull();
            assertProblem(response, 404, "Not found", "no such resource");
        }
    }

    @Test
    void theStaffPagesAreOnTheStaffDoorOnlyAndOnlyWhenTheNodeSignsStaffIn() throws Exception {
        ParticipantList participants = new ParticipantList(List.of(listedGp));
        DoorFilter withPages = new DoorFilter(connectors, participants, new DoorAudit(audit, connectors, participants, clock), nl.bronsein.runtime.screen.ScreenPaths::matches);
        for (String path : List.of("/", "/app/", "/app/verwijzingen", "/login/oauth2/code/staff", "/oauth2/authorization/staff",
                "/logout", "/assets/bronsein.css", "/webjars/htmx.org/dist/htmx.min.js")) {
            MockFilterChain staffChain = new MockFilterChain();
            withPages.doFilter(onStaffDoor(path), new MockHttpServletResponse(), staffChain);
            assertThat(staffChain.getRequest()).as(path).isNotNull();

            MockFilterChain networkChain = new MockFilterChain();
            MockHttpServletResponse network = new MockHttpServletResponse();
            withPages.doFilter(onNetworkDoor(path, gp.certificate()), network, networkChain);
            assertThat(networkChain.getRequest()).as(path).isNull();
            assertProblem(network, 404, "Not found", "no such resource");

            MockFilterChain withoutPages = new MockFilterChain();
            assertProblem(filter(onStaffDoor(path), withoutPages), 404, "Not found", "no such resource");
            assertThat(withoutPages.getRequest()).as(path).isNull();
        }
        MockFilterChain other = new MockFilterChain();
        MockHttpServletResponse response = new MockHttpServletResponse();
        withPages.doFilter(onStaffDoor("/v3/api-docs"), response, other);
        assertProblem(response, 404, "Not found", "no such resource");
    }

    @Test
    void theMappedPathDecidesNotTheRawUri() throws Exception {
        MockHttpServletRequest network = onNetworkDoor("/api/referrals", gp.certificate());
        network.setRequestURI("/network/../api/referrals");
        MockFilterChain networkChain = new MockFilterChain();
        assertProblem(filter(network, networkChain), 404, "Not found", "no such resource");
        assertThat(networkChain.getRequest()).isNull();

        MockHttpServletRequest staff = onStaffDoor("/network/v1/objects/referral/" + referral);
        staff.setRequestURI("/api/../network/v1/objects/referral/" + referral);
        MockFilterChain staffChain = new MockFilterChain();
        assertProblem(filter(staff, staffChain), 404, "Not found", "no such resource");
        assertThat(staffChain.getRequest()).isNull();
    }

    @Test
    void aListedCallerIsLetThroughAndKnownToWhatServesIt() throws Exception {
        MockFilterChain chain = new MockFilterChain();

        MockHttpServletResponse response = filter(onNetworkDoor("/network/v1/objects/referral/" + referral,
                gp.certificate()), chain);

        assertThat(response.getStatus()).isEqualTo(200);
        assertThat(chain.getRequest()).isNotNull();
        assertThat(NetworkCaller.identified((HttpServletRequest) chain.getRequest()))
                .contains(listedGp);
        assertThat(audit.all()).as("what serves the pull records it, with its own outcome").isEmpty();
    }

    @Test
    void aCallerWithACertificateTheListDoesNotPinIsRefusedAndAudited() throws Exception {
        NodeCredentials unlisted = ca.issue(NodeCertificateRequest.of("Praktijk Zonder Lijst", "11223344"));

        assertUnknownCaller(unlisted.certificate(), "unlisted:" + unlisted.sha256Fingerprint());
    }

    @Test
    void aCallerWithoutACertificateIsRefusedAndAuditedAsAnonymous() throws Exception {
        assertUnknownCaller(null, "anonymous");
    }

    @Test
    void aPinnedCertificateIsRefusedWhenItsSubjectNamesAnotherParticipantsNumber() throws Exception {
        NodeCredentials otherNumber = ca.issue(NodeCertificateRequest.of("Huisartsenpraktijk De Linde", "87654321"));
        Participant pinnedForGp = new Participant(ParticipantId.of(GP), ParticipantRole.GP_PRACTICE, "De Linde",
                URI.create("https://gp.example:8443"), otherNumber.sha256Fingerprint());
        ParticipantList participants = new ParticipantList(List.of(pinnedForGp));
        filter = new DoorFilter(connectors, participants, new DoorAudit(audit, connectors, participants, clock), path -> false);

        assertUnknownCaller(otherNumber.certificate(), "unlisted:" + otherNumber.sha256Fingerprint());
    }

    @Test
    void anErrorAnsweredWithoutABodyGetsAProblemBodyAndOneWithABodyIsLeftAlone() throws Exception {
        FilterChain bodiless = (request, response) -> ((HttpServletResponse) response).setStatus(404);
        assertProblem(filter(onStaffDoor("/actuator/health/nothing"), bodiless), 404, "Not Found",
                "no such resource or not possible here");
        FilterChain notAllowed = (request, response) -> ((HttpServletResponse) response).setStatus(405);
        assertProblem(filter(onNetworkDoor("/network/v1/objects/referral/" + referral, gp.certificate()), notAllowed),
                405, "Method Not Allowed", "no such resource or not possible here");

        FilterChain withBody = (request, response) -> {
            HttpServletResponse answer = (HttpServletResponse) response;
            answer.setStatus(409);
            answer.setContentType(MediaType.TEXT_PLAIN_VALUE);
            answer.getWriter().write("its own answer");
        };
        MockHttpServletResponse answered = filter(onStaffDoor("/api/referrals"), withBody);
        assertThat(answered.getStatus()).isEqualTo(409);
        assertThat(answered.getContentAsString()).isEqualTo("its own answer");
    }

    private void assertUnknownCaller(X509Certificate certificate, String caller) throws Exception {
        MockHttpServletRequest request = onNetworkDoor("/network/v1/objects/referral/" + referral, certificate);
        request.setParameter("purpose", "intake");
        MockFilterChain chain = new MockFilterChain();

        MockHttpServletResponse response = filter(request, chain);

        assertThat(chain.getRequest()).isNull();
        assertProblem(response, 401, "Unknown participant", "the client certificate does not identify a listed participant");
        AuditRecord record = audit.all().get(0);
        assertThat(audit.all()).hasSize(1);
        assertThat(record).extracting(AuditRecord::at, AuditRecord::caller, AuditRecord::objectType, AuditRecord::objectId,
                AuditRecord::purpose, AuditRecord::outcome, AuditRecord::reason, AuditRecord::status, AuditRecord::name,
                AuditRecord::statusCode, AuditRecord::activity, AuditRecord::subject).containsExactly(
                Instant.parse("2026-11-24T10:00:00Z"), caller, "referral", referral, "intake",
                AuditOutcome.UNKNOWN_CALLER, "certificate not in the participant list", 401, "pull", "UNSET",
                "urn:bronsein:processing-activity:pull", null);
        assertThat(record.traceId()).matches("[0-9a-f]{32}");
        assertThat(record.spanId()).matches("[0-9a-f]{16}");
    }

    private MockHttpServletResponse filter(MockHttpServletRequest request, FilterChain chain)
            throws ServletException, IOException {
        MockHttpServletResponse response = new MockHttpServletResponse();
        filter.doFilter(request, response, chain);
        return response;
    }

    /** A request as Tomcat maps it on the default servlet: the whole path is the servlet path. */
    private static MockHttpServletRequest request(String path, int localPort) {
        MockHttpServletRequest request = new MockHttpServletRequest("GET", path);
        request.setServletPath(path);
        request.setLocalPort(localPort);
        return request;
    }

    private MockHttpServletRequest onStaffDoor(String path) {
        return request(path, connectors.staffPort());
    }

    private static MockHttpServletRequest onNetworkDoor(String path, X509Certificate clientCertificate) {
        MockHttpServletRequest request = request(path, NETWORK_PORT);
        if (clientCertificate != null) {
            request.setAttribute("jakarta.servlet.request.X509Certificate", new X509Certificate[] {clientCertificate});
        }
        return request;
    }

    private static void assertProblem(MockHttpServletResponse response, int status, String title, String detail)
            throws IOException {
        assertThat(response.getStatus()).isEqualTo(status);
        assertThat(response.getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        JsonNode problem = JSON.readTree(response.getContentAsString());
        assertThat(problem.get("status").asInt()).isEqualTo(status);
        assertThat(problem.get("title").asString()).isEqualTo(title);
        assertThat(problem.get("detail").asString()).isEqualTo(detail);
    }
}

package nl.bronsein.runtime.screen;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.oidcLogin;
import static org.springframework.security.test.web.servlet.setup.SecurityMockMvcConfigurers.springSecurity;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.context.WebApplicationContext;

import nl.bronsein.runtime.StaffPagesSettings;
import nl.bronsein.runtime.RuntimeOnlyNode;
import nl.bronsein.runtime.web.Connectors;

/**
 * The staff pages of a running node whose organisation signs its staff in with OpenID Connect: over real HTTP, the way
 * in (the authorization code flow with PKCE, the session cookie's flags, the page's security headers) and the doors
 * (no pages on the network port, the staff API still bearer-only); with a signed-in staff member (Spring Security's
 * test support standing in for the identity provider's ID token), what each role sees and may do, the CSRF token every
 * form needs, and the API's validation shown at the field with nothing changed.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StaffScreensTest {

    private static final String IDP = StaffPagesSettings.IDENTITY_PROVIDER;

    private final HttpClient http = HttpClient.newHttpClient();
    private RuntimeOnlyNode.WithBroker network;
    private ConfigurableApplicationContext node;
    private MockMvc mvc;
    private int staffPort;

    @BeforeAll
    void start() throws IOException {
        // with its broker: a node whose broker is away takes most of a minute to close its Kafka clients
        network = new RuntimeOnlyNode.WithBroker("staff-screens");
        Map<String, String> settings = network.settings();
        settings.putAll(StaffPagesSettings.forClient("municipality"));
        node = network.start(settings);
        staffPort = node.getBean(Connectors.class).staffPort();
        mvc = MockMvcBuilders.webAppContextSetup((WebApplicationContext) node).apply(springSecurity()).build();
    }

    @AfterAll
    void stop() {
        network.close();
    }

    @Test
    void aStaffMemberIsSentToTheIdentityProviderWithPkceAndGetsAStrictSessionCookie() throws Exception {
        HttpResponse<String> page = http.send(HttpRequest.newBuilder(staff("/app/")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(page.statusCode()).isEqualTo(302);
        assertThat(page.headers().firstValue("Location").orElseThrow()).endsWith("/oauth2/authorization/staff");

        HttpResponse<String> authorize = http.send(HttpRequest.newBuilder(staff("/oauth2/authorization/staff")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(authorize.statusCode()).isEqualTo(302);
        URI toIdp = URI.create(authorize.headers().firstValue("Location").orElseThrow());
        assertThat(toIdp.toString()).startsWith(IDP + "/oauth2/authorize?");
        assertThat(toIdp.getQuery()).contains("response_type=code", "client_id=municipality", "scope=openid profile",
                "code_challenge_method=S256", "code_challenge=", "state=", "nonce=",
                "redirect_uri=http://127.0.0.1:" + staffPort + "/login/oauth2/code/staff");
        String cookie = authorize.headers().firstValue("Set-Cookie").orElseThrow();

        // a page's poll after its session ended is told to reload the page, not sent to the identity provider
        HttpResponse<String> poll = http.send(HttpRequest.newBuilder(staff("/app/contactpunten")).header("HX-Request", "true")
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(poll.statusCode()).isEqualTo(401);
        assertThat(poll.headers().firstValue("HX-Refresh")).contains("true");
        assertThat(cookie).startsWith("BRONSEIN_STAFF_").contains("HttpOnly", "SameSite=Lax")
                .doesNotContain("Secure"); // this staff port speaks plain HTTP; over TLS the container adds it
    }

    @Test
    void pagesCarryAStrictContentPolicyAndExistOnTheStaffPortOnly() throws Exception {
        HttpResponse<String> signedOut = http.send(HttpRequest.newBuilder(staff("/app/afgemeld")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(signedOut.statusCode()).isEqualTo(200);
        assertThat(signedOut.body()).contains("<html lang=\"nl\"", "U bent afgemeld");
        assertThat(signedOut.headers().firstValue("Content-Security-Policy").orElseThrow())
                .contains("default-src 'self'", "frame-ancestors 'none'");
        assertThat(signedOut.headers().firstValue("Referrer-Policy")).contains("no-referrer");

        // the staff API still wants a bearer token, and answers problem+json, never a redirect to a sign-in page
        HttpResponse<String> api = http.send(HttpRequest.newBuilder(staff("/api/v1/contact-points")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(api.statusCode()).isEqualTo(401);
        assertThat(api.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/problem+json");
    }

    @Test
    void theAdministratorPublishesAContactPointAndAnotherRoleSeesNoFormAndIsRefused() throws Exception {
        String asAssistant = mvc.perform(get("/app/contactpunten").with(signedIn("assistent", "PRACTICE_ASSISTANT")))
                .andReturn().getResponse().getContentAsString();
        assertThat(asAssistant).contains("Contactpunten en deelnemers", "Gemeente Zwolle", "Huisartsenpraktijk De Linde")
                .doesNotContain("Contactpunt publiceren");
        MvcResult refused = mvc.perform(post("/app/contactpunten").with(signedIn("assistent", "PRACTICE_ASSISTANT")).with(csrf())
                .param("name", "Wijkteam Zuid").param("phone", "038-4981000")).andReturn();
        assertThat(refused.getResponse().getStatus()).isEqualTo(403);
        // said on a page of its own, not in the API's problem+json
        assertThat(refused.getResponse().getForwardedUrl()).isEqualTo(HomeScreen.NO_TASK);
        String noTask = mvc.perform(get(HomeScreen.NO_TASK).with(signedIn("assistent", "PRACTICE_ASSISTANT")))
                .andReturn().getResponse().getContentAsString();
        assertThat(noTask).contains("Geen toegang", "Uw rol geeft deze taak niet");

        String asAdministrator = mvc.perform(get("/app/contactpunten").with(signedIn("beheer", "NODE_ADMIN")))
                .andReturn().getResponse().getContentAsString();
        assertThat(asAdministrator).contains("Contactpunt publiceren", "name=\"_csrf\"");

        MvcResult published = mvc.perform(post("/app/contactpunten").with(signedIn("beheer", "NODE_ADMIN")).with(csrf())
                .param("name", "Wijkteam Zuid").param("phone", "038-4981000").param("email", "")).andReturn();
        assertThat(published.getResponse().getStatus()).isEqualTo(302);
        assertThat(published.getResponse().getRedirectedUrl()).isEqualTo("/app/contactpunten");
        assertThat(contactPoints()).isEqualTo(1);
    }

    @Test
    void aFormWithoutItsCsrfTokenOrWithBadInputChangesNothing() throws Exception {
        long before = contactPoints();
        long outboxBefore = outbox();
        MvcResult forged = mvc.perform(post("/app/contactpunten").with(signedIn("beheer", "NODE_ADMIN"))
                .param("name", "Wijkteam Noord").param("phone", "038-4981000")).andReturn();
        assertThat(forged.getResponse().getStatus()).isEqualTo(403);

        String rejected = mvc.perform(post("/app/contactpunten").with(signedIn("beheer", "NODE_ADMIN")).with(csrf())
                .param("name", "").param("phone", "bel maar")).andReturn().getResponse().getContentAsString();
        // the API's own validation, in Dutch whatever the browser asks for, shown at each field and tied to it for a
        // screen reader
        assertThat(rejected).contains("id=\"cp-name-error\"", "id=\"cp-phone-error\"", "moet een telefoonnummer zijn",
                "vul dit in", "aria-invalid=\"true\"", "aria-describedby=\"cp-phone-error\"");
        assertThat(contactPoints()).isEqualTo(before);
        assertThat(outbox()).isEqualTo(outboxBefore);
    }

    @Test
    void signingOutEndsTheSessionAtTheIdentityProviderTooSoTheNextPersonAtTheDeskSignsInAsThemselves() throws Exception {
        MvcResult signedOut = mvc.perform(post("/logout").with(signedIn("assistent", "PRACTICE_ASSISTANT")).with(csrf()))
                .andReturn();
        assertThat(signedOut.getResponse().getStatus()).isEqualTo(302);
        URI toIdp = URI.create(signedOut.getResponse().getRedirectedUrl());
        assertThat(toIdp.toString()).startsWith(IDP + "/connect/logout?");
        assertThat(toIdp.getQuery()).contains("id_token_hint=id-token", "post_logout_redirect_uri=http://localhost/");
    }

    /**
     * The citizen's access report at the municipality's desk (its intake officers): the BSN is posted, never put in an
     * address, and the report is the answer, in words; the report is itself recorded. Here rather than in a class of
     * its own beside {@code CitizenAccessScreens}: it needs this node, and another would cost the suite a node's start.
     */
    @Test
    void theDeskMakesACitizensAccessReportFromAPostedBsnAndNobodyElseDoes() throws Exception {
        String bsn = "999990019";
        recordStaffRead(bsn, "staff:wijkteam-1");

        String menu = mvc.perform(get("/app/").with(signedIn("intake", "INTAKE_OFFICER"))).andReturn().getResponse()
                .getContentAsString();
        assertThat(menu).contains("href=\"/app/inzage\"");
        assertThat(mvc.perform(get("/app/").with(signedIn("beheer", "NODE_ADMIN"))).andReturn().getResponse()
                .getContentAsString()).doesNotContain("/app/inzage");
        MvcResult notTheDesk = mvc.perform(get("/app/inzage").with(signedIn("beheer", "NODE_ADMIN"))).andReturn();
        assertThat(notTheDesk.getResponse().getStatus()).isEqualTo(403);
        assertThat(notTheDesk.getResponse().getForwardedUrl()).isEqualTo(HomeScreen.NO_TASK);
        assertThat(mvc.perform(post("/app/inzage").with(signedIn("beheer", "NODE_ADMIN")).with(csrf()).param("bsn", bsn))
                .andReturn().getResponse().getStatus()).isEqualTo(403);
        assertThat(mvc.perform(post("/app/inzage").with(signedIn("intake", "INTAKE_OFFICER")).param("bsn", bsn))
                .andReturn().getResponse().getStatus()).as("without the form's CSRF token").isEqualTo(403);
        assertThat(reports()).as("no report made for a refused request").isZero();

        String wrong = mvc.perform(post("/app/inzage").with(signedIn("intake", "INTAKE_OFFICER")).with(csrf())
                .param("bsn", "123456789")).andReturn().getResponse().getContentAsString();
        assertThat(wrong).contains("aria-invalid=\"true\"", "moet een geldig burgerservicenummer zijn")
                .doesNotContain("Wie heeft de gegevens ingezien");
        assertThat(reports()).isZero();

        MvcResult made = mvc.perform(post("/app/inzage").with(signedIn("intake", "INTAKE_OFFICER")).with(csrf())
                .param("bsn", bsn)).andReturn();
        assertThat(made.getResponse().getStatus()).as("the answer to the post, not a redirect to an address").isEqualTo(200);
        assertThat(made.getResponse().getHeader("Cache-Control")).contains("no-store");
        assertThat(made.getResponse().getContentAsString()).contains("Wie heeft de gegevens ingezien",
                "een medewerker van Gemeente Zwolle", "uw melding bij de gemeente", "ingezien", "Gevraagd bij")
                .doesNotContain("staff:wijkteam-1", "STAFF_READ", "ALLOWED");
        assertThat(reports()).isEqualTo(1);
    }

    /**
     * The privacy officer's page of the processing log: the staff API's search and export, each read recorded first;
     * criteria posted, bad ones shown at their field with nothing read.
     */
    @Test
    void thePrivacyOfficerSearchesAndExportsTheProcessingLogAndNobodyElseDoes() throws Exception {
        String bsn = "999993653";
        recordStaffRead(bsn, "staff:intake-7");
        assertThat(mvc.perform(get("/app/").with(signedIn("fg", "PRIVACY_OFFICER"))).andReturn().getResponse()
                .getContentAsString()).contains("href=\"/app/verwerkingslog\"").doesNotContain("/app/inzage");
        MvcResult notTheirs = mvc.perform(post("/app/verwerkingslog").with(signedIn("intake", "INTAKE_OFFICER")).with(csrf())
                .param("bsn", bsn)).andReturn();
        assertThat(notTheirs.getResponse().getStatus()).isEqualTo(403);
        long reads = logReads();

        String wrong = mvc.perform(post("/app/verwerkingslog").with(signedIn("fg", "PRIVACY_OFFICER")).with(csrf())
                .param("bsn", "123").param("from", "2026-12-05").param("to", "2026-12-01")).andReturn().getResponse()
                .getContentAsString();
        assertThat(wrong).contains("moet een geldig burgerservicenummer zijn").doesNotContain("Gevonden verwerkingen");
        String backwards = mvc.perform(post("/app/verwerkingslog").with(signedIn("fg", "PRIVACY_OFFICER")).with(csrf())
                .param("from", "2026-12-05").param("to", "2026-12-01")).andReturn().getResponse().getContentAsString();
        assertThat(backwards).contains("moet op of na de eerste dag liggen").doesNotContain("Gevonden verwerkingen");
        assertThat(logReads()).as("nothing read, so nothing recorded").isEqualTo(reads);

        String found = mvc.perform(post("/app/verwerkingslog").with(signedIn("fg", "PRIVACY_OFFICER")).with(csrf())
                .param("bsn", bsn)).andReturn().getResponse().getContentAsString();
        assertThat(found).contains("Gevonden verwerkingen", "staff-read", "staff:intake-7").doesNotContain(bsn + "<");
        assertThat(logReads()).isEqualTo(reads + 1);

        MvcResult export = mvc.perform(post("/app/verwerkingslog/export").with(signedIn("fg", "PRIVACY_OFFICER")).with(csrf()))
                .andReturn();
        assertThat(export.getResponse().getStatus()).isEqualTo(200);
        assertThat(export.getResponse().getContentType()).startsWith("application/x-ndjson");
        assertThat(export.getResponse().getHeader("Content-Disposition")).contains("attachment", "verwerkingslog.jsonl");
        assertThat(export.getResponse().getContentAsString()).startsWith("{\"chain_before\"");
        assertThat(logReads()).isEqualTo(reads + 2);
        MvcResult badExport = mvc.perform(post("/app/verwerkingslog/export").with(signedIn("fg", "PRIVACY_OFFICER"))
                .with(csrf()).param("from", "gisteren")).andReturn();
        assertThat(badExport.getResponse().getStatus()).isEqualTo(400);
        assertThat(badExport.getResponse().getContentAsString()).contains("from");
        assertThat(logReads()).isEqualTo(reads + 2);
    }

    private long logReads() {
        return node.getBean(JdbcClient.class).sql("select count(*) from audit_record where name = 'processing-log-read'")
                .query(Long.class).single();
    }

    /** A member of staff read a case of the citizen's: what the log then holds about them. */
    private void recordStaffRead(String bsn, String staffMember) {
        node.getBean(nl.bronsein.runtime.audit.AuditTrail.class).record(new nl.bronsein.runtime.audit.Processing(
                nl.bronsein.runtime.audit.Processing.STAFF_READ, staffMember, "case",
                java.util.UUID.randomUUID().toString(), null, nl.bronsein.runtime.audit.AuditOutcome.ALLOWED, "read",
                200, java.util.Optional.of(bsn), null));
    }

    private long reports() {
        return node.getBean(JdbcClient.class).sql("select count(*) from audit_record where name = 'citizen-insight'")
                .query(Long.class).single();
    }

    private static org.springframework.test.web.servlet.request.RequestPostProcessor signedIn(String subject, String role) {
        return oidcLogin().idToken(token -> token.subject(subject).claim("roles", List.of(role)))
                .authorities(new SimpleGrantedAuthority("ROLE_" + role));
    }

    private long contactPoints() {
        return node.getBean(JdbcClient.class).sql("select count(*) from contact_point").query(Long.class).single();
    }

    private long outbox() {
        return node.getBean(JdbcClient.class).sql("select count(*) from outbox_entry").query(Long.class).single();
    }

    private URI staff(String path) {
        return URI.create("http://127.0.0.1:" + staffPort + path);
    }
}

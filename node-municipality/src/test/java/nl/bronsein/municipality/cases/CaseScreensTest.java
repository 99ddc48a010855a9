package nl.bronsein.municipality.cases;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.oidcLogin;
import static org.springframework.security.test.web.servlet.setup.SecurityMockMvcConfigurers.springSecurity;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.nio.file.Files;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.RequestPostProcessor;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.context.WebApplicationContext;

import nl.bronsein.runtime.StaffPagesSettings;
import nl.bronsein.municipality.MunicipalityNodeApplication;
import nl.bronsein.runtime.SliceNetwork;
import nl.bronsein.runtime.contactpoint.ContactPointService;
import nl.bronsein.runtime.copy.PulledCopies;
import nl.bronsein.runtime.copy.PulledCopy;
import nl.bronsein.runtime.pull.Withdrawal;
import nl.bronsein.schemas.SharedObjectType;
import nl.bronsein.schemas.view.AssignmentStatus;
import nl.bronsein.schemas.view.AssignmentView;
import nl.bronsein.schemas.view.CaseStatus;
import nl.bronsein.schemas.view.ConsentStatus;
import nl.bronsein.schemas.view.ContactPointView;
import nl.bronsein.schemas.view.DecisionOutcome;
import nl.bronsein.schemas.view.ReferralIntakeView;
import nl.bronsein.schemas.view.ReferralStatus;

/**
 * The municipality's worklist and case pages on a running municipality node (no broker: the pages need none), with a
 * signed-in staff member (Spring Security's test support standing in for the identity provider's ID token): what each
 * role sees and may do, each step through its form with its notification in the outbox, the API's validation and the
 * lifecycle's refusals shown on the page with nothing changed, and the polled fragments answering 204 — and recording no
 * staff read — while nothing changed. Cases are opened as the intake opens them, from a pulled referral.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CaseScreensTest {

    private static final String GP = SliceNetwork.GP;

    private ConfigurableApplicationContext node;
    private MockMvc mvc;
    private CaseService service;
    private CaseRepository cases;
    private JdbcClient jdbc;
    private UUID wijkteam;

    @BeforeAll
    void start() throws Exception {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("bronsein.node.participant-id", SliceNetwork.MUNICIPALITY);
        settings.put("bronsein.data-dir", Files.createTempDirectory("case-screens").toString());
        settings.put("spring.kafka.bootstrap-servers", "127.0.0.1:1");
        settings.put("server.port", "0");
        settings.put("bronsein.staff-api.port", "0");
        settings.put("bronsein.catch-up.enabled", "false");
        settings.put("bronsein.staff.issuer", "https://login.zwolle.example");
        settings.put("bronsein.staff.audience", "bronsein-zwolle");
        settings.put("bronsein.staff.jwk-set-uri", "https://login.zwolle.example/keys");
        settings.putAll(StaffPagesSettings.forClient("municipality"));
        // the slice's network (a GP, two municipalities, two providers) on a fresh in-memory database
        node = MunicipalityNodeApplication.builder().initializers(new SliceNetwork())
                .run(settings.entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue()).toArray(String[]::new));
        mvc = MockMvcBuilders.webAppContextSetup((WebApplicationContext) node).apply(springSecurity()).build();
        service = node.getBean(CaseService.class);
        cases = node.getBean(CaseRepository.class);
        jdbc = node.getBean(JdbcClient.class);
        wijkteam = node.getBean(ContactPointService.class).publish(
                new ContactPointView("Wijkteam Zwolle-Zuid", "038-4984000", null), Instant.now().minusSeconds(60)).id();
    }

    @AfterAll
    void stop() {
        if (node != null) {
            node.close();
        }
    }

    @Test
    void theWorklistShowsOpenCasesMostUrgentFirstToBothRolesAndToNoOther() throws Exception {
        UUID regular = received("REGULAR");
        UUID urgent = received("URGENT");

        for (String role : List.of("WIJKTEAM_MEMBER", "INTAKE_OFFICER")) {
            String page = page(get("/app/werklijst"), role);
            assertThat(page).contains("<h1>Werklijst</h1>", "id=\"werklijst\"", "data-case=\"" + regular + "\"",
                    "hx-get=\"/app/werklijst/stand?versie=", "hx-trigger=\"every 3s\"", "class=\"badge urgent\"",
                    "href=\"/app/werklijst\">Werklijst</a>");
            // urgency first: the urgent case, though younger, is above the regular one
            assertThat(page.indexOf("data-case=\"" + urgent + "\"")).isLessThan(page.indexOf("data-case=\"" + regular + "\""));
        }
        assertThat(status(get("/app/werklijst"), "NODE_ADMIN")).isEqualTo(403);
        // a concluded, returned or closed case is out of the way, under its own filter
        UUID closed = received("REGULAR");
        service.closeWithoutDecision(closed, "geen contact");
        assertThat(page(get("/app/werklijst"), "INTAKE_OFFICER")).doesNotContain("data-case=\"" + closed + "\"");
        assertThat(page(get("/app/werklijst").param("toestand", "afgesloten"), "INTAKE_OFFICER"))
                .contains("data-case=\"" + closed + "\"").doesNotContain("data-case=\"" + regular + "\"");
    }

    @Test
    void theWorklistAnswers204WhileNothingChangedAndTheNewCaseOnceOneArrives() throws Exception {
        String page = page(get("/app/werklijst"), "WIJKTEAM_MEMBER");
        String version = between(page, "/app/werklijst/stand?versie=", "&amp;");

        assertThat(status(get("/app/werklijst/stand").param("versie", version).param("toestand", "open"), "WIJKTEAM_MEMBER"))
                .isEqualTo(204);

        UUID arrived = received("REGULAR");
        MvcResult changed = perform(get("/app/werklijst/stand").param("versie", version).param("toestand", "open"),
                "WIJKTEAM_MEMBER");
        assertThat(changed.getResponse().getStatus()).isEqualTo(200);
        String fragment = changed.getResponse().getContentAsString();
        assertThat(fragment).contains("data-case=\"" + arrived + "\"", "id=\"werklijst-stand\"")
                .doesNotContain("<html", "stand?versie=" + version + "&amp;");
    }

    @Test
    void eachRoleSeesOnlyTheStepsItMayTakeAndIsRefusedTheOthers() throws Exception {
        UUID id = received("REGULAR");
        long reads = staffReads(id);

        String wijkteamPage = page(get("/app/casussen/" + id), "WIJKTEAM_MEMBER");
        assertThat(wijkteamPage).contains("id=\"oppakken-form\"", "id=\"contactpunt\"", "Wijkteam Zwolle-Zuid",
                        "id=\"oppakken\"", "id=\"sluiten-form\"", "name=\"_csrf\"", "J. Jansen", "999990019",
                        "versie 1", GP)
                .doesNotContain("id=\"besluit-form\"", "id=\"terugsturen-form\"", "id=\"toewijzen-form\"");
        // the read is recorded as the staff API's get records it
        assertThat(staffReads(id)).isEqualTo(reads + 1);

        String intakePage = page(get("/app/casussen/" + id), "INTAKE_OFFICER");
        // a new case is not yet for a decision: the officer may return or close it
        assertThat(intakePage).contains("id=\"terugsturen-form\"", "id=\"sluiten-form\"", SliceNetwork.OTHER_MUNICIPALITY)
                .doesNotContain("id=\"oppakken-form\"", "id=\"besluit-form\"",
                        "<option value=\"" + SliceNetwork.MUNICIPALITY + "\"");
        assertThat(status(get("/app/casussen/" + id), "NODE_ADMIN")).isEqualTo(403);

        long outbox = outbox();
        assertThat(status(post("/app/casussen/" + id + "/oppakken").with(csrf()).param("contactPointId", wijkteam.toString()),
                "INTAKE_OFFICER")).isEqualTo(403);
        assertThat(status(post("/app/casussen/" + id + "/besluit").with(csrf()).param("outcome", "DECLINED")
                .param("reason", "geen beperking"), "WIJKTEAM_MEMBER")).isEqualTo(403);
        assertThat(cases.find(id).orElseThrow().status()).isEqualTo(CaseStatus.RECEIVED);
        assertThat(outbox()).isEqualTo(outbox);
    }

    @Test
    void aCaseGoesFromPickUpToConclusionThroughItsFormsEachStepWithItsNotification() throws Exception {
        UUID id = received("REGULAR");

        step(post("/app/casussen/" + id + "/oppakken").param("contactPointId", wijkteam.toString()), "WIJKTEAM_MEMBER",
                id, CaseStatus.PICKED_UP);
        String decidable = page(get("/app/casussen/" + id), "INTAKE_OFFICER");
        assertThat(decidable).contains("id=\"besluit-form\"", "id=\"besluit-opslaan\"", "opgepakt, wacht op besluit",
                "Wijkteam Zwolle-Zuid");
        step(post("/app/casussen/" + id + "/besluit").param("outcome", "GRANTED")
                .param("productCategory", "begeleiding-individueel").param("reason", "").param("generalProvision", ""),
                "INTAKE_OFFICER", id, CaseStatus.DECIDED);
        // a granted case goes to a provider first: no conclusion offered yet, and nothing else for the wijkteam
        assertThat(page(get("/app/casussen/" + id), "WIJKTEAM_MEMBER")).doesNotContain("id=\"afronden-form\"")
                .contains("Er is nu geen stap voor uw rol.");
        String assignable = page(get("/app/casussen/" + id), "INTAKE_OFFICER");
        assertThat(assignable).contains("id=\"toewijzen-form\"", "id=\"aanbieder\"",
                "<option value=\"" + SliceNetwork.PROVIDER + "\"", "<option value=\"" + SliceNetwork.OTHER_PROVIDER + "\"");
        step(post("/app/casussen/" + id + "/toewijzen").param("provider", SliceNetwork.PROVIDER), "INTAKE_OFFICER", id,
                CaseStatus.ASSIGNED);
        assertThat(page(get("/app/casussen/" + id), "WIJKTEAM_MEMBER")).contains("id=\"afronden-form\"", "id=\"afronden\"");
        step(post("/app/casussen/" + id + "/afronden").param("conclusion", "zorg geleverd"), "WIJKTEAM_MEMBER", id,
                CaseStatus.CONCLUDED);

        Case concluded = cases.find(id).orElseThrow();
        assertThat(concluded.contactPointId()).isEqualTo(wijkteam);
        assertThat(concluded.decision().outcome()).isEqualTo(DecisionOutcome.GRANTED);
        assertThat(concluded.assignedProvider()).isEqualTo(SliceNetwork.PROVIDER);
        assertThat(concluded.conclusion()).isEqualTo("zorg geleverd");
        assertThat(page(get("/app/casussen/" + id), "WIJKTEAM_MEMBER")).contains("afgerond", "De casus is afgesloten.")
                .doesNotContain("<form id=\"");
    }

    @Test
    void badInputIsShownAtItsFieldAndAnIllegalStepAsAProblemWithNothingChanged() throws Exception {
        UUID id = received("REGULAR");
        service.pickUp(id, wijkteam);
        Case before = cases.find(id).orElseThrow();
        long outbox = outbox();

        String rejected = page(post("/app/casussen/" + id + "/besluit").with(csrf()).param("outcome", "GRANTED")
                .param("productCategory", " "), "INTAKE_OFFICER");
        assertThat(rejected).contains("id=\"productcategorie-error\"", "een toegekend besluit noemt de productcategorie",
                "aria-describedby=\"productcategorie-error\"", "aria-invalid=\"true\"");


        MvcResult twice = perform(post("/app/casussen/" + id + "/oppakken").with(csrf())
                .param("contactPointId", wijkteam.toString()), "WIJKTEAM_MEMBER");
        assertThat(twice.getResponse().getStatus()).isEqualTo(409);
        assertThat(twice.getResponse().getContentAsString()).contains("class=\"problem\" role=\"alert\"",
                "er is niets gewijzigd", "<h1>Casus</h1>");

        // from a page drawn before the pick-up: the form is gone, so its field error could not show; a problem does
        MvcResult stale = perform(post("/app/casussen/" + id + "/oppakken").with(csrf()).param("contactPointId", ""),
                "WIJKTEAM_MEMBER");
        assertThat(stale.getResponse().getStatus()).isEqualTo(409);
        assertThat(stale.getResponse().getContentAsString()).contains("class=\"problem\" role=\"alert\"",
                "opgepakt, wacht op besluit); er is niets gewijzigd").doesNotContain("id=\"oppakken-form\"");

        MvcResult forged = perform(post("/app/casussen/" + id + "/sluiten").param("reason", "geen contact"),
                "WIJKTEAM_MEMBER");
        assertThat(forged.getResponse().getStatus()).isEqualTo(403);

        assertThat(cases.find(id)).contains(before);
        assertThat(outbox()).isEqualTo(outbox);
    }

    @Test
    void aRefusalOfTheServiceLandsAtItsFieldWithNothingChanged() throws Exception {
        UUID id = received("REGULAR");
        service.pickUp(id, wijkteam);
        service.decide(id, DecisionOutcome.GRANTED, "begeleiding-individueel", null, null);
        Case before = cases.find(id).orElseThrow();
        long outbox = outbox();

        // a GP is no provider: the service's refusal, which the API answers 400 on field provider, shows at that field
        String notOurs = page(post("/app/casussen/" + id + "/toewijzen").with(csrf()).param("provider", GP),
                "INTAKE_OFFICER");
        assertThat(notOurs).contains("id=\"aanbieder-error\"", "is not a provider in the participant list",
                "aria-describedby=\"aanbieder-error\"");

        assertThat(cases.find(id)).contains(before);
        assertThat(outbox()).isEqualTo(outbox);
    }

    @Test
    void theCasePageAnswers204WithoutRecordingAReadUntilTheCaseChanges() throws Exception {
        UUID id = received("URGENT");
        String page = page(get("/app/casussen/" + id), "INTAKE_OFFICER");
        String version = between(page, "/app/casussen/" + id + "/stand?versie=", "\"");
        long reads = staffReads(id);
        long records = jdbc.sql("select count(*) from audit_record").query(Long.class).single();

        assertThat(status(get("/app/casussen/" + id + "/stand").param("versie", version), "INTAKE_OFFICER")).isEqualTo(204);
        assertThat(staffReads(id)).as("a poll that finds nothing new reads no one's data").isEqualTo(reads);
        assertThat(jdbc.sql("select count(*) from audit_record").query(Long.class).single())
                .as("nor writes a processing record every few seconds").isEqualTo(records);

        service.pickUp(id, wijkteam);
        MvcResult changed = perform(get("/app/casussen/" + id + "/stand").param("versie", version), "INTAKE_OFFICER");
        assertThat(changed.getResponse().getStatus()).isEqualTo(200);
        assertThat(changed.getResponse().getContentAsString()).contains("id=\"casus-stand\"", "opgepakt, wacht op besluit")
                .doesNotContain("<html", "stand?versie=" + version + "\"");
        assertThat(staffReads(id)).isEqualTo(reads + 1);

        assertThat(status(get("/app/casussen/" + UUID.randomUUID()), "INTAKE_OFFICER")).isEqualTo(404);
    }

    @Test
    void aWithdrawnReferralShowsAsSuchAndItsCaseCanOnlyBeClosedOrConcluded() throws Exception {
        UUID id = received("URGENT");
        service.pickUp(id, wijkteam);
        service.basisWithdrawn(GP, cases.find(id).orElseThrow().referralId(), Withdrawal.OBJECT_WITHDRAWN);
        Case before = cases.find(id).orElseThrow();
        long outbox = outbox();

        String worklist = page(get("/app/werklijst"), "INTAKE_OFFICER");
        String row = worklist.substring(worklist.indexOf("data-case=\"" + id + "\""));
        assertThat(row.substring(0, row.indexOf("</tr>"))).contains("verwijzing ingetrokken").doesNotContain("badge urgent");
        String page = page(get("/app/casussen/" + id), "INTAKE_OFFICER");
        // the content is left out, as the case API leaves it out; the steps left are closing (and returning) it
        assertThat(page).contains("is ingetrokken op", "id=\"sluiten-form\"").doesNotContain("id=\"besluit-form\"", "J. Jansen");

        MvcResult refused = perform(post("/app/casussen/" + id + "/besluit").with(csrf()).param("outcome", "DECLINED")
                .param("reason", "geen beperking"), "INTAKE_OFFICER");
        assertThat(refused.getResponse().getStatus()).isEqualTo(409);
        assertThat(refused.getResponse().getContentAsString()).contains("class=\"problem\" role=\"alert\"",
                "opgepakt, wacht op besluit; de verwijzing, de toestemming of het verzoek waarop de casus rust is ingetrokken");
        assertThat(cases.find(id)).contains(before);
        assertThat(outbox()).isEqualTo(outbox);
    }

    @Test
    void theProvidersAcceptanceAndCareStartShowOnTheCasePageAtTheNextPoll() throws Exception {
        UUID id = received("REGULAR");
        service.pickUp(id, wijkteam);
        service.decide(id, DecisionOutcome.GRANTED, "begeleiding-individueel", null, null);
        service.assign(id, SliceNetwork.PROVIDER);
        String assignmentId = UUID.randomUUID().toString();
        // as the follow-up keeps what the provider reported: its pulled copy, and which case it carries out
        provider(assignmentId, 1, AssignmentStatus.OFFERED);
        jdbc.sql("insert into followed_assignment (provider, assignment_id, case_id, first_seen_at) values (:p, :a, :c, :at)")
                .param("p", SliceNetwork.PROVIDER).param("a", assignmentId).param("c", id)
                .param("at", java.sql.Timestamp.from(Instant.now())).update();
        String page = page(get("/app/casussen/" + id), "WIJKTEAM_MEMBER");
        assertThat(page).contains("id=\"toewijzingen\"", "aangeboden");
        String version = between(page, "/app/casussen/" + id + "/stand?versie=", "\"");
        assertThat(status(get("/app/casussen/" + id + "/stand").param("versie", version), "WIJKTEAM_MEMBER")).isEqualTo(204);

        provider(assignmentId, 2, AssignmentStatus.ACCEPTED);
        MvcResult accepted = perform(get("/app/casussen/" + id + "/stand").param("versie", version), "WIJKTEAM_MEMBER");
        assertThat(accepted.getResponse().getStatus()).isEqualTo(200);
        String fragment = accepted.getResponse().getContentAsString();
        assertThat(fragment).contains("geaccepteerd door de aanbieder");

        provider(assignmentId, 3, AssignmentStatus.CARE_STARTED);
        String next = between(fragment, "/app/casussen/" + id + "/stand?versie=", "\"");
        assertThat(perform(get("/app/casussen/" + id + "/stand").param("versie", next), "WIJKTEAM_MEMBER")
                .getResponse().getContentAsString()).contains("zorg gestart");
    }

    private void provider(String assignmentId, int version, AssignmentStatus status) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        AssignmentView view = new AssignmentView(assignmentId, version, SliceNetwork.PROVIDER, status, null, null,
                "begeleiding-individueel", now, status == AssignmentStatus.OFFERED ? null : now, null, null,
                status == AssignmentStatus.CARE_STARTED ? now : null, null);
        node.getBean(PulledCopies.class).keep(new PulledCopy<>(SliceNetwork.PROVIDER, SharedObjectType.ASSIGNMENT,
                assignmentId, version, "assignment-follow-up", now, view, null, null));
    }

    private UUID received(String urgency) {
        String referralId = UUID.randomUUID().toString();
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        ReferralIntakeView view = new ReferralIntakeView(referralId, 1, GP, ReferralStatus.RECORDED, now,
                new ReferralIntakeView.Citizen("999990019", "J. Jansen", null, null, null),
                new ReferralIntakeView.ContactPerson("A. Jansen", "partner", "0612345678"),
                new ReferralIntakeView.Consent("c-" + referralId, now, "ORAL", null,
                        List.of("intake", "referral-feedback", "care-delivery"), ConsentStatus.GIVEN),
                "begeleiding", "eenzaam", urgency, null, SliceNetwork.MUNICIPALITY, null, null);
        return service.receive(new PulledCopy<>(GP, SharedObjectType.REFERRAL, referralId, 1, "intake", now, view, null,
                null)).id();
    }

    /** A step through its form: back to the case with a notice, the case in {@code expected}, one notification more. */
    private void step(MockHttpServletRequestBuilder form, String role, UUID id, CaseStatus expected) throws Exception {
        long outbox = outbox();
        MvcResult done = perform(form.with(csrf()), role);
        assertThat(done.getResponse().getStatus()).isEqualTo(302);
        assertThat(done.getResponse().getRedirectedUrl()).isEqualTo("/app/casussen/" + id);
        assertThat(done.getFlashMap().get("notice")).isNotNull();
        assertThat(cases.find(id).orElseThrow().status()).isEqualTo(expected);
        assertThat(outbox()).isGreaterThan(outbox);
    }

    private String page(MockHttpServletRequestBuilder request, String role) throws Exception {
        MvcResult result = perform(request, role);
        assertThat(result.getResponse().getStatus()).as(request.toString()).isIn(200, 409);
        return result.getResponse().getContentAsString();
    }

    private int status(MockHttpServletRequestBuilder request, String role) throws Exception {
        return perform(request, role).getResponse().getStatus();
    }

    private MvcResult perform(MockHttpServletRequestBuilder request, String role) throws Exception {
        return mvc.perform(request.with(signedIn(role))).andReturn();
    }

    private static RequestPostProcessor signedIn(String role) {
        return oidcLogin().idToken(token -> token.subject("medewerker-" + role.toLowerCase()).claim("roles", List.of(role)))
                .authorities(new SimpleGrantedAuthority("ROLE_" + role));
    }

    private static String between(String text, String from, String to) {
        int start = text.indexOf(from);
        assertThat(start).as(from).isNotNegative();
        start += from.length();
        return text.substring(start, text.indexOf(to, start));
    }

    private long staffReads(UUID id) {
        return jdbc.sql("select count(*) from audit_record where name = 'staff-read' and object_id = :id")
                .param("id", id.toString()).query(Long.class).single();
    }

    private long outbox() {
        return jdbc.sql("select count(*) from outbox_entry").query(Long.class).single();
    }
}

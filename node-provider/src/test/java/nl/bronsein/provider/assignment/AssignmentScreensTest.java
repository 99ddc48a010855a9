package nl.bronsein.provider.assignment;

import static nl.bronsein.provider.Fixtures.GP;
import static nl.bronsein.provider.Fixtures.MUNICIPALITY;
import static nl.bronsein.provider.Fixtures.NOW;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import nl.bronsein.provider.Fixtures;
import nl.bronsein.provider.StaffPagesNode;
import nl.bronsein.runtime.copy.PulledCopies;
import nl.bronsein.runtime.copy.PulledCopy;
import nl.bronsein.schemas.SharedObjectType;
import nl.bronsein.schemas.view.AssignmentStatus;
import nl.bronsein.schemas.view.CaseCareDeliveryView;
import nl.bronsein.schemas.view.CaseStatus;
import nl.bronsein.schemas.view.ConsentStatus;
import nl.bronsein.schemas.view.ContactPointView;
import nl.bronsein.schemas.view.DecisionOutcome;
import nl.bronsein.schemas.view.DecisionView;
import nl.bronsein.schemas.view.ObjectReferenceView;

/**
 * The planner's assignment pages on a running provider node ({@link StaffPagesNode}) that signs its staff in (Spring Security's test support
 * standing in for the identity provider's ID token): what the planner sees and another role does not, each step taken
 * through the page with its notification in the outbox, a refused step and a decline without a reason changing
 * nothing, a form without its CSRF token refused, and the polls answering 204 until something moved.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AssignmentScreensTest {

    private static final Pattern POLL = Pattern.compile("hx-get=\"([^\"]+)\"");

    private ConfigurableApplicationContext node;
    private MockMvc mvc;
    private AssignmentService service;
    private AssignmentRepository assignments;
    private JdbcClient jdbc;

    @BeforeAll
    void start() {
        node = StaffPagesNode.node();
        mvc = StaffPagesNode.mvc();
        service = node.getBean(AssignmentService.class);
        assignments = node.getBean(AssignmentRepository.class);
        jdbc = node.getBean(JdbcClient.class);
    }

    @Test
    void thePlannerSeesOfferedAssignmentsFirstAndAnotherRoleIsRefused() throws Exception {
        UUID older = commissioned().id();
        UUID accepted = service.accept(commissioned().id()).id();
        UUID direct = direct().id();
        // offered an hour before the others, so the order does not hang on milliseconds
        jdbc.sql("update assignment set offered_at = offered_at - interval '1' hour where id = :id").param("id", older).update();

        String page = page("/app/opdrachten", planner());
        assertThat(page).contains("id=\"opdrachten\"", "<h1>Opdrachten</h1>", ">Opdrachten</a>", "directe verwijzing");
        int olderRow = page.indexOf("data-assignment=\"" + older + "\"");
        int directRow = page.indexOf("data-assignment=\"" + direct + "\"");
        int acceptedRow = page.indexOf("data-assignment=\"" + accepted + "\"");
        assertThat(olderRow).isPositive().isLessThan(directRow);
        assertThat(directRow).isLessThan(acceptedRow);
        assertThat(page.substring(olderRow)).contains("<span class=\"state\">aangeboden</span>", MUNICIPALITY);
        assertThat(page.substring(acceptedRow)).contains("<span class=\"state\">geaccepteerd</span>");
        assertThat(page).doesNotContain("999990019", "J. Jansen"); // the list holds no personal data

        assertThat(mvc.perform(get("/app/opdrachten").with(signedIn("assistent", "PRACTICE_ASSISTANT")))
                .andReturn().getResponse().getStatus()).isEqualTo(403);
        assertThat(mvc.perform(get("/app/opdrachten/" + older).with(signedIn("assistent", "PRACTICE_ASSISTANT")))
                .andReturn().getResponse().getStatus()).isEqualTo(403);
        assertThat(page("/app/", signedIn("beheer", "NODE_ADMIN"))).doesNotContain(">Opdrachten</a>");
    }

    @Test
    void anAssignmentShowsWhatWasPulledOffersOnlyItsStepsAndRecordsTheRead() throws Exception {
        UUID id = commissioned().id();
        long reads = staffReads(id);

        String page = page("/app/opdrachten/" + id, planner());
        assertThat(page).contains("<span id=\"status\" class=\"state\">aangeboden</span>", "indicatie afgegeven",
                "J. Jansen", "999990019", "A. Jansen (partner)", "Opgehaald bij " + MUNICIPALITY,
                "Contactpunt bij de gemeente", "Wijkteam Zuid", "038-4981000",
                "id=\"accepteren-form\"", "id=\"afwijzen-form\"", "id=\"reden\"", "name=\"_csrf\"");
        assertThat(page).doesNotContain("id=\"zorg-starten-form\"", "id=\"zorg-beeindigen-form\"");
        assertThat(staffReads(id)).isEqualTo(reads + 1);
    }

    @Test
    void thePlannerTakesTheAssignmentThroughItsLifeEachStepNotified() throws Exception {
        UUID id = commissioned().id();
        long outbox = outbox();

        MvcResult accepted = mvc.perform(post("/app/opdrachten/" + id + "/accepteren").with(planner()).with(csrf())).andReturn();
        assertThat(accepted.getResponse().getStatus()).isEqualTo(302);
        assertThat(accepted.getResponse().getRedirectedUrl()).isEqualTo("/app/opdrachten/" + id);
        assertThat(accepted.getFlashMap().get("notice")).isEqualTo("De opdracht is geaccepteerd.");
        assertThat(status(id)).isEqualTo(AssignmentStatus.ACCEPTED);
        assertThat(outbox()).isGreaterThan(outbox);

        String page = page("/app/opdrachten/" + id, planner());
        assertThat(page).contains("id=\"zorg-starten-form\"", "id=\"zorg-starten\"")
                .doesNotContain("id=\"accepteren-form\"", "id=\"afwijzen-form\"", "id=\"zorg-beeindigen-form\"");

        assertThat(mvc.perform(post("/app/opdrachten/" + id + "/zorg-starten").with(planner()).with(csrf()))
                .andReturn().getResponse().getStatus()).isEqualTo(302);
        assertThat(status(id)).isEqualTo(AssignmentStatus.CARE_STARTED);
        assertThat(page("/app/opdrachten/" + id, planner())).contains("id=\"zorg-beeindigen-form\"", "id=\"zorg-beeindigen\"")
                .doesNotContain("id=\"zorg-starten-form\"");

        long beforeEnd = outbox();
        assertThat(mvc.perform(post("/app/opdrachten/" + id + "/zorg-beeindigen").with(planner()).with(csrf())
                .param("reason", "  doelen bereikt ")).andReturn().getResponse().getStatus()).isEqualTo(302);
        Assignment ended = assignments.find(id).orElseThrow();
        assertThat(ended.status()).isEqualTo(AssignmentStatus.CARE_ENDED);
        assertThat(ended.careEndReason()).isEqualTo("doelen bereikt");
        assertThat(outbox()).isGreaterThan(beforeEnd);
        assertThat(page("/app/opdrachten/" + id, planner())).contains("zorg beëindigd").doesNotContain("<form id=");
    }

    @Test
    void aStepTheStateNoLongerAllowsIsShownAsAProblemAndChangesNothing() throws Exception {
        UUID id = commissioned().id();
        service.decline(id, "geen capaciteit"); // another planner was first
        Assignment before = assignments.find(id).orElseThrow();
        long outbox = outbox();

        MvcResult refused = mvc.perform(post("/app/opdrachten/" + id + "/accepteren").with(planner()).with(csrf())).andReturn();
        assertThat(refused.getResponse().getStatus()).isEqualTo(409);
        assertThat(refused.getResponse().getContentAsString()).contains("<p class=\"problem\" role=\"alert\">",
                "de opdracht is inmiddels afgewezen", "geen capaciteit").doesNotContain("id=\"accepteren-form\"");
        assertThat(assignments.find(id)).contains(before);
        assertThat(outbox()).isEqualTo(outbox);
    }

    @Test
    void aDeclineWithoutAReasonShowsTheApiValidationAtTheFieldAndChangesNothing() throws Exception {
        UUID id = commissioned().id();
        long outbox = outbox();

        String rejected = mvc.perform(post("/app/opdrachten/" + id + "/afwijzen").with(planner()).with(csrf())
                .param("reason", "   ")).andReturn().getResponse().getContentAsString();
        assertThat(rejected).contains("id=\"reden-error\"", "aria-invalid=\"true\"", "aria-describedby=\"reden-error\"");
        Matcher error = Pattern.compile("id=\"reden-error\" class=\"field-error\">([^<]+)<").matcher(rejected);
        assertThat(error.find()).isTrue();
        assertThat(error.group(1)).isNotBlank();
        assertThat(status(id)).isEqualTo(AssignmentStatus.OFFERED);
        assertThat(outbox()).isEqualTo(outbox);

        MvcResult declined = mvc.perform(post("/app/opdrachten/" + id + "/afwijzen").with(planner()).with(csrf())
                .param("reason", "geen plek tot de zomer")).andReturn();
        assertThat(declined.getResponse().getStatus()).isEqualTo(302);
        assertThat(assignments.find(id).orElseThrow().declineReason()).isEqualTo("geen plek tot de zomer");
        assertThat(outbox()).isGreaterThan(outbox);
    }

    @Test
    void aStepWithoutItsCsrfTokenOrByAnotherRoleIsRefused() throws Exception {
        UUID id = commissioned().id();
        long outbox = outbox();

        assertThat(mvc.perform(post("/app/opdrachten/" + id + "/accepteren").with(planner()))
                .andReturn().getResponse().getStatus()).isEqualTo(403);
        assertThat(mvc.perform(post("/app/opdrachten/" + id + "/accepteren").with(signedIn("beheer", "NODE_ADMIN")).with(csrf()))
                .andReturn().getResponse().getStatus()).isEqualTo(403);
        assertThat(status(id)).isEqualTo(AssignmentStatus.OFFERED);
        assertThat(outbox()).isEqualTo(outbox);
    }

    @Test
    void theListPollsAndANewAssignmentAppearsOnlyWhenOneArrived() throws Exception {
        String poll = poll(page("/app/opdrachten", planner()));
        assertThat(poll).startsWith("/app/opdrachten/stand?versie=");

        MvcResult unchanged = mvc.perform(get(poll).with(planner())).andReturn();
        assertThat(unchanged.getResponse().getStatus()).isEqualTo(204);
        assertThat(unchanged.getResponse().getContentAsString()).isEmpty();

        UUID arrived = direct().id();
        MvcResult changed = mvc.perform(get(poll).with(planner())).andReturn();
        assertThat(changed.getResponse().getStatus()).isEqualTo(200);
        String fragment = changed.getResponse().getContentAsString();
        assertThat(fragment).startsWith("<div id=\"opdrachten-lijst\"").contains("data-assignment=\"" + arrived + "\"")
                .doesNotContain("<html", "<h1>");
        assertThat(poll(fragment)).isNotEqualTo(poll);
        assertThat(mvc.perform(get(poll(fragment)).with(planner())).andReturn().getResponse().getStatus()).isEqualTo(204);
    }

    @Test
    void anAssignmentPollsItsStateWithoutAReadUntilItMoved() throws Exception {
        UUID id = commissioned().id();
        String poll = poll(page("/app/opdrachten/" + id, planner()));
        assertThat(poll).isEqualTo("/app/opdrachten/" + id + "/stand?versie=1");
        long reads = staffReads(id);

        MvcResult unchanged = mvc.perform(get(poll).with(planner())).andReturn();
        assertThat(unchanged.getResponse().getStatus()).isEqualTo(204);
        assertThat(unchanged.getResponse().getContentAsString()).isEmpty();
        assertThat(staffReads(id)).isEqualTo(reads);

        service.accept(id); // on the API, or by another planner
        MvcResult changed = mvc.perform(get(poll).with(planner())).andReturn();
        assertThat(changed.getResponse().getStatus()).isEqualTo(200);
        String fragment = changed.getResponse().getContentAsString();
        assertThat(fragment).startsWith("<div id=\"opdracht\"")
                .contains("<span id=\"status\" class=\"state\">geaccepteerd</span>", "id=\"zorg-starten-form\"", "name=\"_csrf\"")
                .doesNotContain("<h1>");
        assertThat(poll(fragment)).isEqualTo("/app/opdrachten/" + id + "/stand?versie=2");
        assertThat(staffReads(id)).isEqualTo(reads + 1);
    }

    /** An assignment on the municipality's case, with the case and the GP's referral as this provider pulled them. */
    private Assignment commissioned() {
        String caseId = UUID.randomUUID().toString();
        String referralId = UUID.randomUUID().toString();
        PulledCopies copies = node.getBean(PulledCopies.class);
        copies.keep(new PulledCopy<>(MUNICIPALITY, SharedObjectType.CASE, caseId, 3, "care-delivery", NOW,
                new CaseCareDeliveryView(caseId, 3, MUNICIPALITY, CaseStatus.ASSIGNED,
                        new ObjectReferenceView(GP, "referral", referralId), Fixtures.PROVIDER, NOW,
                        new DecisionView(DecisionOutcome.GRANTED, "begeleiding-individueel", null, null, NOW),
                        new ContactPointView("Wijkteam Zuid", "038-4981000", null), null), null, null));
        copies.keep(new PulledCopy<>(GP, SharedObjectType.REFERRAL, referralId, 2, "care-delivery", NOW,
                Fixtures.careDeliveryReferral(referralId, Fixtures.consent(ConsentStatus.GIVEN, "care-delivery",
                        "referral-feedback")), null, null));
        return service.offer(new ObjectReferenceView(MUNICIPALITY, "case", caseId),
                new ObjectReferenceView(GP, "referral", referralId), "begeleiding-individueel");
    }

    /** A GP's direct referral to us, not (yet) pulled. */
    private Assignment direct() {
        ObjectReferenceView referral = new ObjectReferenceView(GP, "referral", UUID.randomUUID().toString());
        return service.offer(referral, referral, null);
    }

    private String page(String path, RequestPostProcessor who) throws Exception {
        MvcResult result = mvc.perform(get(path).with(who)).andReturn();
        assertThat(result.getResponse().getStatus()).isEqualTo(200);
        return result.getResponse().getContentAsString();
    }

    private static String poll(String html) {
        Matcher poll = POLL.matcher(html);
        assertThat(poll.find()).as("a polled element").isTrue();
        return poll.group(1).replace("&amp;", "&");
    }

    private static RequestPostProcessor planner() {
        return signedIn("planner", "PROVIDER_PLANNER");
    }

    private static RequestPostProcessor signedIn(String subject, String role) {
        return StaffPagesNode.signedIn(subject, role);
    }

    private AssignmentStatus status(UUID id) {
        return assignments.find(id).orElseThrow().status();
    }

    private long staffReads(UUID id) {
        return jdbc.sql("select count(*) from audit_record where object_type = 'assignment' and object_id = :id and reason = 'staff read'")
                .param("id", id.toString()).query(Long.class).single();
    }

    private long outbox() {
        return jdbc.sql("select count(*) from outbox_entry").query(Long.class).single();
    }
}

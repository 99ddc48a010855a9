package nl.bronsein.provider.request;

import static nl.bronsein.provider.Fixtures.GP;
import static nl.bronsein.provider.Fixtures.MUNICIPALITY;
import static nl.bronsein.provider.Fixtures.NOW;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.time.LocalDate;
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
import nl.bronsein.provider.assignment.AssignmentService;
import nl.bronsein.runtime.SliceNetwork;
import nl.bronsein.runtime.copy.PulledCopies;
import nl.bronsein.runtime.copy.PulledCopy;
import nl.bronsein.schemas.SharedObjectType;
import nl.bronsein.schemas.view.AssignmentRequestStatus;
import nl.bronsein.schemas.view.ConsentStatus;
import nl.bronsein.schemas.view.LegalFramework;
import nl.bronsein.schemas.view.ObjectReferenceView;
import nl.bronsein.schemas.view.ReferralIntakeView;
import nl.bronsein.schemas.view.ReferralStatus;

/**
 * The planner's requests for an assignment of youth care on a running provider node ({@link StaffPagesNode}): a request
 * made through the page with its notification in the outbox, the API's validation at the field, a request the domain
 * refuses shown as a problem with nothing changed, a withdrawal, the CSRF token and the role, and the poll.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AssignmentRequestScreensTest {

    private ConfigurableApplicationContext node;
    private MockMvc mvc;
    private JdbcClient jdbc;

    @BeforeAll
    void start() {
        node = StaffPagesNode.node();
        mvc = StaffPagesNode.mvc();
        jdbc = node.getBean(JdbcClient.class);
    }

    @Test
    void thePlannerAsksTheMunicipalityAndWithdrawsBeforeItAnswers() throws Exception {
        UUID youth = direct(LegalFramework.JEUGDWET);
        assertThat(mvc.perform(get("/app/aanvragen").with(StaffPagesNode.signedIn("beheer", "NODE_ADMIN")))
                .andReturn().getResponse().getStatus()).isEqualTo(403);
        String page = page("/app/aanvragen");
        assertThat(page).contains("<h1>Aanvragen jeugdhulp</h1>", ">Aanvragen jeugdhulp</a>", "id=\"aanvragen-form\"",
                "value=\"" + youth + "\"", "value=\"" + MUNICIPALITY + "\"", "name=\"_csrf\"");
        long outbox = outbox();

        MvcResult made = mvc.perform(post("/app/aanvragen").with(planner()).with(csrf()).param("assignment", youth.toString())
                .param("municipality", MUNICIPALITY).param("productCategory", " jeugdhulp-ambulant ")).andReturn();
        assertThat(made.getResponse().getStatus()).isEqualTo(302);
        assertThat(made.getResponse().getRedirectedUrl()).isEqualTo("/app/aanvragen");
        AssignmentRequest request = requestOn(youth);
        assertThat(request.status()).isEqualTo(AssignmentRequestStatus.REQUESTED);
        assertThat(request.productCategory()).isEqualTo("jeugdhulp-ambulant");
        assertThat(outbox()).isGreaterThan(outbox);

        String listed = page("/app/aanvragen");
        int row = listed.indexOf("data-request=\"" + request.id() + "\"");
        assertThat(row).isPositive();
        assertThat(listed.substring(row)).contains("<span class=\"state\">aangevraagd</span>",
                "id=\"intrekken-form-" + request.id() + "\"");
        assertThat(listed).doesNotContain("value=\"" + youth + "\""); // one request per assignment

        assertThat(mvc.perform(post("/app/aanvragen/" + request.id() + "/intrekken").with(planner()).with(csrf()))
                .andReturn().getResponse().getStatus()).isEqualTo(302);
        assertThat(requestOn(youth).status()).isEqualTo(AssignmentRequestStatus.WITHDRAWN);

        long afterWithdrawal = outbox();
        MvcResult again = mvc.perform(post("/app/aanvragen/" + request.id() + "/intrekken").with(planner()).with(csrf())).andReturn();
        assertThat(again.getResponse().getStatus()).isEqualTo(409);
        assertThat(again.getResponse().getContentAsString()).contains("<p class=\"problem\" role=\"alert\">", "Er is niets gewijzigd");
        assertThat(requestOn(youth).version()).isEqualTo(2);
        assertThat(outbox()).isEqualTo(afterWithdrawal);
    }

    @Test
    void badInputIsShownAtItsFieldAndARequestTheDomainRefusesAsAProblemNothingChanged() throws Exception {
        UUID youth = direct(LegalFramework.JEUGDWET);
        UUID wmo = direct(LegalFramework.WMO);
        long requests = requests();
        long outbox = outbox();

        String missing = mvc.perform(post("/app/aanvragen").with(planner()).with(csrf()).param("assignment", youth.toString())
                .param("municipality", MUNICIPALITY).param("productCategory", "  ")).andReturn().getResponse().getContentAsString();
        assertThat(missing).contains("id=\"aanvraag-product-error\"", "aria-describedby=\"aanvraag-product-error\"",
                "aria-invalid=\"true\"");

        // the service's own check: a GP practice is no municipality to ask
        String notAMunicipality = mvc.perform(post("/app/aanvragen").with(planner()).with(csrf())
                .param("assignment", youth.toString()).param("municipality", GP).param("productCategory", "jeugdhulp-ambulant"))
                .andReturn().getResponse().getContentAsString();
        assertThat(notAMunicipality).contains("id=\"aanvraag-gemeente-error\"", "is not a municipality in the participant list");

        MvcResult refused = mvc.perform(post("/app/aanvragen").with(planner()).with(csrf()).param("assignment", wmo.toString())
                .param("municipality", MUNICIPALITY).param("productCategory", "jeugdhulp-ambulant")).andReturn();
        assertThat(refused.getResponse().getStatus()).isEqualTo(409);
        assertThat(refused.getResponse().getContentAsString()).contains("<p class=\"problem\" role=\"alert\">");

        MvcResult forged = mvc.perform(post("/app/aanvragen").with(planner()).param("assignment", youth.toString())
                .param("municipality", MUNICIPALITY).param("productCategory", "jeugdhulp-ambulant")).andReturn();
        assertThat(forged.getResponse().getStatus()).isEqualTo(403);
        MvcResult otherRole = mvc.perform(post("/app/aanvragen").with(StaffPagesNode.signedIn("beheer", "NODE_ADMIN")).with(csrf())
                .param("assignment", youth.toString()).param("municipality", MUNICIPALITY)
                .param("productCategory", "jeugdhulp-ambulant")).andReturn();
        assertThat(otherRole.getResponse().getStatus()).isEqualTo(403);

        assertThat(requests()).isEqualTo(requests);
        assertThat(outbox()).isEqualTo(outbox);
    }

    @Test
    void theListPollsAndShowsARequestOnlyOnceOneWasMadeOrAnswered() throws Exception {
        Matcher poll = Pattern.compile("hx-get=\"([^\"]+)\"").matcher(page("/app/aanvragen"));
        assertThat(poll.find()).isTrue();
        String stand = poll.group(1);
        assertThat(stand).startsWith("/app/aanvragen/stand?versie=");
        assertThat(mvc.perform(get(stand).with(planner())).andReturn().getResponse().getStatus()).isEqualTo(204);

        UUID youth = direct(LegalFramework.JEUGDWET);
        AssignmentRequest made = node.getBean(AssignmentRequestService.class).request(youth, MUNICIPALITY, "jeugdhulp-ambulant");
        MvcResult changed = mvc.perform(get(stand).with(planner())).andReturn();
        assertThat(changed.getResponse().getStatus()).isEqualTo(200);
        assertThat(changed.getResponse().getContentAsString()).startsWith("<div id=\"aanvragen-lijst\"")
                .contains("data-request=\"" + made.id() + "\"").doesNotContain("<h1>");
    }

    /** A GP's referral straight to us, as we pulled it for intake, and the assignment it is offered as. */
    private UUID direct(LegalFramework law) {
        ObjectReferenceView to = new ObjectReferenceView(GP, "referral", UUID.randomUUID().toString());
        ReferralIntakeView view = new ReferralIntakeView(to.objectId(), 2, GP, ReferralStatus.RECORDED, NOW,
                new ReferralIntakeView.Citizen("999990019", "S. Hendriks", LocalDate.now().minusYears(14), null, null), null,
                Fixtures.consent(ConsentStatus.GIVEN, "intake", "referral-feedback"), "jeugdhulp", null, "REGULAR",
                null, SliceNetwork.PROVIDER, law, null);
        node.getBean(PulledCopies.class).keep(new PulledCopy<>(GP, SharedObjectType.REFERRAL, to.objectId(), 2, "intake",
                NOW, view, null, null));
        return node.getBean(AssignmentService.class).offer(to, to, null).id();
    }

    private String page(String path) throws Exception {
        MvcResult result = mvc.perform(get(path).with(planner())).andReturn();
        assertThat(result.getResponse().getStatus()).isEqualTo(200);
        return result.getResponse().getContentAsString();
    }

    private AssignmentRequest requestOn(UUID assignment) {
        return node.getBean(AssignmentRequestRepository.class).findByAssignment(assignment).orElseThrow();
    }

    private static RequestPostProcessor planner() {
        return StaffPagesNode.signedIn("planner", "PROVIDER_PLANNER");
    }

    private long requests() {
        return jdbc.sql("select count(*) from assignment_request").query(Long.class).single();
    }

    private long outbox() {
        return jdbc.sql("select count(*) from outbox_entry").query(Long.class).single();
    }
}

package nl.bronsein.gp.referral;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.oidcLogin;
import static org.springframework.security.test.web.servlet.setup.SecurityMockMvcConfigurers.springSecurity;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

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
import nl.bronsein.gp.GpNodeApplication;
import nl.bronsein.gp.consent.ConsentForm;
import nl.bronsein.runtime.SliceNetwork;
import nl.bronsein.runtime.copy.PulledCopies;
import nl.bronsein.runtime.copy.PulledCopy;
import nl.bronsein.schemas.SharedObjectType;
import nl.bronsein.schemas.view.CatalogueServiceView;
import nl.bronsein.schemas.view.ServiceKind;
import nl.bronsein.schemas.view.ReferralStatus;

/**
 * The practice's referral pages on a GP node that signs its staff in (Spring Security's test support standing in for
 * the identity provider's ID token): what a GP and an assistant see and may do, the API's validation shown at the
 * field, a refusal shown on the page with nothing changed, the CSRF token every form needs, and the timeline that a
 * page polls, answered with 204 and nothing recorded while it did not change.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReferralScreensTest {

    private ConfigurableApplicationContext node;
    private MockMvc mvc;
    private JdbcClient jdbc;

    @BeforeAll
    void start() {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("bronsein.node.participant-id", SliceNetwork.GP);
        // no broker: the node starts while it is away, and the pages need none
        settings.put("spring.kafka.bootstrap-servers", "127.0.0.1:1");
        settings.put("server.port", "0");
        settings.put("bronsein.staff-api.port", "0");
        settings.put("bronsein.catch-up.enabled", "false");
        settings.put("bronsein.staff.issuer", "https://login.delinde.example");
        settings.put("bronsein.staff.audience", "bronsein-delinde");
        settings.put("bronsein.staff.jwk-set-uri", "https://login.delinde.example/keys");
        settings.putAll(StaffPagesSettings.forClient("gp"));
        node = GpNodeApplication.builder().initializers(new SliceNetwork())
                .run(settings.entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue()).toArray(String[]::new));
        mvc = MockMvcBuilders.webAppContextSetup((WebApplicationContext) node).apply(springSecurity()).build();
        jdbc = node.getBean(JdbcClient.class);
    }

    @AfterAll
    void stop() {
        node.close();
    }

    @Test
    void anAssistantRecordsAReferralThroughTheFormAndFindsItInTheList() throws Exception {
        long outboxBefore = outbox();
        MvcResult recorded = mvc.perform(filled(post("/app/verwijzingen/nieuw")).with(signedIn("assistent", "PRACTICE_ASSISTANT"))
                .with(csrf())).andReturn();

        assertThat(recorded.getResponse().getStatus()).isEqualTo(302);
        String location = recorded.getResponse().getRedirectedUrl();
        assertThat(location).matches("/app/verwijzingen/[0-9a-f-]{36}");
        UUID id = UUID.fromString(location.substring(location.lastIndexOf('/') + 1));
        Referral referral = node.getBean(ReferralRepository.class).find(id).orElseThrow();
        assertThat(referral.content().citizen().name()).isEqualTo("J. Jansen");
        assertThat(referral.content().contactPerson()).isNull(); // left empty: absent, as on the API
        assertThat(referral.consent().purposes()).containsExactly("intake", "referral-feedback");
        assertThat(referral.consent().givenAt()).isEqualTo(Instant.parse("2026-03-02T09:30:00Z")); // 10:30 in Zwolle
        assertThat(outbox()).isEqualTo(outboxBefore + 1);

        String list = page(get("/app/verwijzingen"), "assistent", "PRACTICE_ASSISTANT");
        assertThat(list).contains("id=\"verwijzingen\"", "data-referral=\"" + id + "\"", "id=\"nieuwe-verwijzing\"",
                "class=\"milestone\"", "nog niets gehoord", "Wmo")
                .doesNotContain("J. Jansen", "999993653");
    }

    @Test
    void theFormOffersTheNetworksAddresseesAndShowsTheApisValidationAtTheField() throws Exception {
        String form = page(get("/app/verwijzingen/nieuw"), "huisarts", "GP");
        assertThat(form).contains("id=\"verwijzing-form\"", "id=\"verwijzing-opslaan\"", "id=\"adressaat\"",
                "value=\"" + SliceNetwork.MUNICIPALITY + "\"", "value=\"" + SliceNetwork.PROVIDER + "\"",
                "id=\"citizen.bsn\"", "id=\"consent.purposes1\"", "name=\"_csrf\"")
                .doesNotContain("value=\"" + SliceNetwork.GP + "\"");

        long referrals = referrals();
        long outboxBefore = outbox();
        String rejected = mvc.perform(filled(post("/app/verwijzingen/nieuw")).with(signedIn("huisarts", "GP")).with(csrf())
                .param("citizen.bsn", "123456789").param("contactPoint.phone", "bel maar"))
                .andReturn().getResponse().getContentAsString();
        assertThat(rejected).contains("id=\"citizen.bsn-fout\"", "aria-describedby=\"citizen.bsn-fout\"",
                "id=\"contactPoint.phone-fout\"", "moet een telefoonnummer zijn", "aria-invalid=\"true\"");
        assertThat(referrals()).isEqualTo(referrals);
        assertThat(outbox()).isEqualTo(outboxBefore);
    }

    @Test
    void aReferralWithoutIntakeInItsConsentIsRefusedByTheServiceAndShownAsAProblem() throws Exception {
        long referrals = referrals();
        long outboxBefore = outbox();
        MvcResult refused = mvc.perform(filled(post("/app/verwijzingen/nieuw"), "referral-feedback")
                .with(signedIn("huisarts", "GP")).with(csrf())).andReturn();
        assertThat(refused.getResponse().getStatus()).isEqualTo(200);
        assertThat(refused.getResponse().getContentAsString()).contains("class=\"problem\" role=\"alert\"",
                "must include intake", "id=\"consent.purposes-fout\"");
        assertThat(referrals()).isEqualTo(referrals);
        assertThat(outbox()).isEqualTo(outboxBefore);
    }

    @Test
    void theServiceIsChosenFromTheAddresseesCatalogueAndRecordedWithTheReferral() throws Exception {
        String service = UUID.randomUUID().toString();
        node.getBean(PulledCopies.class).keep(new PulledCopy<>(SliceNetwork.MUNICIPALITY, SharedObjectType.SERVICE,
                service, 1, "catalogue", Instant.now(), new CatalogueServiceView(service, 1, SliceNetwork.MUNICIPALITY,
                "Begeleiding thuis", ServiceKind.WMO_PRODUCT, null, List.of(SliceNetwork.PROVIDER), 4,
                LocalDate.now().minusDays(30), null), null, null));

        String choice = page(get("/app/verwijzingen/nieuw/diensten").param("addressee", SliceNetwork.MUNICIPALITY),
                "huisarts", "GP");
        assertThat(choice).contains("id=\"dienst-keuze\"", "id=\"dienst\"", "Begeleiding thuis", "value=\"" + service + "\"",
                "name=\"catalogueService.owner\" value=\"" + SliceNetwork.MUNICIPALITY + "\"").doesNotContain("<html");
        // a provider publishes no catalogue: nothing to choose
        assertThat(page(get("/app/verwijzingen/nieuw/diensten").param("addressee", SliceNetwork.PROVIDER), "huisarts", "GP"))
                .contains("id=\"dienst-keuze\"").doesNotContain("id=\"dienst\"");

        MvcResult recorded = mvc.perform(filled(post("/app/verwijzingen/nieuw"))
                .param("catalogueService.owner", SliceNetwork.MUNICIPALITY).param("catalogueService.serviceId", service)
                .with(signedIn("huisarts", "GP")).with(csrf())).andReturn();
        String location = recorded.getResponse().getRedirectedUrl();
        Referral referral = node.getBean(ReferralRepository.class)
                .find(UUID.fromString(location.substring(location.lastIndexOf('/') + 1))).orElseThrow();
        assertThat(referral.content().catalogueService())
                .isEqualTo(new ReferralDraft.CatalogueServiceReference(SliceNetwork.MUNICIPALITY, service));
        assertThat(page(get(location), "huisarts", "GP")).contains("Begeleiding thuis");

        // "geen dienst": the owner alone is no service named
        MvcResult without = mvc.perform(filled(post("/app/verwijzingen/nieuw"))
                .param("catalogueService.owner", SliceNetwork.MUNICIPALITY).param("catalogueService.serviceId", "")
                .with(signedIn("huisarts", "GP")).with(csrf())).andReturn();
        String other = without.getResponse().getRedirectedUrl();
        assertThat(node.getBean(ReferralRepository.class).find(UUID.fromString(other.substring(other.lastIndexOf('/') + 1)))
                .orElseThrow().content().catalogueService()).isNull();
    }

    @Test
    void aFormWithoutItsCsrfTokenIsRefused() throws Exception {
        long referrals = referrals();
        MvcResult forged = mvc.perform(filled(post("/app/verwijzingen/nieuw")).with(signedIn("huisarts", "GP"))).andReturn();
        assertThat(forged.getResponse().getStatus()).isEqualTo(403);
        assertThat(referrals()).isEqualTo(referrals);
    }

    @Test
    void theGpSeesEveryActionTheAssistantOnlyTheirsAndIsRefusedTheOthers() throws Exception {
        UUID id = recorded();
        String asGp = page(get("/app/verwijzingen/" + id), "huisarts", "GP");
        assertThat(asGp).contains("id=\"tijdlijn\"", "id=\"corrigeren-form\"", "id=\"contactpersoon-form\"",
                "id=\"intrekken\"", "id=\"toestemming-intrekken\"", "J. Jansen");
        String asAssistant = page(get("/app/verwijzingen/" + id), "assistent", "PRACTICE_ASSISTANT");
        assertThat(asAssistant).contains("id=\"contactpersoon-form\"", "id=\"toestemming-intrekken\"")
                .doesNotContain("id=\"corrigeren-form\"", "id=\"intrekken\"");

        long outboxBefore = outbox();
        assertThat(mvc.perform(post("/app/verwijzingen/" + id + "/intrekken").with(signedIn("assistent", "PRACTICE_ASSISTANT"))
                .with(csrf())).andReturn().getResponse().getStatus()).isEqualTo(403);
        assertThat(mvc.perform(post("/app/verwijzingen/" + id + "/correctie").with(signedIn("assistent", "PRACTICE_ASSISTANT"))
                .with(csrf())).andReturn().getResponse().getStatus()).isEqualTo(403);
        // another node's role opens none of it
        assertThat(mvc.perform(get("/app/verwijzingen").with(signedIn("beheer", "NODE_ADMIN"))).andReturn()
                .getResponse().getStatus()).isEqualTo(403);
        assertThat(mvc.perform(get("/app/verwijzingen/" + id).with(signedIn("beheer", "NODE_ADMIN"))).andReturn()
                .getResponse().getStatus()).isEqualTo(403);
        assertThat(outbox()).isEqualTo(outboxBefore);
        assertThat(status(id)).isEqualTo(ReferralStatus.RECORDED);
    }

    @Test
    void theGpChangesTheContactPersonAndWithdrawsAndAWithdrawnReferralRefusesTheNextChangeOnThePage() throws Exception {
        UUID id = recorded();
        long outboxBefore = outbox();
        MvcResult changed = mvc.perform(post("/app/verwijzingen/" + id + "/contactpersoon").with(signedIn("assistent", "PRACTICE_ASSISTANT"))
                .with(csrf()).param("name", "A. de Vries").param("relation", "dochter").param("phone", "")).andReturn();
        assertThat(changed.getResponse().getRedirectedUrl()).isEqualTo("/app/verwijzingen/" + id);
        assertThat(outbox()).isEqualTo(outboxBefore + 1);

        String invalid = mvc.perform(post("/app/verwijzingen/" + id + "/contactpersoon").with(signedIn("huisarts", "GP"))
                .with(csrf()).param("name", "")).andReturn().getResponse().getContentAsString();
        assertThat(invalid).contains("id=\"contactPerson.name-fout\"", "aria-invalid=\"true\"");
        assertThat(outbox()).isEqualTo(outboxBefore + 1);

        MvcResult withdrawn = mvc.perform(post("/app/verwijzingen/" + id + "/intrekken").with(signedIn("huisarts", "GP"))
                .with(csrf())).andReturn();
        assertThat(withdrawn.getResponse().getRedirectedUrl()).isEqualTo("/app/verwijzingen/" + id);
        assertThat(status(id)).isEqualTo(ReferralStatus.WITHDRAWN);
        assertThat(outbox()).isEqualTo(outboxBefore + 2);

        String again = mvc.perform(post("/app/verwijzingen/" + id + "/intrekken").with(signedIn("huisarts", "GP"))
                .with(csrf())).andReturn().getResponse().getContentAsString();
        assertThat(again).contains("class=\"problem\" role=\"alert\"", "ingetrokken");
        assertThat(outbox()).isEqualTo(outboxBefore + 2);
    }

    @Test
    void theTimelineAnswers204WithNothingRecordedUntilAMilestoneArrivesAndThenTheFragment() throws Exception {
        UUID id = recorded();
        String page = page(get("/app/verwijzingen/" + id), "huisarts", "GP");
        assertThat(page).contains("class=\"pending\" data-milestone=\"PICKED_UP\"");
        String poll = pollPath(page);
        assertThat(poll).startsWith("/app/verwijzingen/" + id + "/stand?versie=");

        long reads = staffReads(id);
        MvcResult unchanged = mvc.perform(get(poll).with(signedIn("huisarts", "GP"))).andReturn();
        assertThat(unchanged.getResponse().getStatus()).isEqualTo(204);
        assertThat(unchanged.getResponse().getContentAsString()).isEmpty();
        assertThat(staffReads(id)).isEqualTo(reads);

        // what Feedback records when the municipality's case shows the referral picked up
        reach(id, "ARRIVED", Instant.parse("2026-03-03T08:00:00Z"), 1);
        reach(id, "PICKED_UP", Instant.parse("2026-03-03T09:00:00Z"), 2);
        MvcResult changed = mvc.perform(get(poll).with(signedIn("huisarts", "GP"))).andReturn();
        assertThat(changed.getResponse().getStatus()).isEqualTo(200);
        String fragment = changed.getResponse().getContentAsString();
        assertThat(fragment).contains("id=\"tijdlijn\"", "class=\"reached\" data-milestone=\"PICKED_UP\"", "opgepakt",
                "hx-trigger=\"every 3s\"").doesNotContain("<html", poll);
        assertThat(staffReads(id)).isEqualTo(reads + 1);

        MvcResult sameAgain = mvc.perform(get(pollPath(fragment)).with(signedIn("huisarts", "GP"))).andReturn();
        assertThat(sameAgain.getResponse().getStatus()).isEqualTo(204);
        assertThat(staffReads(id)).isEqualTo(reads + 1);
    }

    @Test
    void anUnknownReferralIsAPageThatSaysSo() throws Exception {
        for (String id : List.of(UUID.randomUUID().toString(), "geen-kenmerk")) {
            MvcResult missing = mvc.perform(get("/app/verwijzingen/" + id).with(signedIn("huisarts", "GP"))).andReturn();
            assertThat(missing.getResponse().getStatus()).isEqualTo(404);
            assertThat(missing.getResponse().getContentAsString()).contains("Verwijzing niet gevonden");
        }
    }

    @Test
    void theGpCorrectsAReferralAndAnInvalidCorrectionChangesNothing() throws Exception {
        UUID id = recorded();
        long outboxBefore = outbox();
        String invalid = mvc.perform(corrected(id).param("citizen.address.postalCode", "Zwolle")
                .with(signedIn("huisarts", "GP")).with(csrf())).andReturn().getResponse().getContentAsString();
        assertThat(invalid).contains("id=\"citizen.address.postalCode-fout\"", "moet een postcode zijn, zoals 8011 AB");
        assertThat(status(id)).isEqualTo(ReferralStatus.RECORDED);
        assertThat(outbox()).isEqualTo(outboxBefore);

        MvcResult done = mvc.perform(corrected(id).param("citizen.address.postalCode", "8011 AB")
                .with(signedIn("huisarts", "GP")).with(csrf())).andReturn();
        assertThat(done.getResponse().getRedirectedUrl()).isEqualTo("/app/verwijzingen/" + id);
        Referral referral = node.getBean(ReferralRepository.class).find(id).orElseThrow();
        assertThat(referral.status()).isEqualTo(ReferralStatus.CORRECTED);
        assertThat(referral.content().urgency()).isEqualTo(Urgency.URGENT);
        assertThat(outbox()).isEqualTo(outboxBefore + 1);
    }

    @Test
    void aParentWhoGaveConsentIsAddedByARowAndMustBeNamed() throws Exception {
        String row = page(get("/app/verwijzingen/nieuw/gever").param("index", "0"), "assistent", "PRACTICE_ASSISTANT");
        assertThat(row).contains("name=\"consent.givenBy[0].role\"", "name=\"consent.givenBy[0].name\"",
                "id=\"gever-toevoegen\"", "hx-swap-oob=\"true\"", "/app/verwijzingen/nieuw/gever?index=1");

        long referrals = referrals();
        String unnamed = mvc.perform(filled(post("/app/verwijzingen/nieuw")).param("consent.givenBy[0].role", "PARENT_WITH_AUTHORITY")
                .param("consent.givenBy[0].name", "").with(signedIn("assistent", "PRACTICE_ASSISTANT")).with(csrf()))
                .andReturn().getResponse().getContentAsString();
        assertThat(unnamed).contains("noem de ouder of voogd die toestemming geeft", "id=\"consent.givenBy0-fout\"");
        assertThat(referrals()).isEqualTo(referrals);
    }

    private UUID recorded() {
        return node.getBean(ReferralService.class).record(new ReferralDraft(
                new ReferralDraft.Citizen("999993653", "J. Jansen", LocalDate.of(1950, 1, 1),
                        new ReferralDraft.Address("Dorpsstraat", "1", "8011 AB", "Zwolle"), null),
                null, new ReferralDraft.Consent(Instant.parse("2026-03-02T09:00:00Z"), ConsentForm.ORAL, null,
                List.of("intake", "referral-feedback")), "huishoudelijke hulp", "redt het huishouden niet meer",
                Urgency.REGULAR, new ReferralDraft.ContactPoint("Praktijk De Linde", "038-1234567", null),
                SliceNetwork.MUNICIPALITY)).id();
    }

    /** The correction's form as the page sends it, the urgency raised; the postal code left to the test. */
    private static MockHttpServletRequestBuilder corrected(UUID id) {
        return post("/app/verwijzingen/" + id + "/correctie").param("citizen.bsn", "999993653")
                .param("citizen.name", "J. Jansen").param("citizen.birthDate", "1950-01-01")
                .param("citizen.address.street", "Dorpsstraat").param("citizen.address.houseNumber", "1")
                .param("citizen.address.city", "Zwolle").param("citizen.phone", "")
                .param("requestedSupport", "huishoudelijke hulp").param("problemAnalysis", "redt het huishouden niet meer")
                .param("urgency", "URGENT").param("contactPoint.name", "Praktijk De Linde")
                .param("contactPoint.phone", "038-1234567").param("contactPoint.email", "");
    }

    /** A complete, valid form as a browser sends it: empty optional fields included. */
    private static MockHttpServletRequestBuilder filled(MockHttpServletRequestBuilder request) {
        return filled(request, "intake", "referral-feedback");
    }

    private static MockHttpServletRequestBuilder filled(MockHttpServletRequestBuilder request, String... purposes) {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("citizen.bsn", "999993653");
        fields.put("citizen.name", "J. Jansen");
        fields.put("citizen.birthDate", "1950-01-01");
        fields.put("citizen.address.street", "Dorpsstraat");
        fields.put("citizen.address.houseNumber", "1");
        fields.put("citizen.address.postalCode", "8011 AB");
        fields.put("citizen.address.city", "Zwolle");
        fields.put("citizen.phone", "");
        fields.put("contactPerson.name", "");
        fields.put("contactPerson.relation", "");
        fields.put("contactPerson.phone", "");
        fields.put("consent.givenAt", "2026-03-02T10:30");
        fields.put("consent.form", "ORAL");
        fields.put("consent.documentReference", "");
        fields.put("requestedSupport", "huishoudelijke hulp");
        fields.put("problemAnalysis", "redt het huishouden niet meer");
        fields.put("legalFramework", "WMO");
        fields.put("urgency", "REGULAR");
        fields.put("addressee", SliceNetwork.MUNICIPALITY);
        fields.put("contactPoint.name", "Praktijk De Linde");
        fields.put("contactPoint.phone", "038-1234567");
        fields.put("contactPoint.email", "");
        fields.forEach(request::param);
        return request.param("consent.purposes", purposes);
    }

    private String page(MockHttpServletRequestBuilder request, String subject, String role) throws Exception {
        MvcResult result = mvc.perform(request.with(signedIn(subject, role))).andReturn();
        assertThat(result.getResponse().getStatus()).isEqualTo(200);
        return result.getResponse().getContentAsString();
    }

    private static String pollPath(String html) {
        Matcher m = Pattern.compile("hx-get=\"([^\"]+)\"").matcher(html);
        assertThat(m.find()).isTrue();
        return m.group(1).replace("&amp;", "&");
    }

    private static RequestPostProcessor signedIn(String subject, String role) {
        return oidcLogin().idToken(token -> token.subject(subject).claim("roles", List.of(role)))
                .authorities(new SimpleGrantedAuthority("ROLE_" + role));
    }

    private void reach(UUID referral, String milestone, Instant at, int version) {
        jdbc.sql("""
                        insert into referral_milestone (referral_id, milestone, occurred_at, detail, source_owner,
                            source_object_type, source_object_id, source_version)
                        values (:id, :m, :at, null, :owner, 'case', :object, :version)""")
                .param("id", referral).param("m", milestone).param("at", Timestamp.from(at))
                .param("owner", SliceNetwork.MUNICIPALITY).param("object", UUID.randomUUID().toString())
                .param("version", version).update();
    }

    private ReferralStatus status(UUID id) {
        return node.getBean(ReferralRepository.class).find(id).orElseThrow().status();
    }

    private long referrals() {
        return jdbc.sql("select count(*) from referral").query(Long.class).single();
    }

    private long outbox() {
        return jdbc.sql("select count(*) from outbox_entry").query(Long.class).single();
    }

    /** The staff reads of one referral in the processing log. */
    private long staffReads(UUID referral) {
        return jdbc.sql("select count(*) from audit_record where object_type = 'referral' and object_id = :id")
                .param("id", referral.toString()).query(Long.class).single();
    }
}

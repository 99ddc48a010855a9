package nl.bronsein.network;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

import nl.bronsein.provider.request.ComingOfAge;
import nl.bronsein.runtime.audit.AuditTrail;
import nl.bronsein.staffclient.AssignmentRequestsApi;
import nl.bronsein.staffclient.CasesApi;
import nl.bronsein.staffclient.ReferralsApi;
import tools.jackson.databind.JsonNode;

/**
 * Youth care end to end over the real broker with mutual TLS (issue 18). The GP refers a child under the Jeugdwet with
 * the consent the WGBO asks at that age — without it the GP refuses the referral at the field, records nothing and
 * notifies no one. The Jeugdwet path: the GP refers a 14-year-old directly to
 * a youth-care provider, with the child's and a parent's consent; the provider takes the care on and asks the
 * municipality for an assignment (a request of its own, with its own thin event); the municipality pulls the request
 * from the provider and the referral from the GP — which admits it only after the provider confirms the request —
 * opens its case, and grants it by assigning the provider; the provider sees its request granted and starts care; the
 * GP follows all of it on its timeline. A client who turns 18 in care is a fact the municipality is told. Refused: a
 * request on a withdrawn referral, and an outsider municipality presenting someone else's request.
 */
class YouthCareEndToEndTest {

    private static final ZoneId AMSTERDAM = ZoneId.of("Europe/Amsterdam");
    private static final String PRODUCT = "45A11 Jeugdhulp ambulant";

    private TestNetwork network;
    private Chain chain;
    private String contactPointId;

    @BeforeAll
    void startNetwork() throws Exception {
        network = new TestNetwork().startNodes();
        chain = new Chain(network);
        contactPointId = network.publishContactPoint(Participants.MUNICIPALITY, "Jeugdteam Zwolle-Zuid", "038-4988800");
    }

    @AfterAll
    void stopNetwork() {
        network.close();
    }

    @Test
    void aFourteenYearOldReferredWithTheirOwnAndAParentsConsentIsOfferedToTheYouthCareProvider() {
        LocalDate fourteen = LocalDate.now(AMSTERDAM).minusYears(14).minusMonths(3);
        String referralId = refer(fourteen, childAndParent());

        String assignmentId = chain.awaitAssignment(referralId);
        JsonNode held = chain.assignmentDetail(assignmentId).path("referral").path("content");
        assertThat(held.path("legalFramework").asString()).isEqualTo("JEUGDWET");
        assertThat(held.path("consent").path("givenBy")).extracting(giver -> giver.path("role").asString())
                .containsExactly("CITIZEN", "PARENT_WITH_AUTHORITY");
        assertThat(held.path("citizen").path("birthDate").asString()).isEqualTo(fourteen.toString());
    }

    @Test
    void aFourteenYearOldsReferralWithoutAParentsConsentIsRefusedAndNotifiesNoOne() {
        JdbcClient gp = network.gp.getBean(JdbcClient.class);
        int referralsBefore = network.staff(Participants.GP).referrals().list().size();
        long outboxBefore = gp.sql("select count(*) from outbox_entry").query(Long.class).single();
        long consentsBefore = gp.sql("select count(*) from consent_record").query(Long.class).single();

        HttpResponse<String> refused = network.staffPost(Participants.GP, "/api/v1/referrals",
                TestNetwork.JSON.writeValueAsString(youthReferral(LocalDate.now(AMSTERDAM).minusYears(14),
                        List.of(new ReferralsApi.ConsentGiver("CITIZEN", null)), Participants.PROVIDER.urn)));

        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.headers().firstValue("Content-Type")).hasValueSatisfying(type ->
                assertThat(type).startsWith("application/problem+json"));
        JsonNode problem = TestNetwork.JSON.readTree(refused.body());
        assertThat(problem.path("errors")).anySatisfy(error -> {
            assertThat(error.path("field").asString()).isEqualTo("consent.givenBy");
            assertThat(error.path("reason").asString()).contains("12 to 15");
        });
        assertThat(network.staff(Participants.GP).referrals().list()).hasSize(referralsBefore);
        assertThat(gp.sql("select count(*) from consent_record").query(Long.class).single()).isEqualTo(consentsBefore);
        // no outbox row, so no notification can ever leave for it
        assertThat(gp.sql("select count(*) from outbox_entry").query(Long.class).single()).isEqualTo(outboxBefore);
    }

    @Test
    void theProviderAsksTheMunicipalityWhichGrantsTheRequestAndTheGpFollowsItAll() {
        String referralId = refer(LocalDate.now(AMSTERDAM).minusYears(14).minusMonths(3), childAndParent());
        String assignmentId = chain.awaitAssignment(referralId);
        chain.accept(assignmentId);
        // not addressed to the municipality, and nothing presented: it does not learn the referral exists
        assertThat(network.pull(network.credentials.get(Participants.MUNICIPALITY), Participants.GP, "referral",
                referralId, "intake").statusCode()).isEqualTo(404);

        String requestId = request(assignmentId).path("id").asString();

        String caseId = awaitCaseOnRequest(requestId);
        JsonNode detail = chain.caseDetail(caseId);
        assertThat(detail.path("current").path("requestedBy").asString()).isEqualTo(Participants.PROVIDER.urn);
        assertThat(detail.path("current").path("referralId").asString()).isEqualTo(referralId);
        assertThat(detail.path("referral").path("content").path("legalFramework").asString()).isEqualTo("JEUGDWET");
        assertThat(detail.path("referral").path("content").path("consent").path("givenBy"))
                .extracting(giver -> giver.path("role").asString())
                .containsExactly("CITIZEN", "PARENT_WITH_AUTHORITY");
        assertThat(detail.path("request").path("content").path("productCategory").asString()).isEqualTo(PRODUCT);
        assertThat(detail.path("request").path("content").path("status").asString()).isEqualTo("REQUESTED");
        // the GP verified at the provider before it admitted the municipality, and both pulls are in the GP's audit
        assertThat(network.gp.getBean(AuditTrail.class).requestsFor("referral", referralId))
                .anySatisfy(row -> assertThat(row.toString()).contains(Participants.MUNICIPALITY.urn));

        chain.pickUp(caseId, contactPointId);
        chain.decide(caseId, new CasesApi.Decision("GRANTED", PRODUCT, "Jeugdhulp nodig volgens jeugdteam", null));
        chain.assign(caseId, Participants.PROVIDER.urn);

        JsonNode granted = awaitRequest(requestId, r -> r.path("status").asString().equals("GRANTED"));
        assertThat(granted.path("answeredBy").path("objectId").asString()).isEqualTo(caseId);
        // the case answered the request; it offered no second assignment
        assertThat(network.staff(Participants.PROVIDER).assignments().list()).filteredOn(a -> a.basis() != null
                && caseId.equals(a.basis().objectId())).isEmpty();
        chain.startCare(assignmentId);

        // One step per milestone: the provider's arrival and pick-up are followed by the municipality's, then its
        // indication and assignment, then the provider's care; both owners are the timeline's sources.
        JsonNode timeline = chain.awaitTimeline(referralId, "ARRIVED", "PICKED_UP", "INDICATION_GRANTED",
                "PROVIDER_ASSIGNED", "CARE_STARTED");
        Chain.assertFrom(timeline, "INDICATION_GRANTED", Participants.MUNICIPALITY, "case", caseId);
        Chain.assertFrom(timeline, "PROVIDER_ASSIGNED", Participants.MUNICIPALITY, "case", caseId);
        Chain.assertFrom(timeline, "CARE_STARTED", Participants.PROVIDER, "assignment", assignmentId);
        assertThat(timeline.path("sources")).extracting(source -> source.path("object").path("objectType").asString())
                .containsExactlyInAnyOrder("case", "assignment");

        // a 14-year-old did not come of age: the check tells the municipality nothing
        network.provider.getBean(ComingOfAge.class).check();
        assertThat(requestAtProvider(requestId).path("adultOn").isNull()).isTrue();
    }

    @Test
    void aClientWhoTurns18InCareIsToldToTheMunicipalityAsAFact() {
        LocalDate today = LocalDate.now(AMSTERDAM);
        String referralId = refer(today.minusYears(18), List.of(new ReferralsApi.ConsentGiver("CITIZEN", null)));
        String assignmentId = chain.awaitAssignment(referralId);
        chain.accept(assignmentId);
        String requestId = request(assignmentId).path("id").asString();
        String caseId = awaitCaseOnRequest(requestId);
        chain.pickUp(caseId, contactPointId);
        chain.decide(caseId, new CasesApi.Decision("GRANTED", PRODUCT, "Jeugdhulp tot de 18e verjaardag", null));
        chain.assign(caseId, Participants.PROVIDER.urn);
        awaitRequest(requestId, r -> r.path("status").asString().equals("GRANTED"));
        chain.startCare(assignmentId);
        int caseVersion = chain.caseDetail(caseId).path("current").path("version").asInt();

        network.provider.getBean(ComingOfAge.class).check();

        assertThat(requestAtProvider(requestId).path("adultOn").asString()).isEqualTo(today.toString());
        JsonNode seen = await().atMost(Chain.PATIENCE).until(() -> chain.caseDetail(caseId),
                d -> today.toString().equals(d.path("request").path("content").path("adultOn").asString()));
        // a notified change of what the case rests on: the case's followers hear of it too
        assertThat(seen.path("current").path("version").asInt()).isGreaterThan(caseVersion);
        assertThat(seen.path("current").path("status").asString()).isEqualTo("ASSIGNED");
        // told once: another round changes nothing
        int requestVersion = requestAtProvider(requestId).path("version").asInt();
        network.provider.getBean(ComingOfAge.class).check();
        assertThat(requestAtProvider(requestId).path("version").asInt()).isEqualTo(requestVersion);
    }

    @Test
    void aCorrectedRequestReachesTheCaseAndAWithdrawnOneLeavesItOnlyToBeClosed() {
        String referralId = refer(LocalDate.now(AMSTERDAM).minusYears(13), childAndParent());
        String assignmentId = chain.awaitAssignment(referralId);
        String requestId = request(assignmentId).path("id").asString();
        String caseId = awaitCaseOnRequest(requestId);

        network.staff(Participants.PROVIDER).assignmentRequests().correct(requestId,
                new AssignmentRequestsApi.Correction("45A12 Jeugdhulp dagbehandeling"));
        await().atMost(Chain.PATIENCE).until(() -> chain.caseDetail(caseId).path("request").path("content")
                .path("productCategory").asString().equals("45A12 Jeugdhulp dagbehandeling"));

        network.staff(Participants.PROVIDER).assignmentRequests().withdraw(requestId);
        JsonNode withdrawn = await().atMost(Chain.PATIENCE).until(() -> chain.caseDetail(caseId),
                d -> d.path("request").path("withdrawal").asString().equals("OBJECT_WITHDRAWN"));

        assertThat(withdrawn.path("current").path("status").asString()).isEqualTo("RECEIVED");
        chain.pickUp(caseId, contactPointId);
        HttpResponse<String> decide = chain.tryCaseStep(caseId, "decide",
                Map.of("outcome", "GRANTED", "productCategory", "45A12 Jeugdhulp dagbehandeling"));
        assertThat(decide.statusCode()).isEqualTo(409);
        assertThat(decide.body()).contains("withdrawn");
        assertThat(chain.close(caseId, "Aanbieder trok het verzoek in").status()).isEqualTo("CLOSED_WITHOUT_DECISION");
        assertThat(network.staff(Participants.PROVIDER).assignmentRequests().get(requestId).status())
                .isEqualTo("WITHDRAWN");
    }

    @Test
    void anAssignmentRequestForAWithdrawnYouthReferralIsRefusedAndNotifiesNoOne() {
        String referralId = refer(LocalDate.now(AMSTERDAM).minusYears(14), childAndParent());
        String assignmentId = chain.awaitAssignment(referralId);
        chain.accept(assignmentId);
        network.staff(Participants.GP).referrals().withdraw(referralId);
        await().atMost(Chain.PATIENCE).until(() -> network.staff(Participants.PROVIDER).assignments().list().stream()
                .anyMatch(a -> a.id().equals(assignmentId) && a.basisWithdrawn()));
        JdbcClient provider = network.provider.getBean(JdbcClient.class);
        long outboxBefore = provider.sql("select count(*) from outbox_entry").query(Long.class).single();

        HttpResponse<String> refused = network.staffPost(Participants.PROVIDER, "/api/v1/assignment-requests",
                TestNetwork.JSON.writeValueAsString(Map.of("assignment", assignmentId,
                        "municipality", Participants.MUNICIPALITY.urn, "productCategory", PRODUCT)));

        assertThat(refused.statusCode()).isEqualTo(409);
        assertThat(refused.headers().firstValue("Content-Type")).hasValueSatisfying(type ->
                assertThat(type).startsWith("application/problem+json"));
        assertThat(refused.body()).contains("withdrew");
        assertThat(provider.sql("select count(*) from assignment_request where assignment_id = :id")
                .param("id", java.util.UUID.fromString(assignmentId)).query(Long.class).single()).isZero();
        assertThat(provider.sql("select count(*) from outbox_entry").query(Long.class).single()).isEqualTo(outboxBefore);
    }

    @Test
    void aRequestForAWmoReferralOrANonMunicipalityIsRefused() {
        String referralId = network.staff(Participants.GP).referrals().create(new ReferralsApi.ReferralDraft(
                new ReferralsApi.Citizen(TestCitizens.SMIT_BSN, TestCitizens.SMIT, LocalDate.of(1950, 3, 1),
                        new ReferralsApi.Address(TestCitizens.SMIT_STREET, "3", "8011 VL", "Zwolle"), null), null,
                consent(List.of()), "Welzijnscoach", "Eenzaamheid",
                "REGULAR", contactPoint(), Participants.PROVIDER.urn, "WMO", null)).id();
        String assignmentId = chain.awaitAssignment(referralId);

        HttpResponse<String> wmo = network.staffPost(Participants.PROVIDER, "/api/v1/assignment-requests",
                TestNetwork.JSON.writeValueAsString(Map.of("assignment", assignmentId,
                        "municipality", Participants.MUNICIPALITY.urn, "productCategory", PRODUCT)));
        HttpResponse<String> notAMunicipality = network.staffPost(Participants.PROVIDER, "/api/v1/assignment-requests",
                TestNetwork.JSON.writeValueAsString(Map.of("assignment", assignmentId,
                        "municipality", Participants.GP.urn, "productCategory", PRODUCT)));

        assertThat(wmo.statusCode()).isEqualTo(409);
        assertThat(wmo.body()).contains("Jeugdwet");
        assertThat(notAMunicipality.statusCode()).isEqualTo(400);
        assertThat(TestNetwork.JSON.readTree(notAMunicipality.body()).path("errors"))
                .anySatisfy(error -> assertThat(error.path("field").asString()).isEqualTo("municipality"));
    }

    @Test
    void anOutsiderMunicipalityPresentingAnotherMunicipalitysRequestLearnsNothing() {
        String referralId = refer(LocalDate.now(AMSTERDAM).minusYears(15), childAndParent());
        String assignmentId = chain.awaitAssignment(referralId);
        String requestId = request(assignmentId).path("id").asString();
        awaitCaseOnRequest(requestId);
        var outsider = network.credentials.get(Participants.OTHER_MUNICIPALITY);

        HttpResponse<String> referral = network.pull(outsider, Participants.GP, "referral", referralId, "intake",
                network.pullUrl(Participants.PROVIDER, "assignment-request", requestId));
        HttpResponse<String> request = network.pull(outsider, Participants.PROVIDER, "assignment-request", requestId,
                "youth-assignment");

        assertThat(referral.statusCode()).isEqualTo(404);
        assertThat(referral.body()).doesNotContain("999990");
        assertThat(request.statusCode()).isEqualTo(404);
        assertThat(network.gp.getBean(JdbcClient.class).sql(
                        "select count(*) from requesting_municipality where municipality = :outsider")
                .param("outsider", Participants.OTHER_MUNICIPALITY.urn).query(Long.class).single()).isZero();
    }

    @Test
    void theMunicipalitysYouthTeamCanBeTheAddresseeAsInTheWmoPath() {
        String referralId = refer(LocalDate.now(AMSTERDAM).minusYears(9), List.of(
                new ReferralsApi.ConsentGiver("PARENT_WITH_AUTHORITY", TestCitizens.SEM_MOTHER)), Participants.MUNICIPALITY.urn);

        String caseId = chain.awaitCase(referralId);

        JsonNode detail = chain.caseDetail(caseId);
        assertThat(detail.path("referral").path("content").path("legalFramework").asString()).isEqualTo("JEUGDWET");
        assertThat(detail.path("current").path("requestedBy").isNull()).isTrue();
        assertThat(detail.path("request").isNull()).isTrue();
    }

    private String refer(LocalDate birthDate, List<ReferralsApi.ConsentGiver> givenBy) {
        return refer(birthDate, givenBy, Participants.PROVIDER.urn);
    }

    private String refer(LocalDate birthDate, List<ReferralsApi.ConsentGiver> givenBy, String addressee) {
        return network.staff(Participants.GP).referrals().create(youthReferral(birthDate, givenBy, addressee)).id();
    }

    private static ReferralsApi.ReferralDraft youthReferral(LocalDate birthDate, List<ReferralsApi.ConsentGiver> givenBy,
                                                            String addressee) {
        return new ReferralsApi.ReferralDraft(
                new ReferralsApi.Citizen(TestCitizens.SEM_BSN, TestCitizens.SEM, birthDate,
                        new ReferralsApi.Address(TestCitizens.SEM_STREET, "8", "8012 DH", "Zwolle"), null),
                new ReferralsApi.ContactPerson(TestCitizens.SEM_MOTHER, "moeder", TestCitizens.SEM_MOTHER_PHONE), consent(givenBy),
                "Jeugdhulp: somberheid en schoolverzuim", "Verzuimt school sinds de scheiding van de ouders",
                "REGULAR", contactPoint(), addressee, "JEUGDWET", null);
    }

    private static ReferralsApi.Consent consent(List<ReferralsApi.ConsentGiver> givenBy) {
        return new ReferralsApi.Consent(Instant.now().minus(1, ChronoUnit.HOURS), "ORAL", null,
                List.of("intake", "referral-feedback", "care-delivery"), givenBy);
    }

    private static ReferralsApi.ContactPoint contactPoint() {
        return new ReferralsApi.ContactPoint("Huisartsenpraktijk De Linde - assistentie", "038-1234567", null);
    }

    private static List<ReferralsApi.ConsentGiver> childAndParent() {
        return List.of(new ReferralsApi.ConsentGiver("CITIZEN", null),
                new ReferralsApi.ConsentGiver("PARENT_WITH_AUTHORITY", TestCitizens.SEM_MOTHER));
    }

    private JsonNode request(String assignmentId) {
        HttpResponse<String> created = network.staffPost(Participants.PROVIDER, "/api/v1/assignment-requests",
                TestNetwork.JSON.writeValueAsString(Map.of("assignment", assignmentId,
                        "municipality", Participants.MUNICIPALITY.urn, "productCategory", PRODUCT)));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        return TestNetwork.JSON.readTree(created.body());
    }

    private String awaitCaseOnRequest(String requestId) {
        return await().atMost(Chain.PATIENCE).until(() -> {
            for (JsonNode c : network.staffGetJson(Participants.MUNICIPALITY, "/api/v1/cases")) {
                if (requestId.equals(c.path("requestId").asString())) {
                    return c.path("id").asString();
                }
            }
            return null;
        }, id -> id != null);
    }

    private JsonNode requestAtProvider(String requestId) {
        return network.staffGetJson(Participants.PROVIDER, "/api/v1/assignment-requests/" + requestId);
    }

    private JsonNode awaitRequest(String requestId, java.util.function.Predicate<JsonNode> until) {
        return await().atMost(Chain.PATIENCE).until(() -> requestAtProvider(requestId), until::test);
    }
}

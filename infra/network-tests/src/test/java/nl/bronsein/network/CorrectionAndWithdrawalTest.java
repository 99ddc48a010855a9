package nl.bronsein.network;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import nl.bronsein.runtime.audit.AuditOutcome;
import nl.bronsein.runtime.audit.AuditRecord;
import nl.bronsein.runtime.audit.AuditTrail;
import nl.bronsein.staffclient.CasesApi;
import tools.jackson.databind.JsonNode;

/**
 * Rectification and withdrawal at the source: a correction, a changed contact person and a changed contact point reach
 * every node that holds a copy, and old versions stop being current; after a withdrawal the owner refuses, every node shows it (as the
 * owner answered it, never because a notification said so) and nobody asks again.
 */
class CorrectionAndWithdrawalTest {

    private TestNetwork network;
    private Chain chain;
    private String wijkteam;

    @BeforeAll
    void startNetwork() throws Exception {
        network = new TestNetwork().startNodes();
        chain = new Chain(network);
        wijkteam = network.publishContactPoint(Participants.MUNICIPALITY, "Wijkteam Zwolle-Zuid", "038-4981234");
    }

    @AfterAll
    void stopNetwork() {
        network.close();
    }

    /** A referral taken in, decided and assigned: every node holds a copy of something. Returns {referral, case, assignment}. */
    private String[] assignedReferral() {
        String referralId = chain.referToMunicipality();
        String caseId = chain.awaitCase(referralId);
        chain.pickUp(caseId, wijkteam);
        chain.decide(caseId, CasesApi.Decision.granted("rolstoel"));
        chain.assign(caseId, Participants.PROVIDER.urn);
        String assignmentId = chain.awaitAssignment(caseId);
        return new String[] {referralId, caseId, assignmentId};
    }

    @Test
    void aCorrectionAndAChangedContactPersonReachEveryInvolvedNodeAndReplaceTheOldVersion() {
        String[] ids = assignedReferral();
        String referralId = ids[0];
        String caseId = ids[1];
        String assignmentId = ids[2];

        // The GP corrects the address: version 2, notified to the municipality and to the provider it admitted; each
        // pulls it again from the GP. The municipality hands nothing on.
        Map<String, Object> corrected = new java.util.HashMap<>(Referrals.deVries(Participants.MUNICIPALITY.urn, List.of()));
        Map<String, Object> citizen = new java.util.HashMap<>(castMap(corrected.get("citizen")));
        citizen.put("address", Map.of("street", TestCitizens.CORRECTED_STREET, "houseNumber", "3a",
                "postalCode", TestCitizens.CORRECTED_POSTAL_CODE, "city", "Zwolle"));
        HttpResponse<String> correction = network.staffPut(Participants.GP, "/api/v1/referrals/" + referralId,
                TestNetwork.JSON.writeValueAsString(Map.of("citizen", citizen, "requestedSupport", corrected.get("requestedSupport"),
                        "problemAnalysis", corrected.get("problemAnalysis"), "urgency", "URGENT",
                        "contactPoint", corrected.get("contactPoint"))));
        assertThat(correction.statusCode()).as(correction.body()).isEqualTo(200);
        assertThat(TestNetwork.JSON.readTree(correction.body()).path("status").asString()).isEqualTo("CORRECTED");

        JsonNode atMunicipality = chain.awaitValue(() -> chain.caseDetail(caseId), c -> c.path("referral").path("version").asInt() == 2);
        assertThat(atMunicipality.path("referral").path("content").path("citizen").path("address").path("street").asString())
                .isEqualTo(TestCitizens.CORRECTED_STREET);
        assertThat(atMunicipality.path("referral").path("content").path("urgency").asString()).isEqualTo("URGENT");
        JsonNode atProvider = chain.awaitValue(() -> chain.assignmentDetail(assignmentId),
                a -> TestCitizens.CORRECTED_STREET.equals(
                        a.path("referral").path("content").path("citizen").path("address").path("street").asString()));
        assertThat(atProvider.path("referral").path("content").path("urgency").asString()).isEqualTo("URGENT");
        assertThat(atProvider.path("referral").path("owner").asString()).isEqualTo(Participants.GP.urn);
        assertThat(network.records(Participants.PROVIDER.inbox())).anyMatch(r -> referralId.equals(r.key()));

        // The informal carer changes: Mrs De Vries's son takes over from her daughter. Nobody keeps the old one as current.
        HttpResponse<String> person = network.staffPut(Participants.GP, "/api/v1/referrals/" + referralId + "/contact-person",
                TestCitizens.sonAsContactPerson("son (mantelzorger)"));
        assertThat(person.statusCode()).as(person.body()).isEqualTo(200);
        JsonNode municipalityNow = chain.awaitValue(() -> chain.caseDetail(caseId), c -> c.path("referral").path("version").asInt() == 3);
        assertThat(municipalityNow.path("referral").path("content").path("contactPerson").path("name").asString())
                .isEqualTo(TestCitizens.SON);
        assertThat(municipalityNow.path("referral").path("content").path("citizen").path("address").path("street").asString())
                .isEqualTo(TestCitizens.CORRECTED_STREET);
        JsonNode providerNow = chain.awaitValue(() -> chain.assignmentDetail(assignmentId),
                a -> TestCitizens.SON.equals(a.path("referral").path("content").path("contactPerson").path("name").asString()));
        assertThat(providerNow.toString()).doesNotContain(Referrals.CONTACT_PERSON, Referrals.STREET);
        assertThat(municipalityNow.toString()).doesNotContain(Referrals.CONTACT_PERSON, Referrals.STREET);
        // Each refresh was one authorised pull at the GP, audited: per version one by the municipality for intake and
        // one by the provider for care delivery.
        awaitInboxesSettled();
        assertThat(audit(network.gp, "referral", referralId))
                .extracting(AuditRecord::caller, AuditRecord::purpose, AuditRecord::outcome)
                .containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple(Participants.MUNICIPALITY.urn, "intake", AuditOutcome.ALLOWED),
                        org.assertj.core.groups.Tuple.tuple(Participants.MUNICIPALITY.urn, "intake", AuditOutcome.ALLOWED),
                        org.assertj.core.groups.Tuple.tuple(Participants.MUNICIPALITY.urn, "intake", AuditOutcome.ALLOWED),
                        org.assertj.core.groups.Tuple.tuple(Participants.PROVIDER.urn, "care-delivery", AuditOutcome.ALLOWED),
                        org.assertj.core.groups.Tuple.tuple(Participants.PROVIDER.urn, "care-delivery", AuditOutcome.ALLOWED),
                        org.assertj.core.groups.Tuple.tuple(Participants.PROVIDER.urn, "care-delivery", AuditOutcome.ALLOWED));
    }

    @Test
    void afterTheCitizenWithdrawsConsentTheOwnersRefuseEveryNodeShowsItAndNobodyAsksAgain() {
        String[] ids = assignedReferral();
        String referralId = ids[0];
        String caseId = ids[1];
        String assignmentId = ids[2];
        assertThat(pullReferralForIntake(referralId).statusCode()).isEqualTo(200);
        assertThat(pullCaseForCareDelivery(caseId).statusCode()).isEqualTo(200);

        HttpResponse<String> withdrawn = network.staffPost(Participants.GP, "/api/v1/referrals/" + referralId + "/consent/withdraw", "");
        assertThat(withdrawn.statusCode()).as(withdrawn.body()).isEqualTo(200);
        assertThat(TestNetwork.JSON.readTree(withdrawn.body()).path("consentStatus").asString()).isEqualTo("WITHDRAWN");

        // Every node shows the withdrawal: the municipality's and the provider's copies, the GP's timeline source.
        JsonNode atMunicipality = chain.awaitValue(() -> chain.caseDetail(caseId),
                c -> "CONSENT_WITHDRAWN".equals(c.path("referral").path("withdrawal").asString()));
        assertThat(atMunicipality.path("referral").path("content").isNull()).isTrue();
        // the provider hears it from the GP itself, and from the municipality for the case
        JsonNode atProvider = chain.awaitValue(() -> chain.assignmentDetail(assignmentId),
                a -> a.path("referral").path("withdrawn").asBoolean() && a.path("basis").path("withdrawn").asBoolean());
        assertThat(atProvider.path("referral").path("withdrawal").asString()).isEqualTo("CONSENT_WITHDRAWN");
        assertThat(atProvider.path("referral").path("content").isNull()).isTrue();
        assertThat(atProvider.path("basis").path("content").isNull()).isTrue();
        JsonNode timeline = chain.awaitValue(() -> chain.timeline(referralId),
                t -> t.path("sources").get(0).path("withdrawn").asBoolean());
        assertThat(timeline.path("feedback").path("shared").asBoolean(true)).isFalse();
        assertThat(timeline.path("feedback").path("reason").asString()).isEqualTo("the citizen withdrew their consent");

        // The owners refuse what they allowed before, and audit it.
        HttpResponse<String> referralPull = pullReferralForIntake(referralId);
        assertThat(referralPull.statusCode()).isEqualTo(403);
        assertThat(lastAudit(network.gp, "referral", referralId).outcome()).isEqualTo(AuditOutcome.NO_CONSENT);
        HttpResponse<String> casePull = pullCaseForCareDelivery(caseId);
        assertThat(casePull.statusCode()).isEqualTo(403);
        assertThat(lastAudit(network.municipality, "case", caseId).outcome()).isEqualTo(AuditOutcome.NO_CONSENT);

        // Nobody asks again: the case concludes and the provider declines, yet no node pulls. The GP's timeline stays as
        // the owners last served it: a notification alone is no fact, and nobody may serve the GP more.
        int referralPulls = audit(network.gp, "referral", referralId).size();
        int casePulls = audit(network.municipality, "case", caseId).size();
        int assignmentPulls = audit(network.provider, "assignment", assignmentId).size();
        List<String> before = Chain.milestonesOf(chain.timeline(referralId));
        int caseEvents = handledAtGp(caseId);
        int assignmentEvents = handledAtGp(assignmentId);
        chain.conclude(caseId, "Toestemming ingetrokken; geen verdere zorg");
        chain.decline(assignmentId, "Toestemming ingetrokken");
        chain.awaitValue(() -> handledAtGp(caseId) > caseEvents && handledAtGp(assignmentId) > assignmentEvents, done -> done);
        assertThat(Chain.milestonesOf(chain.timeline(referralId))).isEqualTo(before)
                .doesNotContain("CONCLUDED", "DECLINED_BY_PROVIDER");
        awaitInboxesSettled();
        assertThat(audit(network.gp, "referral", referralId)).hasSize(referralPulls);
        assertThat(audit(network.municipality, "case", caseId)).hasSize(casePulls);
        assertThat(audit(network.provider, "assignment", assignmentId)).hasSize(assignmentPulls);
        assertThat(chain.tryCaseStep(caseId, "assign", Map.of("provider", Participants.PROVIDER.urn)).statusCode()).isEqualTo(409);
    }

    @Test
    void aWithdrawnReferralIsNoLongerSharedAndTheCaseClosesWithoutADecision() {
        String referralId = chain.referToMunicipality();
        String caseId = chain.awaitCase(referralId);
        chain.awaitTimeline(referralId, "ARRIVED");

        HttpResponse<String> withdrawn = network.staffPost(Participants.GP, "/api/v1/referrals/" + referralId + "/withdraw", "");
        assertThat(withdrawn.statusCode()).as(withdrawn.body()).isEqualTo(200);
        assertThat(TestNetwork.JSON.readTree(withdrawn.body()).path("status").asString()).isEqualTo("WITHDRAWN");
        chain.awaitValue(() -> chain.caseDetail(caseId), c -> "OBJECT_WITHDRAWN".equals(c.path("referral").path("withdrawal").asString()));

        HttpResponse<String> pull = pullReferralForIntake(referralId);
        assertThat(pull.statusCode()).isEqualTo(403);
        assertThat(TestNetwork.JSON.readTree(pull.body()).path("detail").asString()).isEqualTo("the object was withdrawn at its source");
        assertThat(lastAudit(network.gp, "referral", referralId).outcome()).isEqualTo(AuditOutcome.WITHDRAWN);

        assertThat(chain.tryCaseStep(caseId, "pick-up", Map.of("contactPointId", wijkteam)).statusCode()).isEqualTo(200);
        assertThat(chain.tryCaseStep(caseId, "decide", Map.of("outcome", "GRANTED", "productCategory", "rolstoel")).statusCode())
                .isEqualTo(409);
        // The GP follows the case as withdrawn, confirmed by its own record; what the case does after it, the GP does
        // not ask, so the closing is no milestone: a notification alone is no fact.
        JsonNode timeline = chain.awaitValue(() -> chain.timeline(referralId),
                t -> t.path("sources").get(0).path("withdrawn").asBoolean());
        assertThat(timeline.path("feedback").path("shared").asBoolean(true)).isFalse();
        assertThat(timeline.path("feedback").path("reason").asString()).isEqualTo("the practice withdrew the referral");
        int caseEvents = handledAtGp(caseId);
        chain.close(caseId, "Verwijzing ingetrokken door de huisarts");
        chain.awaitValue(() -> handledAtGp(caseId) > caseEvents, done -> done);
        assertThat(Chain.milestonesOf(chain.timeline(referralId))).containsExactly("ARRIVED");
        // The GP withdrew it: it asked nothing more of the case than before the withdrawal.
        assertThat(audit(network.municipality, "case", caseId)).allSatisfy(a ->
                assertThat(a.outcome()).isEqualTo(AuditOutcome.ALLOWED)).hasSize(1);
        // A withdrawn referral no longer changes.
        assertThat(network.staffPost(Participants.GP, "/api/v1/referrals/" + referralId + "/withdraw", "").statusCode()).isEqualTo(409);
    }

    @Test
    void aChangedContactPointReachesEveryNodeAndAChangeAnnouncedAheadWaitsForItsDate() {
        String desk = network.publishContactPoint(Participants.MUNICIPALITY, "Wijkteam Zwolle-Oost", "038-4980001");
        String referralId = chain.referToMunicipality();
        String caseId = chain.awaitCase(referralId);
        chain.pickUp(caseId, desk);
        chain.awaitValue(() -> chain.timeline(referralId),
                t -> "038-4980001".equals(t.path("contactPoint").path("phone").asString()));
        int caseVersion = chain.caseDetail(caseId).path("current").path("version").asInt();

        // The desk gets a new number today: the GP shows it without the case changing, the provider's directory too.
        HttpResponse<String> today = network.staffPost(Participants.MUNICIPALITY, "/api/v1/contact-points/" + desk + "/changes",
                "{\"name\":\"Wijkteam Zwolle-Oost\",\"phone\":\"038-4980002\"}");
        assertThat(today.statusCode()).as(today.body()).isEqualTo(200);
        chain.awaitValue(() -> chain.timeline(referralId),
                t -> "038-4980002".equals(t.path("contactPoint").path("phone").asString()));
        assertThat(chain.caseDetail(caseId).path("current").path("version").asInt()).isEqualTo(caseVersion);
        chain.awaitValue(() -> directoryEntry(Participants.PROVIDER, desk),
                e -> e != null && "038-4980002".equals(e.path("current").path("phone").asString()));

        // A move announced for next month: every node knows it is coming, and until then the current number holds.
        String nextMonth = Instant.now().plus(Duration.ofDays(30)).truncatedTo(ChronoUnit.SECONDS).toString();
        HttpResponse<String> ahead = network.staffPost(Participants.MUNICIPALITY, "/api/v1/contact-points/" + desk + "/changes",
                "{\"name\":\"Wijkteam Zwolle-Oost (Stadshuis)\",\"phone\":\"038-4980003\",\"effectiveFrom\":\"" + nextMonth + "\"}");
        assertThat(ahead.statusCode()).as(ahead.body()).isEqualTo(200);
        for (Participants node : List.of(Participants.GP, Participants.PROVIDER)) {
            JsonNode entry = chain.awaitValue(() -> directoryEntry(node, desk),
                    e -> e != null && "038-4980003".equals(e.path("upcoming").path("phone").asString()));
            assertThat(entry.path("current").path("phone").asString()).isEqualTo("038-4980002");
            assertThat(entry.path("pulledAt").isNull()).isFalse();
        }
        assertThat(chain.timeline(referralId).path("contactPoint").path("phone").asString()).isEqualTo("038-4980002");
    }

    private JsonNode directoryEntry(Participants node, String contactPointId) {
        for (JsonNode entry : network.staffGetJson(node, "/api/v1/contact-points/directory")) {
            if (entry.path("objectId").asString().equals(contactPointId)) {
                return entry;
            }
        }
        return null;
    }

    private HttpResponse<String> pullReferralForIntake(String referralId) {
        return network.pull(network.credentials.get(Participants.MUNICIPALITY), Participants.GP, "referral", referralId, "intake");
    }

    private HttpResponse<String> pullCaseForCareDelivery(String caseId) {
        return network.pull(network.credentials.get(Participants.PROVIDER), Participants.MUNICIPALITY, "case", caseId, "care-delivery");
    }

    /** The pulls of an object audited at its owner; staff reads through the staff API are audited too, but are not pulls. */
    private static List<AuditRecord> audit(org.springframework.context.ConfigurableApplicationContext node, String type, String id) {
        return node.getBean(AuditTrail.class).requestsFor(type, id).stream().filter(a -> !a.caller().startsWith("staff:")).toList();
    }

    private static AuditRecord lastAudit(org.springframework.context.ConfigurableApplicationContext node, String type, String id) {
        List<AuditRecord> records = audit(node, type, id);
        return records.get(records.size() - 1);
    }

    /** How many events about an object the GP has handled or parked. */
    private int handledAtGp(String objectId) {
        return (int) network.gp.getBean(nl.bronsein.runtime.inbox.Inbox.class).entries().stream()
                .filter(e -> e.notification().subject().equals(objectId)
                        && e.status() != nl.bronsein.runtime.inbox.InboxStatus.RECEIVED)
                .count();
    }

    private void awaitInboxesSettled() {
        for (var node : List.of(network.gp, network.municipality, network.provider)) {
            chain.awaitValue(() -> node.getBean(nl.bronsein.runtime.inbox.Inbox.class).entries().stream()
                    .allMatch(e -> e.status() != nl.bronsein.runtime.inbox.InboxStatus.RECEIVED), done -> done);
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> castMap(Object value) {
        return (Map<String, Object>) value;
    }
}

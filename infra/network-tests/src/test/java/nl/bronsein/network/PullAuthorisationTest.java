package nl.bronsein.network;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

import nl.bronsein.devpki.NodeCertificateRequest;
import nl.bronsein.devpki.NodeCredentials;
import nl.bronsein.municipality.cases.Case;
import nl.bronsein.municipality.cases.CaseRepository;
import nl.bronsein.runtime.audit.AuditOutcome;
import nl.bronsein.runtime.audit.AuditRecord;
import nl.bronsein.runtime.audit.AuditTrail;
import nl.bronsein.runtime.inbox.Inbox;
import nl.bronsein.runtime.inbox.InboxStatus;
import nl.bronsein.staffclient.CasesApi;
import tools.jackson.databind.JsonNode;

/**
 * The owner decides every pull: the caller is whoever its certificate proves it to be, the need-to-know rule hides
 * objects from the uninvolved, the purpose must be allowed for the caller's role, consent must cover it — and every
 * attempt leaves exactly one audit row at the owner.
 */
class PullAuthorisationTest {

    private TestNetwork network;
    private String referralId;
    private Case caseWithFeedbackConsent;
    private Case caseWithoutFeedbackConsent;

    @BeforeAll
    void startNetworkWithTwoReferrals() throws Exception {
        network = new TestNetwork().startNodes();
        referralId = post(List.of("intake", "referral-feedback"));
        String intakeOnly = post(List.of("intake"));
        CaseRepository cases = network.municipality.getBean(CaseRepository.class);
        caseWithFeedbackConsent = await().atMost(Duration.ofSeconds(30))
                .until(() -> cases.findByReferral(Participants.GP.urn, referralId).orElse(null), c -> c != null);
        caseWithoutFeedbackConsent = await().atMost(Duration.ofSeconds(30))
                .until(() -> cases.findByReferral(Participants.GP.urn, intakeOnly).orElse(null), c -> c != null);
    }

    @AfterAll
    void stop() {
        network.close();
    }

    @Test
    void theAddresseePullsTheReferralForIntake() {
        HttpResponse<String> response = pullReferralAs(Participants.MUNICIPALITY, "intake");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains(Referrals.BSN);
        AuditTrail gpLog = network.gp.getBean(AuditTrail.class);
        assertThat(lastReferralAudit()).satisfies(a -> {
            assertThat(a.caller()).isEqualTo(Participants.MUNICIPALITY.urn);
            assertThat(a.outcome()).isEqualTo(AuditOutcome.ALLOWED);
            // in the shape of Logboek Dataverwerkingen: the citizen by the GP's pseudonym, never the BSN
            assertThat(a.name()).isEqualTo("pull");
            assertThat(a.statusCode()).isEqualTo("OK");
            assertThat(a.activity()).isEqualTo("urn:bronsein:processing-activity:pull.intake");
            assertThat(a.subjectType()).isEqualTo("BSN");
            assertThat(a.subject()).isEqualTo(gpLog.subjectOf(Referrals.BSN)).doesNotContain(Referrals.BSN)
                    .isNotEqualTo(network.municipality.getBean(AuditTrail.class).subjectOf(Referrals.BSN));
            assertThat(a.traceId()).matches("[0-9a-f]{32}");
            assertThat(a.startedAt()).isBeforeOrEqualTo(a.at());
        });
    }

    /**
     * The citizen's access view (issue 19): at the GP's desk, every access to Hendrik Jansen's data across the three
     * nodes — the GP's own log, and the municipality's and the provider's logs pulled there for citizen-insight — and
     * nothing of another citizen (the de Vries referrals of this class); at the municipality's desk, its own and the
     * GP's.
     */
    @Test
    void theCitizensAccessReportListsEveryAccessAcrossTheNetworkAndNothingOfAnotherCitizen() {
        Chain chain = new Chain(network);
        String wijkteam = network.publishContactPoint(Participants.MUNICIPALITY, "Wijkteam Zwolle-Zuid", "038-4981301");
        Map<String, Object> jansen = new HashMap<>(Referrals.deVries(Participants.MUNICIPALITY.urn,
                List.of("intake", "referral-feedback", "care-delivery")));
        jansen.put("citizen", Map.of("bsn", TestCitizens.JANSEN_BSN, "name", TestCitizens.JANSEN, "birthDate",
                TestCitizens.JANSEN_BIRTH_DATE, "address", Map.of("street", "Kerkstraat", "houseNumber", "3",
                        "postalCode", "8011 CD", "city", "Zwolle")));
        HttpResponse<String> recorded = network.staffPost(Participants.GP, "/api/v1/referrals",
                TestNetwork.JSON.writeValueAsString(jansen));
        assertThat(recorded.statusCode()).as(recorded.body()).isEqualTo(201);
        String referral = TestNetwork.JSON.readTree(recorded.body()).path("id").asString();
        String caseId = chain.awaitCase(referral);
        chain.pickUp(caseId, wijkteam);
        chain.decide(caseId, CasesApi.Decision.granted("rolstoel"));
        chain.assign(caseId, Participants.PROVIDER.urn);
        String assignment = chain.awaitAssignment(caseId);
        chain.accept(assignment);
        chain.startCare(assignment);
        chain.awaitTimeline(referral, "ARRIVED", "PICKED_UP", "INDICATION_GRANTED", "PROVIDER_ASSIGNED",
                "ACCEPTED_BY_PROVIDER", "CARE_STARTED");
        AuditTrail gpLog = network.gp.getBean(AuditTrail.class);
        AuditTrail municipalityLog = network.municipality.getBean(AuditTrail.class);
        AuditTrail providerLog = network.provider.getBean(AuditTrail.class);
        String body = TestNetwork.JSON.writeValueAsString(Map.of("bsn", TestCitizens.JANSEN_BSN));

        // the pulls that follow a step arrive on their own time: the report and the logs agree once they are done
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            HttpResponse<String> report = network.staffPost(Participants.GP, "/api/v1/citizen-access", body);
            assertThat(report.statusCode()).isEqualTo(200);
            JsonNode accesses = TestNetwork.JSON.readTree(report.body()).path("accesses");
            List<String> expected = new java.util.ArrayList<>();
            gpLog.accessesAbout(TestCitizens.JANSEN_BSN).forEach(a -> expected.add(a.at() + " " + name(Participants.GP)));
            municipalityLog.accessesTo("case", caseId).forEach(a -> expected.add(a.at() + " " + name(Participants.MUNICIPALITY)));
            providerLog.accessesTo("assignment", assignment).forEach(a -> expected.add(a.at() + " " + name(Participants.PROVIDER)));
            List<String> listed = new java.util.ArrayList<>();
            accesses.forEach(a -> listed.add(java.time.Instant.parse(a.path("at").asString()) + " "
                    + a.path("recordedBy").asString()));
            assertThat(listed).containsExactlyInAnyOrderElementsOf(expected);
            // every pull of his data by each node is there, in words: who, what, for what
            assertThat(accesses.findValuesAsString("purpose")).contains("om uw aanvraag te beoordelen",
                    "om de zorg te leveren", "om uw huisarts te laten weten wat er met de verwijzing gebeurt");
            assertThat(report.body()).doesNotContain("urn:").doesNotContain("intake\"").doesNotContain("ALLOWED");
            // nothing of the other citizen: none of de Vries's accesses at the GP is in his report
            assertThat(listed).doesNotContainAnyElementsOf(gpLog.accessesAbout(Referrals.BSN).stream()
                    .map(a -> a.at() + " " + name(Participants.GP)).toList());
            assertThat(TestNetwork.JSON.readTree(report.body()).path("sources")).allSatisfy(source ->
                    assertThat(source.path("answered").asBoolean()).isTrue());
        });
        // at the municipality's desk: its own log for him and the GP's for the referral his case rests on
        HttpResponse<String> atTheDesk = network.staffPost(Participants.MUNICIPALITY, "/api/v1/citizen-access", body);
        assertThat(atTheDesk.statusCode()).isEqualTo(200);
        JsonNode deskAccesses = TestNetwork.JSON.readTree(atTheDesk.body()).path("accesses");
        assertThat(deskAccesses.findValuesAsString("recordedBy")).contains(name(Participants.GP), name(Participants.MUNICIPALITY));
        assertThat(deskAccesses.findValuesAsString("who")).contains(name(Participants.MUNICIPALITY),
                name(Participants.PROVIDER));
        // the report is a processing of his data itself, and a provider's planner may not make one
        assertThat(gpLog.all()).anySatisfy(r -> {
            assertThat(r.name()).isEqualTo("citizen-insight");
            assertThat(r.subject()).isEqualTo(gpLog.subjectOf(TestCitizens.JANSEN_BSN));
        });
        assertThat(network.staffRequest(Participants.PROVIDER, "POST", "/api/v1/citizen-access", body,
                network.staffToken(Participants.PROVIDER, "PROVIDER_PLANNER")).statusCode()).isEqualTo(403);
        HttpResponse<String> badBsn = network.staffPost(Participants.GP, "/api/v1/citizen-access", "{\"bsn\":\"123456789\"}");
        assertThat(badBsn.statusCode()).isEqualTo(400);
        assertThat(badBsn.body()).contains("bsn").doesNotContain("123456789");
    }

    private String name(Participants participant) {
        return network.gp.getBean(nl.bronsein.runtime.trust.ParticipantList.class).find(participant.urn).orElseThrow().name();
    }

    /**
     * Fail closed (FSC's logging rule): a pull whose processing record cannot be written is refused — 503, nothing
     * served — and leaves no other trace at the owner.
     */
    @Test
    void aPullWhoseRecordCannotBeWrittenIsRefusedAndLeavesNoTrace() {
        JdbcClient gpDatabase = network.database(Participants.GP);
        NodeTables.freeze(network.gp);
        try {
            NodeTables.Snapshot before = NodeTables.of(gpDatabase);
            gpDatabase.sql("alter table audit_record rename to audit_record_away").update();
            HttpResponse<String> response;
            try {
                response = pullReferralAs(Participants.MUNICIPALITY, "intake");
            } finally {
                gpDatabase.sql("alter table audit_record_away rename to audit_record").update();
            }

            assertThat(response.statusCode()).isEqualTo(503);
            assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
            assertThat(response.headers().firstValue("Retry-After")).isPresent();
            assertThat(response.body()).doesNotContain(Referrals.BSN).doesNotContain(Referrals.NAME);
            assertThat(NodeTables.of(gpDatabase).changedSince(before)).isEmpty();
        } finally {
            NodeTables.thaw(network.gp);
        }
        // and once the log can be written, the same pull is served and recorded
        assertThat(pullReferralAs(Participants.MUNICIPALITY, "intake").statusCode()).isEqualTo(200);
        assertThat(lastReferralAudit().outcome()).isEqualTo(AuditOutcome.ALLOWED);
    }

    @Test
    void aCertificateThatIsNotListedGets401AndIsAudited() {
        NodeCredentials unlisted = network.ca.issue(NodeCertificateRequest.of("Onbekende Zorg BV", "87654321"));
        int before = referralAudit().size();

        HttpResponse<String> response = network.pull(unlisted, Participants.GP, "referral", referralId, "intake");

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(response.body()).doesNotContain(Referrals.BSN);
        assertThat(referralAudit()).hasSize(before + 1);
        assertThat(lastReferralAudit().outcome()).isEqualTo(AuditOutcome.UNKNOWN_CALLER);
        assertThat(lastReferralAudit().caller()).isEqualTo("unlisted:" + unlisted.sha256Fingerprint());
    }

    @Test
    void nobodyCanCallWithAnotherParticipantsIdentifier() {
        // Signed by the network's CA and naming the municipality's OIN, but not the certificate the list pins for it.
        NodeCredentials impostor = network.ca.issue(NodeCertificateRequest.of("Gemeente Zwolle", Participants.MUNICIPALITY.number()));
        int before = referralAudit().size();

        HttpResponse<String> response = network.pull(impostor, Participants.GP, "referral", referralId, "intake");

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(referralAudit()).hasSize(before + 1);
        assertThat(lastReferralAudit().outcome()).isEqualTo(AuditOutcome.UNKNOWN_CALLER);
    }

    @Test
    void aSelfSignedCertificateIsRefusedAtTls() {
        NodeCredentials selfSigned = NodeCredentials.selfSigned(NodeCertificateRequest.of("Gemeente Zwolle", Participants.MUNICIPALITY.number()));
        assertThatThrownBy(() -> network.pull(selfSigned, Participants.GP, "referral", referralId, "intake"))
                .hasRootCauseInstanceOf(javax.net.ssl.SSLException.class);
    }

    @Test
    void aListedButUninvolvedParticipantGets404AsIfTheReferralDidNotExist() {
        int before = referralAudit().size();

        HttpResponse<String> response = pullReferralAs(Participants.OTHER_MUNICIPALITY, "intake");
        HttpResponse<String> unknown = network.pull(network.credentials.get(Participants.OTHER_MUNICIPALITY), Participants.GP,
                "referral", java.util.UUID.randomUUID().toString(), "intake");

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(unknown.statusCode()).isEqualTo(404);
        // nothing but the path tells an existing object from a missing one
        JsonNode hidden = TestNetwork.JSON.readTree(response.body());
        JsonNode missing = TestNetwork.JSON.readTree(unknown.body());
        assertThat(hidden.path("detail")).isEqualTo(missing.path("detail"));
        assertThat(hidden.path("title")).isEqualTo(missing.path("title"));
        assertThat(hidden.size()).isEqualTo(missing.size());
        assertThat(referralAudit()).hasSize(before + 1);
        assertThat(lastReferralAudit()).satisfies(a -> {
            assertThat(a.caller()).isEqualTo(Participants.OTHER_MUNICIPALITY.urn);
            assertThat(a.outcome()).isEqualTo(AuditOutcome.NOT_INVOLVED);
        });
    }

    @Test
    void aWrongOrMissingPurposeGets403AndIsAudited() {
        int before = referralAudit().size();

        HttpResponse<String> wrong = pullReferralAs(Participants.MUNICIPALITY, "care-delivery");
        HttpResponse<String> missing = pullReferralAs(Participants.MUNICIPALITY, null);

        assertThat(wrong.statusCode()).isEqualTo(403);
        assertThat(wrong.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(TestNetwork.JSON.readTree(wrong.body()).path("detail").asString())
                .isEqualTo("purpose care-delivery is not allowed for MUNICIPALITY on referral");
        assertThat(missing.statusCode()).isEqualTo(403);
        List<AuditRecord> audit = referralAudit();
        assertThat(audit).hasSize(before + 2);
        assertThat(audit.subList(before, before + 2)).extracting(AuditRecord::purpose, AuditRecord::outcome)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("care-delivery", AuditOutcome.PURPOSE_NOT_ALLOWED),
                        org.assertj.core.groups.Tuple.tuple(null, AuditOutcome.PURPOSE_NOT_ALLOWED));
    }

    @Test
    void withoutConsentForFeedbackTheGpDoesNotAskLearnsNothingAndAPullWouldGet403() {
        AuditTrail municipalityAudit = network.municipality.getBean(AuditTrail.class);
        String withoutConsent = caseWithoutFeedbackConsent.id().toString();
        // The municipality's policy does not let the GP see that case, so it does not tell the GP it exists (issue 16):
        // the case with feedback consent reaches the GP's inbox, the other never does, and the GP never asks.
        String withConsent = caseWithFeedbackConsent.id().toString();
        await().atMost(Duration.ofSeconds(30)).until(() -> network.gp.getBean(Inbox.class).entries().stream()
                .anyMatch(e -> e.notification().subject().equals(withConsent) && e.status() == InboxStatus.HANDLED));
        assertThat(network.gp.getBean(Inbox.class).entries())
                .noneMatch(e -> e.notification().subject().equals(withoutConsent));
        assertThat(network.records(Participants.GP.inbox())).noneMatch(r -> withoutConsent.equals(r.key()));
        JsonNode timeline = network.staffGetJson(Participants.GP, "/api/v1/referrals/"
                + caseWithoutFeedbackConsent.referralId() + "/timeline");
        assertThat(timeline.path("steps")).isEmpty();
        assertThat(timeline.path("sources")).isEmpty();
        // and the timeline says why it stays empty, rather than look like a case nobody picked up
        assertThat(timeline.path("feedback").path("shared").asBoolean(true)).isFalse();
        assertThat(timeline.path("feedback").path("reason").asString())
                .isEqualTo("the citizen's consent does not cover referral-feedback");
        assertThat(network.staffGetJson(Participants.GP, "/api/v1/referrals/" + caseWithFeedbackConsent.referralId()
                + "/timeline").path("feedback").path("shared").asBoolean(false)).isTrue();
        assertThat(municipalityAudit.requestsFor("case", withoutConsent)).isEmpty();

        HttpResponse<String> refused = network.pull(network.credentials.get(Participants.GP), Participants.MUNICIPALITY,
                "case", withoutConsent, "referral-feedback");
        HttpResponse<String> allowed = network.pull(network.credentials.get(Participants.GP), Participants.MUNICIPALITY,
                "case", caseWithFeedbackConsent.id().toString(), "referral-feedback");

        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(TestNetwork.JSON.readTree(refused.body()).path("detail").asString())
                .isEqualTo("the citizen's consent does not cover purpose referral-feedback");
        assertThat(allowed.statusCode()).isEqualTo(200);
        assertThat(municipalityAudit.requestsFor("case", withoutConsent)).singleElement()
                .satisfies(a -> assertThat(a.outcome()).isEqualTo(AuditOutcome.NO_CONSENT));
    }

    /**
     * Data only from its source (issue 16, item 8): the provider asks the GP for the referral, presenting the case; the
     * GP asks the municipality whether that case rests on the referral and is assigned to that provider, and admits it
     * only then, for care delivery only. Every attempt is audited at the GP; the GP's question at the municipality.
     */
    @Test
    void theGpAdmitsForCareDeliveryOnlyTheProviderTheMunicipalityAssignedTheCaseTo() {
        Chain chain = new Chain(network);
        String wijkteam = network.publishContactPoint(Participants.MUNICIPALITY, "Wijkteam Zwolle-West", "038-4981300");
        String referral = chain.refer(Participants.MUNICIPALITY.urn, List.of("intake", "care-delivery"));
        String caseId = chain.awaitCase(referral);
        chain.pickUp(caseId, wijkteam);
        chain.decide(caseId, CasesApi.Decision.granted("rolstoel"));
        String caseUrl = network.pullUrl(Participants.MUNICIPALITY, "case", caseId);
        AuditTrail gpAudit = network.gp.getBean(AuditTrail.class);
        AuditTrail municipalityAudit = network.municipality.getBean(AuditTrail.class);

        // Granted, not yet assigned: the provider presenting the case is not admitted, as if the referral did not exist.
        HttpResponse<String> early = network.pull(network.credentials.get(Participants.PROVIDER), Participants.GP,
                "referral", referral, "care-delivery", caseUrl);
        assertThat(early.statusCode()).isEqualTo(404);
        assertThat(last(gpAudit.requestsFor("referral", referral))).satisfies(a -> {
            assertThat(a.caller()).isEqualTo(Participants.PROVIDER.urn);
            assertThat(a.purpose()).isEqualTo("care-delivery");
            assertThat(a.outcome()).isEqualTo(AuditOutcome.NOT_INVOLVED);
        });
        assertThat(last(municipalityAudit.requestsFor("case", caseId))).satisfies(a -> {
            assertThat(a.caller()).isEqualTo(Participants.GP.urn);
            assertThat(a.purpose()).isEqualTo("assignment-verification");
            assertThat(a.outcome()).isEqualTo(AuditOutcome.ALLOWED);
        });
        // Another listed participant presenting the same case: not admitted either.
        assertThat(network.pull(network.credentials.get(Participants.OTHER_MUNICIPALITY), Participants.GP, "referral",
                referral, "care-delivery", caseUrl).statusCode()).isEqualTo(404);
        assertThat(last(gpAudit.requestsFor("referral", referral)).outcome()).isEqualTo(AuditOutcome.NOT_INVOLVED);
        // A basis that is no owner's pull URL is refused as malformed, audited.
        HttpResponse<String> malformed = network.pull(network.credentials.get(Participants.PROVIDER), Participants.GP,
                "referral", referral, "care-delivery", "case " + caseId);
        assertThat(malformed.statusCode()).isEqualTo(400);
        assertThat(TestNetwork.JSON.readTree(malformed.body()).path("errors").get(0).path("field").asString())
                .isEqualTo("Bronsein-Basis");
        assertThat(last(gpAudit.requestsFor("referral", referral)).outcome()).isEqualTo(AuditOutcome.MALFORMED_REQUEST);

        // Assigned: the provider's node pulls the referral from the GP itself, and is admitted.
        chain.assign(caseId, Participants.PROVIDER.urn);
        chain.awaitAssignment(caseId);
        assertThat(gpAudit.requestsFor("referral", referral)).extracting(AuditRecord::caller, AuditRecord::purpose,
                AuditRecord::outcome).contains(org.assertj.core.groups.Tuple.tuple(Participants.PROVIDER.urn,
                "care-delivery", AuditOutcome.ALLOWED));
        HttpResponse<String> care = network.pull(network.credentials.get(Participants.PROVIDER), Participants.GP,
                "referral", referral, "care-delivery", caseUrl);
        assertThat(care.statusCode()).isEqualTo(200);
        JsonNode view = TestNetwork.JSON.readTree(care.body());
        assertThat(view.path("citizen").path("bsn").asString()).isEqualTo(Referrals.BSN);
        assertThat(view.path("problemAnalysis").isNull() || view.path("problemAnalysis").isMissingNode()).isTrue();
        // Admitted for care delivery, not for intake: that view holds the GP's problem analysis.
        HttpResponse<String> intake = network.pull(network.credentials.get(Participants.PROVIDER), Participants.GP,
                "referral", referral, "intake");
        assertThat(intake.statusCode()).isEqualTo(403);
        assertThat(last(gpAudit.requestsFor("referral", referral)).outcome()).isEqualTo(AuditOutcome.PURPOSE_NOT_ALLOWED);
        // The municipality's own case for care delivery: no citizen data, field by field.
        JsonNode caseView = TestNetwork.JSON.readTree(network.pull(network.credentials.get(Participants.PROVIDER),
                Participants.MUNICIPALITY, "case", caseId, "care-delivery").body());
        for (String field : List.of("citizen", "contactPerson", "consent", "requestedSupport", "problemAnalysis", "urgency")) {
            assertThat(caseView.has(field)).as(field).isFalse();
        }
        assertThat(caseView.toString()).doesNotContain(Referrals.BSN, Referrals.NAME, Referrals.CONTACT_PERSON,
                Referrals.PHONE, Referrals.STREET);
        // The GP's question is an answer only: the GP is not sent the case for it (its consent excludes feedback).
        assertThat(network.records(Participants.GP.inbox())).noneMatch(r -> caseId.equals(r.key()));
    }

    private static AuditRecord last(List<AuditRecord> records) {
        return records.get(records.size() - 1);
    }

    private String post(List<String> purposes) {
        HttpResponse<String> posted = network.staffPost(Participants.GP, "/api/v1/referrals",
                Referrals.deVriesJson(Participants.MUNICIPALITY.urn, purposes));
        assertThat(posted.statusCode()).as(posted.body()).isEqualTo(201);
        return TestNetwork.JSON.readTree(posted.body()).path("id").asString();
    }

    private HttpResponse<String> pullReferralAs(Participants caller, String purpose) {
        return network.pull(network.credentials.get(caller), Participants.GP, "referral", referralId, purpose);
    }

    private List<AuditRecord> referralAudit() {
        return network.gp.getBean(AuditTrail.class).requestsFor("referral", referralId);
    }

    private AuditRecord lastReferralAudit() {
        List<AuditRecord> audit = referralAudit();
        return audit.get(audit.size() - 1);
    }
}

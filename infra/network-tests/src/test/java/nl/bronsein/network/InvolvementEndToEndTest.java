package nl.bronsein.network;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import nl.bronsein.devpki.NodeCertificateRequest;
import nl.bronsein.devpki.NodeCredentials;
import nl.bronsein.runtime.audit.AuditOutcome;
import nl.bronsein.runtime.audit.AuditRecord;
import nl.bronsein.runtime.audit.AuditTrail;
import nl.bronsein.runtime.outbox.OutboxRepository;
import nl.bronsein.schemas.NotificationCodec;
import nl.bronsein.schemas.ObjectChanged;
import nl.bronsein.staffclient.InvolvementsApi;
import nl.bronsein.staffclient.KnownInvolvementsApi;
import tools.jackson.databind.JsonNode;

/**
 * Issue 18: with the citizen's consent the wijkteam tells the citizen's GP practice that it helps them, with no
 * referral. Over the real broker with mutual TLS: the practice named is notified, pulls the involvement for
 * care-coordination and lists it; an end and a consent withdrawal reach its copy the same way; nobody else is told or
 * may pull, and every attempt is audited at the municipality.
 */
class InvolvementEndToEndTest {

    private static final String PURPOSE = "care-coordination";

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

    @Test
    void theGpLearnsItsPatientIsHelpedSeesTheEndAndTheConsentWithdrawalAndNeedsNoReferral() {
        // 1. A wijkteam member records the involvement, with Mr Jansen's consent to tell his practice.
        InvolvementsApi.Involvement started = municipality().start(form(consent(List.of(PURPOSE))));
        assertThat(started.status()).isEqualTo("ACTIVE");
        assertThat(started.consent().status()).isEqualTo("GIVEN");

        // 2. The practice's node is notified, pulls it and lists it: who, since when, whom to call. No referral.
        KnownInvolvementsApi.KnownInvolvement shown = awaitKnown(started.id(), i -> i.version() == 1);
        assertThat(shown.municipality()).isEqualTo(Participants.MUNICIPALITY.urn);
        assertThat(shown.municipalityName()).isEqualTo(Participants.MUNICIPALITY.organisation);
        assertThat(shown.status()).isEqualTo("ACTIVE");
        assertThat(shown.ended()).isFalse();
        assertThat(shown.consentWithdrawn()).isFalse();
        assertThat(shown.citizen()).isEqualTo(new KnownInvolvementsApi.Citizen(TestCitizens.JANSEN_BSN,
                TestCitizens.JANSEN, LocalDate.parse(TestCitizens.JANSEN_BIRTH_DATE)));
        assertThat(shown.since()).isEqualTo(LocalDate.of(2026, 11, 2));
        assertThat(shown.until()).isNull();
        assertThat(shown.contactPoint().name()).isEqualTo("Wijkteam Zwolle-Zuid");
        assertThat(shown.contactPoint().phone()).isEqualTo("038-4981234");
        assertThat(network.staff(Participants.GP).referrals().list()).isEmpty();
        assertThat(involvementAudit(started.id())).extracting(AuditRecord::caller, AuditRecord::purpose,
                AuditRecord::outcome).containsOnly(org.assertj.core.groups.Tuple.tuple(Participants.GP.urn, PURPOSE,
                AuditOutcome.ALLOWED));

        // 3. What travelled: a thin event on the practice's inbox alone, the facts only.
        List<ConsumerRecord<String, byte[]>> events = eventsAbout(Participants.GP, started.id());
        assertThat(events).singleElement().satisfies(record -> {
            assertThat(header(record, "ce_type")).isEqualTo("nl.bronsein.involvement.started.v2");
            assertThat(header(record, "ce_source")).isEqualTo(Participants.MUNICIPALITY.urn);
            ObjectChanged body = new NotificationCodec().decode(record.value(), ObjectChanged.class);
            assertThat(body.getObjectType().toString()).isEqualTo("involvement");
            assertThat(body.getOwner().toString()).isEqualTo(Participants.MUNICIPALITY.urn);
            assertNothingPersonal(record);
        });
        for (Participants other : List.of(Participants.PROVIDER, Participants.OTHER_MUNICIPALITY)) {
            assertThat(eventsAbout(other, started.id())).as(other + "'s inbox").isEmpty();
        }

        // 4. A correction is a new version the practice pulls.
        InvolvementsApi.Involvement corrected = municipality().correct(started.id(),
                new InvolvementsApi.Form(citizen(), LocalDate.of(2026, 11, 2), LocalDate.of(2027, 5, 1), wijkteam,
                        Participants.GP.urn, null));
        assertThat(corrected.version()).isEqualTo(2);
        assertThat(awaitKnown(started.id(), i -> i.version() == 2).until()).isEqualTo(LocalDate.of(2027, 5, 1));

        // 5. Ended: the practice's copy shows it.
        InvolvementsApi.Involvement ended = municipality().end(started.id());
        assertThat(ended.status()).isEqualTo("ENDED");
        KnownInvolvementsApi.KnownInvolvement endedAtGp = awaitKnown(started.id(), KnownInvolvementsApi.KnownInvolvement::ended);
        assertThat(endedAtGp.status()).isEqualTo("ENDED");
        assertThat(endedAtGp.endedAt()).isEqualTo(ended.endedAt());

        // 6. The consent withdrawn: the municipality refuses the practice stating so, and the practice marks its copy.
        InvolvementsApi.Involvement withdrawn = municipality().withdrawConsent(started.id());
        assertThat(withdrawn.consent().status()).isEqualTo("WITHDRAWN");
        KnownInvolvementsApi.KnownInvolvement withdrawnAtGp = awaitKnown(started.id(),
                KnownInvolvementsApi.KnownInvolvement::consentWithdrawn);
        assertThat(withdrawnAtGp.withdrawnAt()).isNotNull();
        assertThat(withdrawnAtGp.citizen()).as("the patient's data are no longer shown").isNull();
        assertThat(withdrawnAtGp.contactPoint()).isNull();
        assertThat(involvementAudit(started.id())).last().satisfies(a -> {
            assertThat(a.caller()).isEqualTo(Participants.GP.urn);
            assertThat(a.outcome()).isEqualTo(AuditOutcome.NO_CONSENT);
        });
        HttpResponse<String> refused = pullAs(Participants.GP, started.id(), PURPOSE);
        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(TestNetwork.JSON.readTree(refused.body()).path("withdrawal").asString()).isEqualTo("CONSENT_WITHDRAWN");
        assertThat(refused.body()).doesNotContain(TestCitizens.JANSEN_BSN, TestCitizens.JANSEN);
        assertThat(eventsAbout(Participants.GP, started.id())).extracting(r -> header(r, "ce_type")).containsExactly(
                "nl.bronsein.involvement.started.v2", "nl.bronsein.involvement.corrected.v2",
                "nl.bronsein.involvement.ended.v2", "nl.bronsein.involvement.consent-withdrawn.v2");
        eventsAbout(Participants.GP, started.id()).forEach(InvolvementEndToEndTest::assertNothingPersonal);
    }

    @Test
    void aPullByAParticipantTheInvolvementWasNotAddressedToIsRefusedAndAudited() {
        InvolvementsApi.Involvement started = municipality().start(form(consent(List.of(PURPOSE))));
        awaitKnown(started.id(), i -> i.version() == 1);
        int before = involvementAudit(started.id()).size();

        // Listed but not named: answered as if there were no such involvement (need-to-know), and audited.
        HttpResponse<String> provider = pullAs(Participants.PROVIDER, started.id(), PURPOSE);
        HttpResponse<String> otherMunicipality = pullAs(Participants.OTHER_MUNICIPALITY, started.id(), PURPOSE);
        // A GP practice not in the participant list: not even admitted as a caller.
        NodeCredentials otherPractice = network.ca.issue(NodeCertificateRequest.of("Huisartsenpraktijk De Es", "55667788"));
        HttpResponse<String> unlisted = network.pull(otherPractice, Participants.MUNICIPALITY, "involvement",
                started.id(), PURPOSE);
        // The practice named, for another purpose than the one it is told for.
        HttpResponse<String> otherPurpose = pullAs(Participants.GP, started.id(), "referral-feedback");

        assertThat(provider.statusCode()).isEqualTo(404);
        assertThat(otherMunicipality.statusCode()).isEqualTo(404);
        assertThat(unlisted.statusCode()).isEqualTo(401);
        assertThat(otherPurpose.statusCode()).isEqualTo(403);
        for (HttpResponse<String> response : List.of(provider, otherMunicipality, unlisted, otherPurpose)) {
            assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
            assertThat(response.body()).doesNotContain(TestCitizens.JANSEN_BSN, TestCitizens.JANSEN);
        }
        List<AuditRecord> audit = involvementAudit(started.id());
        assertThat(audit.subList(before, audit.size())).extracting(AuditRecord::caller, AuditRecord::outcome)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(Participants.PROVIDER.urn, AuditOutcome.NOT_INVOLVED),
                        org.assertj.core.groups.Tuple.tuple(Participants.OTHER_MUNICIPALITY.urn, AuditOutcome.NOT_INVOLVED),
                        org.assertj.core.groups.Tuple.tuple("unlisted:" + otherPractice.sha256Fingerprint(),
                                AuditOutcome.UNKNOWN_CALLER),
                        org.assertj.core.groups.Tuple.tuple(Participants.GP.urn, AuditOutcome.PURPOSE_NOT_ALLOWED));
        // and the practice named may, for care-coordination
        HttpResponse<String> allowed = pullAs(Participants.GP, started.id(), PURPOSE);
        assertThat(allowed.statusCode()).isEqualTo(200);
        assertThat(TestNetwork.JSON.readTree(allowed.body()).path("citizen").path("bsn").asString())
                .isEqualTo(TestCitizens.JANSEN_BSN);
    }

    @Test
    void badInputAnIllegalStepAndAnotherRoleAreRefusedAndNothingIsWrittenOrNotified() {
        InvolvementsApi.Involvement ended = municipality().start(form(consent(List.of(PURPOSE))));
        municipality().end(ended.id());
        await().atMost(Chain.PATIENCE).until(() -> outbox().countUnpublished() == 0);
        int involvements = municipality().list().size();
        int rows = outbox().findAll().size();

        Map<String, Object> valid = TestNetwork.JSON.convertValue(form(consent(List.of(PURPOSE))), Map.class);
        assertRefused(with(valid, "citizen", Map.of("bsn", TestCitizens.INVALID_BSN, "name", TestCitizens.JANSEN,
                "birthDate", TestCitizens.JANSEN_BIRTH_DATE)), "citizen.bsn");
        assertRefused(with(valid, "consent", null), "consent");
        assertRefused(with(valid, "consent", Map.of("givenAt", consentGivenAt().toString(), "form", "ORAL",
                "purposes", List.of("intake"))), "consent.purposes");
        assertRefused(with(valid, "gpPractice", Participants.PROVIDER.urn), "gpPractice");
        assertRefused(with(valid, "contactPointId", java.util.UUID.randomUUID().toString()), "contactPointId");
        assertRefused(with(valid, "until", "2026-01-01"), "until");

        HttpResponse<String> again = network.staffPost(Participants.MUNICIPALITY,
                "/api/v1/involvements/" + ended.id() + "/end", "");
        assertThat(again.statusCode()).isEqualTo(409);
        assertThat(again.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        HttpResponse<String> intakeOfficer = network.staffRequest(Participants.MUNICIPALITY, "POST", "/api/v1/involvements",
                TestNetwork.JSON.writeValueAsString(valid), network.staffToken(Participants.MUNICIPALITY, "INTAKE_OFFICER"));
        assertThat(intakeOfficer.statusCode()).isEqualTo(403);

        assertThat(municipality().list()).hasSize(involvements);
        assertThat(outbox().findAll()).hasSize(rows);
    }

    private void assertRefused(Map<String, Object> form, String field) {
        HttpResponse<String> response = network.staffPost(Participants.MUNICIPALITY, "/api/v1/involvements",
                TestNetwork.JSON.writeValueAsString(form));
        assertThat(response.statusCode()).as(field + ": " + response.body()).isEqualTo(400);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(TestNetwork.JSON.readTree(response.body()).path("errors").valueStream()
                .map(e -> e.path("field").asString()).toList()).as(response.body()).contains(field);
    }

    private static Map<String, Object> with(Map<String, Object> form, String field, Object value) {
        Map<String, Object> changed = new HashMap<>(form);
        changed.put(field, value);
        return changed;
    }

    private InvolvementsApi municipality() {
        return network.staff(Participants.MUNICIPALITY).involvements();
    }

    private OutboxRepository outbox() {
        return network.municipality.getBean(OutboxRepository.class);
    }

    private InvolvementsApi.Form form(InvolvementsApi.Consent consent) {
        return new InvolvementsApi.Form(citizen(), LocalDate.of(2026, 11, 2), null, wijkteam, Participants.GP.urn,
                consent);
    }

    private static InvolvementsApi.Citizen citizen() {
        return new InvolvementsApi.Citizen(TestCitizens.JANSEN_BSN, TestCitizens.JANSEN,
                LocalDate.parse(TestCitizens.JANSEN_BIRTH_DATE));
    }

    private static InvolvementsApi.Consent consent(List<String> purposes) {
        return new InvolvementsApi.Consent(consentGivenAt(), "ORAL", purposes);
    }

    private static Instant consentGivenAt() {
        return Instant.now().minus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS);
    }

    private KnownInvolvementsApi.KnownInvolvement awaitKnown(String id,
                                                            java.util.function.Predicate<KnownInvolvementsApi.KnownInvolvement> done) {
        return chain.awaitValue(() -> network.staff(Participants.GP).knownInvolvements().list().stream()
                .filter(i -> id.equals(i.involvementId())).filter(done).findFirst().orElse(null), i -> i != null);
    }

    private HttpResponse<String> pullAs(Participants caller, String id, String purpose) {
        return network.pull(network.credentials.get(caller), Participants.MUNICIPALITY, "involvement", id, purpose);
    }

    private List<AuditRecord> involvementAudit(String id) {
        return network.municipality.getBean(AuditTrail.class).requestsFor("involvement", id);
    }

    private List<ConsumerRecord<String, byte[]>> eventsAbout(Participants recipient, String id) {
        return network.records(recipient.inbox()).stream().filter(r -> id.equals(r.key())).toList();
    }

    private static void assertNothingPersonal(ConsumerRecord<String, byte[]> record) {
        StringBuilder everything = new StringBuilder(new String(record.value(), StandardCharsets.ISO_8859_1));
        record.headers().forEach(h -> everything.append(' ').append(new String(h.value(), StandardCharsets.UTF_8)));
        assertThat(everything.toString()).doesNotContain(TestCitizens.JANSEN_BSN, TestCitizens.JANSEN,
                TestCitizens.JANSEN_BIRTH_DATE, Participants.GP.urn, "ACTIVE", "ENDED");
    }

    private static String header(ConsumerRecord<String, byte[]> record, String name) {
        return new String(record.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
    }
}

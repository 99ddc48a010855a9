package nl.bronsein.network;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import nl.bronsein.gp.referral.ReferralRepository;
import nl.bronsein.municipality.cases.Case;
import nl.bronsein.municipality.cases.CaseRepository;
import nl.bronsein.runtime.audit.AuditOutcome;
import nl.bronsein.runtime.audit.AuditRecord;
import nl.bronsein.runtime.audit.AuditTrail;
import nl.bronsein.runtime.copy.PulledCopies;
import nl.bronsein.runtime.inbox.Inbox;
import nl.bronsein.runtime.inbox.InboxStatus;
import nl.bronsein.runtime.outbox.OutboxEntry;
import nl.bronsein.runtime.outbox.OutboxRepository;
import nl.bronsein.schemas.NotificationCodec;
import nl.bronsein.schemas.ObjectChanged;
import nl.bronsein.schemas.SharedObjectType;
import nl.bronsein.schemas.view.CaseStatus;
import nl.bronsein.schemas.view.ReferralIntakeView;
import tools.jackson.databind.JsonNode;

/**
 * The first path through the network, on a real broker with real mutual TLS between two nodes: a GP referral becomes
 * a thin event, the municipality pulls it for intake and opens a case, the GP learns "arrived" and then "picked up"
 * by pulling the case's feedback view. Then everything that crossed the broker and everything logged is scanned for
 * the citizen's personal data.
 */
@ExtendWith(OutputCaptureExtension.class)
class ReferralFeedbackEndToEndTest {

    private static final Duration PATIENCE = Duration.ofSeconds(30);

    private TestNetwork network;
    private final NotificationCodec codec = new NotificationCodec();

    @BeforeAll
    void startNetwork() throws Exception {
        network = new TestNetwork().startNodes();
    }

    @AfterAll
    void stopNetwork() {
        network.close();
    }

    @Test
    void aReferralArrivesIsPickedUpAndTheGpSeesBothAndNothingPersonalLeaksOnTheWireOrInTheLogs(CapturedOutput output) {
        // 1. The GP records a referral through its staff API.
        HttpResponse<String> posted = network.staffPost(Participants.GP, "/api/v1/referrals", Referrals.deVriesJson());
        assertThat(posted.statusCode()).as(posted.body()).isEqualTo(201);
        String referralId = TestNetwork.JSON.readTree(posted.body()).path("id").asString();
        assertThat(network.gp.getBean(ReferralRepository.class).find(UUID.fromString(referralId))).isPresent();

        // 2. The municipality receives it as a case, status RECEIVED, referring to the GP's referral.
        CaseRepository cases = network.municipality.getBean(CaseRepository.class);
        Case received = await().atMost(PATIENCE).until(
                () -> cases.findByReferral(Participants.GP.urn, referralId).orElse(null), c -> c != null);
        assertThat(received.status()).isEqualTo(CaseStatus.RECEIVED);
        assertThat(received.referralOwner()).isEqualTo(Participants.GP.urn);
        var pulled = network.municipality.getBean(PulledCopies.class)
                .find(Participants.GP.urn, SharedObjectType.REFERRAL, referralId, ReferralIntakeView.class).orElseThrow();
        assertThat(pulled.purpose()).isEqualTo("intake");
        assertThat(pulled.version()).isEqualTo(1);
        assertThat(pulled.content().citizen().bsn()).isEqualTo(Referrals.BSN);
        assertThat(pulled.content().problemAnalysis()).isEqualTo(Referrals.PROBLEM);

        // 3. The GP's referral list shows "arrived", learned from the municipality's case.
        JsonNode arrived = awaitMilestones(referralId, "ARRIVED");
        assertThat(arrived.path("timeline").path("sources").get(0).path("status").asString()).isEqualTo("RECEIVED");
        JsonNode arrivedMilestone = arrived.path("timeline").path("steps").get(0);
        assertThat(arrivedMilestone.path("label").asString()).isEqualTo("aangekomen");
        assertThat(arrivedMilestone.path("source").path("owner").asString()).isEqualTo(Participants.MUNICIPALITY.urn);
        assertThat(arrivedMilestone.path("source").path("objectType").asString()).isEqualTo("case");
        assertThat(arrivedMilestone.path("source").path("objectId").asString()).isEqualTo(received.id().toString());

        // 4. The wijkteam picks the case up through the municipality's staff API; the GP sees it with the contact point.
        String wijkteam = network.publishContactPoint(Participants.MUNICIPALITY, "Wijkteam Zwolle-Zuid", "038-4981234");
        HttpResponse<String> pickedUp = network.staffPost(Participants.MUNICIPALITY,
                "/api/v1/cases/" + received.id() + "/pick-up", "{\"contactPointId\":\"" + wijkteam + "\"}");
        assertThat(pickedUp.statusCode()).as(pickedUp.body()).isEqualTo(200);
        JsonNode picked = awaitMilestones(referralId, "ARRIVED", "PICKED_UP");
        assertThat(picked.path("timeline").path("sources").get(0).path("status").asString()).isEqualTo("PICKED_UP");
        assertThat(picked.path("timeline").path("sources").get(0).path("version").asInt()).isEqualTo(2);
        assertThat(picked.path("timeline").path("contactPoint").path("name").asString()).isEqualTo("Wijkteam Zwolle-Zuid");
        assertThat(picked.path("timeline").path("steps").get(1).path("label").asString()).isEqualTo("opgepakt");

        // 5. A second pick-up is an illegal transition: 409, and nothing changes.
        String noord = network.publishContactPoint(Participants.MUNICIPALITY, "Wijkteam Zwolle-Noord", "038-4985678");
        HttpResponse<String> again = network.staffPost(Participants.MUNICIPALITY, "/api/v1/cases/" + received.id() + "/pick-up",
                "{\"contactPointId\":\"" + noord + "\"}");
        assertThat(again.statusCode()).isEqualTo(409);
        assertThat(again.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(cases.find(received.id()).orElseThrow().contactPointId()).hasToString(wijkteam);

        // 6. What each node stored: outboxes fully relayed, inboxes handled once, every pull audited at the owner.
        List<OutboxEntry> gpOutbox = network.gp.getBean(OutboxRepository.class).findAll();
        assertThat(gpOutbox).hasSize(1);
        assertThat(gpOutbox.get(0).publishedAt()).isNotNull();
        await().atMost(PATIENCE).until(() -> network.municipality.getBean(OutboxRepository.class).countUnpublished() == 0);
        // read once relayed: the relay numbers the rows after they commit
        List<OutboxEntry> municipalityOutbox = network.municipality.getBean(OutboxRepository.class).findAll();
        // case received, contact point Zuid published, case picked up, contact point Noord published: one sequence
        assertThat(municipalityOutbox).extracting(OutboxEntry::sourceSequence).containsExactly(1L, 2L, 3L, 4L);
        assertThat(network.municipality.getBean(Inbox.class).entries())
                .extracting(e -> e.status()).containsExactly(InboxStatus.HANDLED);
        // two case changes and the municipality's two contact points; nobody follows its own notifications
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(network.gp.getBean(Inbox.class).entries())
                .extracting(e -> e.status()).hasSize(4).containsOnly(InboxStatus.HANDLED));
        List<AuditRecord> gpAudit = network.gp.getBean(AuditTrail.class).requestsFor("referral", referralId);
        assertThat(gpAudit).singleElement().satisfies(a -> {
            assertThat(a.caller()).isEqualTo(Participants.MUNICIPALITY.urn);
            assertThat(a.purpose()).isEqualTo("intake");
            assertThat(a.outcome()).isEqualTo(AuditOutcome.ALLOWED);
        });
        assertThat(network.municipality.getBean(AuditTrail.class).requestsFor("case", received.id().toString()))
                .extracting(AuditRecord::caller, AuditRecord::purpose, AuditRecord::outcome)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(Participants.GP.urn, "referral-feedback", AuditOutcome.ALLOWED),
                        org.assertj.core.groups.Tuple.tuple(Participants.GP.urn, "referral-feedback", AuditOutcome.ALLOWED));

        // 7. What the broker holds: thin CloudEvents in binary mode, keyed by object id, on the recipient's own inbox,
        // numbered in what the source sends that recipient, and a body of facts only: no status, nobody else named.
        List<ConsumerRecord<String, byte[]>> referralEvents = network.records(Participants.MUNICIPALITY.inbox());
        assertThat(referralEvents).singleElement().satisfies(record -> {
            assertThat(record.key()).isEqualTo(referralId);
            assertThat(header(record, "ce_specversion")).isEqualTo("1.0");
            assertThat(header(record, "ce_source")).isEqualTo(Participants.GP.urn);
            assertThat(header(record, "ce_type")).isEqualTo("nl.bronsein.referral.recorded.v2");
            assertThat(header(record, "ce_subject")).isEqualTo(referralId);
            assertThat(header(record, "ce_dataref")).isEqualTo("https://localhost:" + network.networkPorts.get(Participants.GP)
                    + "/network/v1/objects/referral/" + referralId);
            assertThat(header(record, "ce_sequence")).isEqualTo("1");
            assertThat(header(record, "ce_sequencetype")).isEqualTo("Integer");
            assertThat(header(record, "ce_id")).isEqualTo(gpOutbox.get(0).eventId().toString());
            ObjectChanged body = codec.decode(record.value(), ObjectChanged.class);
            assertThat(body).isEqualTo(new ObjectChanged("referral", referralId, 1, Participants.GP.urn,
                    body.getOccurredAt()));
        });
        List<ConsumerRecord<String, byte[]>> caseEvents = network.records(Participants.GP.inbox());
        assertThat(caseEvents).hasSize(2).allSatisfy(record -> {
            assertThat(record.key()).isEqualTo(received.id().toString());
            assertThat(header(record, "ce_source")).isEqualTo(Participants.MUNICIPALITY.urn);
            assertThat(header(record, "ce_type")).isEqualTo("nl.bronsein.case.status-changed.v2");
        });
        // the GP's own numbering: the contact points between them went to everyone, on the generic topic, unnumbered
        assertThat(caseEvents).extracting(r -> header(r, "ce_sequence")).containsExactly("1", "2");
        assertThat(caseEvents).extracting(r -> codec.decode(r.value(), ObjectChanged.class).getObjectVersion())
                .containsExactly(1, 2);
        assertThat(network.records("bronsein.generic.contact-point")).filteredOn(r -> header(r, "ce_source")
                .equals(Participants.MUNICIPALITY.urn)).hasSizeGreaterThanOrEqualTo(2)
                .allSatisfy(r -> assertThat(r.headers().lastHeader("ce_sequence")).isNull());

        // 8. Privacy: no personal value in any topic name, key, header or value on the broker, nor in the logs.
        List<String> wire = new ArrayList<>();
        for (String topic : network.topics()) {
            wire.add(topic);
            for (ConsumerRecord<String, byte[]> record : network.records(topic)) {
                wire.add(String.valueOf(record.key()));
                for (Header header : record.headers()) {
                    wire.add(header.key());
                    wire.add(new String(header.value() == null ? new byte[0] : header.value(), StandardCharsets.UTF_8));
                }
                wire.add(new String(record.value() == null ? new byte[0] : record.value(), StandardCharsets.ISO_8859_1));
            }
        }
        String everythingOnTheWire = String.join("\n", wire);
        assertThat(everythingOnTheWire).contains(referralId, "nl.bronsein.case.status-changed.v2"); // the scan saw the events
        String logs = output.getAll();
        assertThat(logs).contains("Received event"); // the scan saw the nodes' debug logging
        for (String personal : Referrals.personalValues()) {
            assertThat(everythingOnTheWire).as("broker content").doesNotContain(personal);
            assertThat(logs).as("log output").doesNotContain(personal);
        }
    }

    private JsonNode awaitMilestones(String referralId, String... milestones) {
        return await().atMost(PATIENCE).until(() -> referral(referralId), r -> {
            List<String> reached = new ArrayList<>();
            r.path("timeline").path("steps").forEach(m -> reached.add(m.path("milestone").asString()));
            return reached.equals(List.of(milestones));
        });
    }

    private JsonNode referral(String id) {
        for (JsonNode referral : network.staffGetJson(Participants.GP, "/api/v1/referrals")) {
            if (referral.path("id").asString().equals(id)) {
                return referral;
            }
        }
        throw new AssertionError("referral " + id + " not in the GP's list");
    }

    private static String header(ConsumerRecord<String, byte[]> record, String key) {
        Header header = record.headers().lastHeader(key);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

}

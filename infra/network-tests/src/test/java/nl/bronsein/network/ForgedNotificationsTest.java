package nl.bronsein.network;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

import nl.bronsein.runtime.copy.OwnerAnswers;
import nl.bronsein.runtime.inbox.Inbox;
import nl.bronsein.runtime.inbox.InboxEntry;
import nl.bronsein.runtime.inbox.InboxStatus;
import nl.bronsein.schemas.NotificationCodec;
import nl.bronsein.schemas.ObjectChanged;
import nl.bronsein.schemas.SharedObjectType;
import tools.jackson.databind.JsonNode;

/**
 * A notification is a trigger, never a fact. Records that look like the owner's own in every way the broker and the
 * reception can check (listed source that owns the body, the object's own pull URL, a valid envelope and body) but
 * claim what the owner never did: a withdrawal of a live referral, steps of a case that does not exist or is not there
 * yet, steps for a referral without feedback consent. Each node asks the owner, and what the owner answers is all that
 * counts: the state stays as it was, the record is parked with the reason, and the owner's later real change is taken
 * in as usual.
 */
class ForgedNotificationsTest {

    /** Where the GP's referrals to the municipality arrive, and the municipality's cases to the GP. */
    private static final String REFERRALS = Participants.MUNICIPALITY.inbox();
    private static final String CASES = Participants.GP.inbox();

    private final NotificationCodec codec = new NotificationCodec();
    private TestNetwork network;
    private Chain chain;
    private String wijkteam;
    private KafkaProducer<String, byte[]> producer;

    @BeforeAll
    void startNetwork() throws Exception {
        network = new TestNetwork().startNodes();
        chain = new Chain(network);
        wijkteam = network.publishContactPoint(Participants.MUNICIPALITY, "Wijkteam Zwolle-Zuid", "038-4981234");
        // a listed participant with its own certificate, whose role may write municipalities' and practices' inboxes
        producer = new KafkaProducer<>(network.clientOf(Participants.PROVIDER),
                new StringSerializer(), new ByteArraySerializer());
    }

    @AfterAll
    void stopNetwork() {
        if (producer != null) {
            producer.close();
        }
        network.close();
    }

    @Test
    void aForgedReferralWithdrawalLeavesTheCaseLiveAndTheLaterCorrectionIsPulled() {
        forgedWithdrawalChangesNothing("withdrawn");
    }

    @Test
    void aForgedConsentWithdrawalLeavesTheCaseLiveAndTheLaterCorrectionIsPulled() {
        forgedWithdrawalChangesNothing("consent-withdrawn");
    }

    private void forgedWithdrawalChangesNothing(String eventName) {
        String referralId = chain.referToMunicipality();
        String caseId = chain.awaitCase(referralId);
        ConsumerRecord<String, byte[]> genuine = genuine(REFERRALS, referralId);
        ObjectChanged body = codec.decode(genuine.value(), ObjectChanged.class);
        body.setObjectVersion(2);
        body.setOccurredAt(Instant.now());

        String forged = send(genuine, referralId, SharedObjectType.REFERRAL.eventType(eventName), body);

        // the GP still serves the referral: the municipality parks the claim and changes nothing
        InboxEntry parked = awaitParked(network.municipality, forged);
        assertThat(parked.lastError()).startsWith(OwnerAnswers.CONTRADICTS);
        JsonNode atMunicipality = chain.caseDetail(caseId);
        assertThat(atMunicipality.path("referral").path("withdrawal").isNull()).as(atMunicipality.toString()).isTrue();
        assertThat(atMunicipality.path("referral").path("content").path("citizen").isObject()).isTrue();
        // the case is not frozen, and no withdrawal was passed on to the case's followers
        chain.pickUp(caseId, wijkteam);
        assertThat(chain.tryCaseStep(caseId, "decide", Map.of("outcome", "GRANTED", "productCategory", "rolstoel"))
                .statusCode()).isEqualTo(200);

        // the GP's real correction afterwards is pulled as any other
        assertThat(network.staffPut(Participants.GP, "/api/v1/referrals/" + referralId + "/contact-person",
                TestCitizens.sonAsContactPerson("son (mantelzorger)")).statusCode()).isEqualTo(200);
        JsonNode corrected = chain.awaitValue(() -> chain.caseDetail(caseId),
                c -> c.path("referral").path("version").asInt() == 2);
        assertThat(corrected.path("referral").path("content").path("contactPerson").path("name").asString())
                .isEqualTo(TestCitizens.SON);
        assertThat(corrected.path("referral").path("withdrawal").isNull()).isTrue();
        // the case's followers heard of the correction, in order after everything before it, and never of a withdrawal
        List<String> caseEvents = chain.awaitValue(() -> network.records(CASES).stream()
                        .filter(r -> caseId.equals(r.key())).map(r -> header(r, "ce_type")).toList(),
                types -> types.contains(SharedObjectType.CASE.eventType("referral-updated")));
        assertThat(caseEvents).noneMatch(t -> t.contains("withdrawn"));
    }

    @Test
    void forgedStepsOfACaseThatDoesNotExistLeaveTheTimelineUnchanged() {
        String referralId = chain.referToMunicipality();
        String caseId = chain.awaitCase(referralId);
        JsonNode before = chain.awaitTimeline(referralId, "ARRIVED");
        ConsumerRecord<String, byte[]> genuine = genuine(CASES, caseId);

        String unknown = UUID.randomUUID().toString();
        String concluded = send(genuine, unknown, SharedObjectType.CASE.eventType("status-changed"),
                caseEvent(genuine, unknown, 7, Instant.parse("2020-03-01T09:00:00Z")));
        String returned = send(genuine, unknown, SharedObjectType.CASE.eventType("status-changed"),
                caseEvent(genuine, unknown, 8, Instant.parse("2020-03-02T09:00:00Z")));

        // the municipality answers 404: no such case
        assertThat(awaitParked(network.gp, concluded).lastError()).contains("404");
        assertThat(awaitParked(network.gp, returned).lastError()).contains("404");
        JsonNode after = chain.timeline(referralId);
        assertThat(after.path("steps")).isEqualTo(before.path("steps"));
        assertThat(after.path("sources")).hasSize(1);
        assertThat(after.path("sources").get(0).path("object").path("objectId").asString()).isEqualTo(caseId);
    }

    @Test
    void forgedStepsOfARealCaseShowOnlyWhatTheMunicipalityServes() {
        String referralId = chain.referToMunicipality();
        String caseId = chain.awaitCase(referralId);
        chain.pickUp(caseId, wijkteam);
        JsonNode before = chain.awaitTimeline(referralId, "ARRIVED", "PICKED_UP");
        int version = chain.caseDetail(caseId).path("current").path("version").asInt();
        ConsumerRecord<String, byte[]> genuine = genuine(CASES, caseId);
        String type = SharedObjectType.CASE.eventType("status-changed");

        // the referral passed on as withdrawn in the version the municipality serves as live: contradicted
        String sameVersion = send(genuine, caseId, SharedObjectType.CASE.eventType("referral-withdrawn"),
                caseEvent(genuine, caseId, version, Instant.now()));
        // a version the municipality has not reached: contradicted
        String ahead = send(genuine, caseId, type, caseEvent(genuine, caseId, version + 5, Instant.now()));
        // back in version 1, dated 2020: the pull shows what it shows, and nothing of the event's date
        String earlier = send(genuine, caseId, type, caseEvent(genuine, caseId, 1, Instant.parse("2020-03-01T09:00:00Z")));

        assertThat(awaitParked(network.gp, sameVersion).lastError()).startsWith(OwnerAnswers.CONTRADICTS);
        assertThat(awaitParked(network.gp, ahead).lastError()).startsWith(OwnerAnswers.CONTRADICTS);
        awaitSettled(network.gp, earlier);
        JsonNode after = chain.timeline(referralId);
        assertThat(after.path("steps")).isEqualTo(before.path("steps"));
        assertThat(after.path("sources").get(0).path("status").asString()).isEqualTo("PICKED_UP");

        // the real conclusion later is shown, with the municipality's time
        chain.close(caseId, "Zorgvraag vervallen");
        JsonNode closed = chain.awaitTimeline(referralId, "ARRIVED", "PICKED_UP", "CLOSED_WITHOUT_DECISION");
        assertThat(Chain.milestonesOf(closed)).doesNotContain("CONCLUDED", "RETURNED");
    }

    @Test
    void aReferralWithoutFeedbackConsentGetsNoCaseNotificationAndNoMilestonesWhateverForgedEventsSay() {
        String referralId = chain.refer(Participants.MUNICIPALITY.urn, List.of("intake", "care-delivery"));
        String caseId = chain.awaitCase(referralId);
        chain.pickUp(caseId, wijkteam);
        // the municipality's policy does not let the GP see this case, so it does not tell the GP it changed
        String withConsent = chain.referToMunicipality();
        String template = chain.awaitCase(withConsent);
        ConsumerRecord<String, byte[]> genuine = genuine(CASES, template);
        assertThat(network.records(CASES)).noneMatch(r -> caseId.equals(r.key()));
        String type = SharedObjectType.CASE.eventType("status-changed");

        // a forged record about it, in the GP's inbox as if from the municipality: the GP asks, and is refused
        String concluded = send(genuine, caseId, type, caseEvent(genuine, caseId, 1, Instant.parse("2020-03-01T09:00:00Z")));
        String withdrawn = send(genuine, caseId, SharedObjectType.CASE.eventType("referral-withdrawn"),
                caseEvent(genuine, caseId, 2, Instant.now()));
        awaitParked(network.gp, concluded);
        awaitParked(network.gp, withdrawn);
        JsonNode timeline = chain.timeline(referralId);
        assertThat(timeline.path("steps")).isEmpty();
        assertThat(timeline.path("sources")).isEmpty();
        assertThat(timeline.path("feedback").path("shared").asBoolean()).isFalse();
        // the municipality answered every such pull with a refusal for want of consent, never with the case
        assertThat(network.municipality.getBean(nl.bronsein.runtime.audit.AuditTrail.class).requestsFor("case", caseId)
                .stream().filter(a -> !a.caller().startsWith("staff:")))
                .isNotEmpty().allSatisfy(a -> assertThat(a.outcome()).isEqualTo(
                        nl.bronsein.runtime.audit.AuditOutcome.NO_CONSENT));
    }

    @Test
    void aListedParticipantPosingAsAnotherSourceIsParkedByItsSignatureAndNothingIsPulled() throws Exception {
        String referralId = chain.referToMunicipality();
        chain.awaitCase(referralId);
        ConsumerRecord<String, byte[]> genuine = genuine(REFERRALS, referralId);
        JdbcClient municipality = network.municipality.getBean(JdbcClient.class);
        int casesBefore = municipality.sql("select count(*) from intake_case").query(Integer.class).single();

        // the provider, listed and allowed to write municipalities' inboxes, claims three referrals of the GP:
        String unsigned = UUID.randomUUID().toString();
        RecordMetadata plain = postAsIs(claimAbout(genuine, unsigned, false));
        String ownKey = UUID.randomUUID().toString();
        RecordMetadata providerSigned = postAsIs(signedByProviderAsGp(claimAbout(genuine, ownKey, false)));
        String copied = UUID.randomUUID().toString();
        RecordMetadata altered = postAsIs(claimAbout(genuine, copied, true));

        assertThat(parkedReason(plain)).isEqualTo("not signed by its source");
        assertThat(parkedReason(providerSigned)).isEqualTo("signer certificate is not the one listed for the source");
        assertThat(parkedReason(altered)).isEqualTo("signature does not match the record");
        // nothing was pulled for them from the GP, and the municipality opened no case
        for (String claimed : List.of(unsigned, ownKey, copied)) {
            assertThat(network.gp.getBean(nl.bronsein.runtime.audit.AuditTrail.class).requestsFor("referral", claimed))
                    .isEmpty();
            assertThat(municipality.sql("select count(*) from inbox_entry where subject = :s").param("s", claimed)
                    .query(Integer.class).single()).isZero();
        }
        assertThat(municipality.sql("select count(*) from intake_case").query(Integer.class).single()).isEqualTo(casesBefore);
    }

    /** The genuine referral record about another referral id; with the GP's signature kept, or without any. */
    private ProducerRecord<String, byte[]> claimAbout(ConsumerRecord<String, byte[]> genuine, String referralId,
                                                     boolean keepSignature) {
        ObjectChanged body = codec.decode(genuine.value(), ObjectChanged.class);
        body.setObjectId(referralId);
        RecordHeaders headers = new RecordHeaders();
        for (Header h : genuine.headers()) {
            if (!keepSignature && (h.key().equals("ce_signature") || h.key().equals("ce_signercertificate"))) {
                continue;
            }
            String value = switch (h.key()) {
                case "ce_id" -> UUID.randomUUID().toString();
                case "ce_subject" -> referralId;
                case "ce_dataref" -> header(genuine, "ce_dataref").replace(genuine.key(), referralId);
                default -> null;
            };
            headers.add(h.key(), value == null ? h.value() : value.getBytes(StandardCharsets.UTF_8));
        }
        return new ProducerRecord<>(genuine.topic(), null, referralId, codec.encode(body), headers);
    }

    /** Signed with the provider's own key, its ce_source still the GP's. */
    private ProducerRecord<String, byte[]> signedByProviderAsGp(ProducerRecord<String, byte[]> claim) {
        var credentials = network.credentials.get(Participants.PROVIDER);
        io.cloudevents.CloudEvent event = io.cloudevents.kafka.KafkaMessageFactory.createReader(claim.headers(), claim.value())
                .toEvent();
        return io.cloudevents.kafka.KafkaMessageFactory.createWriter(claim.topic(), claim.key()).writeBinary(
                new nl.bronsein.runtime.notification.NotificationSigner(credentials.privateKey(), credentials.certificate())
                        .sign(event, claim.topic()));
    }

    private RecordMetadata postAsIs(ProducerRecord<String, byte[]> record) throws Exception {
        return producer.send(record).get();
    }

    private String parkedReason(RecordMetadata position) {
        JdbcClient municipality = network.municipality.getBean(JdbcClient.class);
        return chain.awaitValue(() -> municipality.sql("select reason from parked_record where topic = :t and "
                        + "kafka_partition = :p and kafka_offset = :o").param("t", position.topic())
                .param("p", position.partition()).param("o", position.offset()).query(String.class).optional().orElse(null),
                r -> r != null);
    }

    // --- forging -----------------------------------------------------------------------------------------------

    /** A case event like the genuine one, about {@code caseId} at {@code version}, dated {@code at}. */
    private ObjectChanged caseEvent(ConsumerRecord<String, byte[]> genuine, String caseId, int version, Instant at) {
        ObjectChanged body = codec.decode(genuine.value(), ObjectChanged.class);
        return ObjectChanged.newBuilder(body).setObjectId(caseId).setObjectVersion(version).setOccurredAt(at).build();
    }

    /**
     * Publishes on the real broker a record with the genuine record's envelope (source, sequence number already used,
     * content type) about {@code subject}, with its own event id, type and body, and its dataref the subject's pull URL.
     *
     * @return the forged record's event id
     */
    private String send(ConsumerRecord<String, byte[]> genuine, String subject, String type, SpecificRecord body) {
        String eventId = UUID.randomUUID().toString();
        String dataref = header(genuine, "ce_dataref").replace(genuine.key(), subject);
        Map<String, String> replaced = Map.of("ce_id", eventId, "ce_type", type, "ce_subject", subject,
                "ce_dataref", dataref, "ce_time", Instant.now().toString());
        RecordHeaders headers = new RecordHeaders();
        for (Header h : genuine.headers()) {
            String value = replaced.get(h.key());
            headers.add(h.key(), value == null ? h.value() : value.getBytes(StandardCharsets.UTF_8));
        }
        try {
            // signed by the source itself: what is forged here is the claim, not who makes it
            producer.send(SignedRecords.asItsSource(network,
                    new ProducerRecord<>(genuine.topic(), null, subject, codec.encode(body), headers))).get();
        } catch (Exception e) {
            throw new IllegalStateException("could not publish the forged record", e);
        }
        return eventId;
    }

    private ConsumerRecord<String, byte[]> genuine(String topic, String objectId) {
        return chain.awaitValue(() -> network.records(topic).stream().filter(r -> objectId.equals(r.key()))
                .findFirst().orElse(null), r -> r != null);
    }

    private static String header(ConsumerRecord<String, byte[]> record, String name) {
        return new String(record.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
    }

    private InboxEntry awaitParked(ConfigurableApplicationContext node, String eventId) {
        InboxEntry entry = awaitSettled(node, eventId);
        assertThat(entry.status()).as(entry.lastError()).isEqualTo(InboxStatus.PARKED);
        return entry;
    }

    /** The entry of an event once the node handled or parked it. */
    private InboxEntry awaitSettled(ConfigurableApplicationContext node, String eventId) {
        return chain.awaitValue(() -> node.getBean(Inbox.class).entries().stream()
                        .filter(e -> e.notification().id().equals(eventId)).findFirst().orElse(null),
                e -> e != null && e.status() != InboxStatus.RECEIVED);
    }
}

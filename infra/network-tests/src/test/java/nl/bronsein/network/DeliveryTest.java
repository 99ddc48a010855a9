package nl.bronsein.network;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import nl.bronsein.municipality.cases.Case;
import nl.bronsein.municipality.cases.CaseRepository;
import nl.bronsein.runtime.inbox.Inbox;
import nl.bronsein.runtime.inbox.InboxStatus;
import nl.bronsein.runtime.outbox.OutboxRepository;

/** At-least-once delivery, handled once: duplicates create nothing twice, and a broker outage loses nothing. */
class DeliveryTest {

    private static final Duration PATIENCE = Duration.ofSeconds(45);

    private TestNetwork network;

    @BeforeAll
    void start() throws Exception {
        network = new TestNetwork().startNodes();
    }

    @AfterAll
    void stop() {
        network.close();
    }

    @Test
    void theSameEventDeliveredTwiceAndTheSameReferralNotifiedAgainCreateOneCase() {
        String referralId = postReferral();
        awaitCase(referralId);
        ConsumerRecord<String, byte[]> original = network.records(Participants.MUNICIPALITY.inbox()).stream()
                .filter(r -> referralId.equals(r.key())).findFirst().orElseThrow();

        // The very same record again (a producer retry, a replay), and the same change under a new event id.
        TopicPartition partition = resend(original, null);
        resend(original, UUID.randomUUID().toString());
        awaitConsumed(partition);

        CaseRepository cases = network.municipality.getBean(CaseRepository.class);
        assertThat(cases.findAll()).filteredOn(c -> c.referralId().equals(referralId)).hasSize(1);
        String eventId = header(original, "ce_id");
        List<nl.bronsein.runtime.inbox.InboxEntry> entries = network.municipality.getBean(Inbox.class).entries().stream()
                .filter(e -> e.notification().subject().equals(referralId)).toList();
        assertThat(entries).hasSize(2); // the duplicate was refused at the door, the re-notification handled
        assertThat(entries).filteredOn(e -> e.notification().id().equals(eventId)).hasSize(1);
        await().atMost(PATIENCE).until(() -> network.municipality.getBean(Inbox.class).entries().stream()
                .filter(e -> e.notification().subject().equals(referralId)).allMatch(e -> e.status() == InboxStatus.HANDLED));
        assertThat(cases.findAll()).filteredOn(c -> c.referralId().equals(referralId)).hasSize(1);
        assertThat(network.municipality.getBean(OutboxRepository.class).findAll())
                .filteredOn(e -> e.subject().equals(cases.findByReferral(Participants.GP.urn, referralId).orElseThrow().id().toString()))
                .hasSize(1);
    }

    @Test
    void aBrokerStoppedAndRestartedBetweenTwoReferralsLosesNeither() throws Exception {
        String before = postReferral();
        awaitCase(before);

        network.broker.stop();
        String during = postReferral();
        OutboxRepository gpOutbox = network.gp.getBean(OutboxRepository.class);
        Thread.sleep(3_000); // the relay tries and fails meanwhile
        assertThat(gpOutbox.findAll()).filteredOn(e -> e.subject().equals(during))
                .singleElement().satisfies(e -> assertThat(e.publishedAt()).isNull());
        network.broker.start();

        Case caseDuring = awaitCase(during);
        assertThat(caseDuring.referralId()).isEqualTo(during);
        assertThat(network.municipality.getBean(CaseRepository.class).findByReferral(Participants.GP.urn, before)).isPresent();
        await().atMost(PATIENCE).until(() -> gpOutbox.countUnpublished() == 0);
        assertThat(network.records(Participants.MUNICIPALITY.inbox())).extracting(ConsumerRecord::key).contains(before, during);
        awaitMilestone(during);
    }

    private String postReferral() {
        HttpResponse<String> posted = network.staffPost(Participants.GP, "/api/v1/referrals", Referrals.deVriesJson());
        assertThat(posted.statusCode()).as(posted.body()).isEqualTo(201);
        return TestNetwork.JSON.readTree(posted.body()).path("id").asString();
    }

    private Case awaitCase(String referralId) {
        CaseRepository cases = network.municipality.getBean(CaseRepository.class);
        return await().atMost(PATIENCE).until(() -> cases.findByReferral(Participants.GP.urn, referralId).orElse(null), c -> c != null);
    }

    private void awaitMilestone(String referralId) {
        await().atMost(PATIENCE).until(() -> network.staffGetJson(Participants.GP, "/api/v1/referrals/" + referralId)
                .path("timeline").path("steps").size() == 1);
    }

    private TopicPartition resend(ConsumerRecord<String, byte[]> original, String newEventId) {
        RecordHeaders headers = new RecordHeaders();
        original.headers().forEach(h -> headers.add(h.key(), h.key().equals("ce_id") && newEventId != null
                ? newEventId.getBytes(StandardCharsets.UTF_8) : h.value()));
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(
                network.clientOf(Participants.GP), new StringSerializer(), new ByteArraySerializer())) {
            var metadata = producer.send(SignedRecords.asItsSource(network,
                    new ProducerRecord<>(original.topic(), null, original.key(), original.value(), headers))).get();
            return new TopicPartition(metadata.topic(), metadata.partition());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Waits until the municipality's consumer group has committed past everything on the partition. */
    private void awaitConsumed(TopicPartition partition) {
        String group = "bronsein-" + Participants.MUNICIPALITY.urn.replace(':', '-');
        try (Admin admin = Admin.create(network.operatorClient())) {
            long end = admin.listOffsets(Map.of(partition, org.apache.kafka.clients.admin.OffsetSpec.latest()))
                    .partitionResult(partition).get().offset();
            await().atMost(PATIENCE).until(() -> {
                OffsetAndMetadata committed = admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get().get(partition);
                return committed != null && committed.offset() >= end;
            });
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String header(ConsumerRecord<String, byte[]> record, String key) {
        return new String(record.headers().lastHeader(key).value(), StandardCharsets.UTF_8);
    }
}

package nl.bronsein.network;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import nl.bronsein.runtime.outbox.PublicationCheckpoint;
import nl.bronsein.runtime.trust.ParticipantId;
import nl.bronsein.staffclient.CasesApi;

/**
 * The network on the secured broker (issue 16, items 1 and 2): GP, municipality and provider run a referral through to
 * an assigned case over mutual TLS, each node reading only its own inbox; then a fourth participant — listed, with a
 * valid certificate of the network's CA, involved in nothing — connects and tries to read everything: it sees only its
 * own inbox and the generic topic among the topics, reads nothing of any other inbox or checkpoint (the broker refuses
 * or shows nothing), reads the contact points, and cannot write to an inbox its role may not address. A client without
 * a certificate does not get in at all.
 */
class SecuredNetworkTest {

    private TestNetwork network;
    private Chain chain;
    private String caseId;

    @BeforeAll
    void start() throws Exception {
        network = new TestNetwork().startNodes();
        chain = new Chain(network);
        String wijkteam = network.publishContactPoint(Participants.MUNICIPALITY, "Wijkteam Zwolle-Zuid", "038-4981234");
        String referralId = chain.referToMunicipality();
        caseId = chain.awaitCase(referralId);
        chain.pickUp(caseId, wijkteam);
        chain.decide(caseId, CasesApi.Decision.granted("rolstoel"));
        chain.assign(caseId, Participants.PROVIDER.urn);
        chain.awaitAssignment(caseId);
        chain.awaitTimeline(referralId, "ARRIVED", "PICKED_UP", "INDICATION_GRANTED", "PROVIDER_ASSIGNED");
    }

    @AfterAll
    void stop() {
        network.close();
    }

    @Test
    void anUninvolvedListedParticipantReadsOnlyTheGenericTopicAndCannotWriteWhereItsRoleMayNot() throws Exception {
        Participants outsider = Participants.OTHER_MUNICIPALITY;
        String ownCheckpoint = PublicationCheckpoint.ownTopic(ParticipantId.of(outsider.urn));
        Set<String> everyTopic;
        try (Admin operator = Admin.create(network.operatorClient())) {
            everyTopic = operator.listTopics().names().get(30, TimeUnit.SECONDS);
        }
        assertThat(everyTopic).contains(Participants.GP.inbox(), Participants.MUNICIPALITY.inbox(),
                Participants.PROVIDER.inbox(), "bronsein.generic.contact-point");

        // what it may describe: its own inbox and the generic topic, and the inboxes of the roles it may write to
        try (Admin admin = Admin.create(clientOf(outsider))) {
            Set<String> visible = admin.listTopics().names().get(30, TimeUnit.SECONDS);
            assertThat(visible).contains(outsider.inbox(), "bronsein.generic.contact-point")
                    .doesNotContain(Participants.MUNICIPALITY.inbox())
                    .noneMatch(topic -> topic.startsWith("_node.") && !topic.equals(ownCheckpoint));
        }
        // every other topic of the network: refused by the broker, or nothing to read
        for (String topic : everyTopic) {
            if (topic.startsWith("__") || topic.equals(outsider.inbox()) || topic.equals(ownCheckpoint)
                    || topic.startsWith("bronsein.generic.")) {
                continue;
            }
            assertThat(readAs(outsider, topic)).as("what %s reads of %s", outsider, topic).isEmpty();
        }
        assertThat(readAs(outsider, "bronsein.generic.contact-point")).isNotEmpty();
        // the GP's inbox holds the case's notifications, and the GP reads them: the refusal above is the outsider's
        assertThat(readAs(Participants.GP, Participants.GP.inbox())).anyMatch(r -> caseId.equals(r.key()));

        // a municipality may not address another municipality
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(producerOf(outsider), new StringSerializer(),
                new ByteArraySerializer())) {
            assertThatThrownBy(() -> producer.send(new ProducerRecord<>(Participants.MUNICIPALITY.inbox(), "x",
                    new byte[] {1})).get(30, TimeUnit.SECONDS))
                    .isInstanceOf(ExecutionException.class).hasCauseInstanceOf(AuthorizationException.class);
        }
    }

    @Test
    void aClientWithoutACertificateDoesNotGetIn() {
        Map<String, Object> config = new HashMap<>(clientOf(Participants.GP));
        config.remove("ssl.keystore.type");
        config.remove("ssl.keystore.certificate.chain");
        config.remove("ssl.keystore.key");
        config.put("request.timeout.ms", 5_000);
        config.put("default.api.timeout.ms", 10_000);
        try (Admin anonymous = Admin.create(config)) {
            assertThatThrownBy(() -> anonymous.listTopics().names().get(15, TimeUnit.SECONDS))
                    .isInstanceOfAny(ExecutionException.class, java.util.concurrent.TimeoutException.class);
        }
    }

    /** Every committed record of a topic the participant can read; an empty list where the broker refuses it. */
    private List<ConsumerRecord<String, byte[]>> readAs(Participants reader, String topic) {
        Map<String, Object> config = new HashMap<>(clientOf(reader));
        config.put("isolation.level", "read_committed");
        config.put("enable.auto.commit", false);
        config.put("default.api.timeout.ms", 10_000);
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(config, new StringDeserializer(),
                new ByteArrayDeserializer())) {
            List<TopicPartition> partitions;
            try {
                partitions = consumer.partitionsFor(topic, Duration.ofSeconds(10)).stream()
                        .map(p -> new TopicPartition(topic, p.partition())).toList();
            } catch (AuthorizationException | TimeoutException refused) {
                return List.of();
            }
            consumer.assign(partitions);
            try {
                consumer.seekToBeginning(partitions);
                Map<TopicPartition, Long> end = consumer.endOffsets(partitions, Duration.ofSeconds(10));
                List<ConsumerRecord<String, byte[]>> records = new java.util.ArrayList<>();
                long deadline = System.currentTimeMillis() + 15_000;
                while (partitions.stream().anyMatch(tp -> consumer.position(tp) < end.get(tp))
                        && System.currentTimeMillis() < deadline) {
                    consumer.poll(Duration.ofMillis(200)).forEach(records::add);
                }
                return records;
            } catch (AuthorizationException refused) {
                return List.of();
            }
        }
    }

    private Map<String, Object> clientOf(Participants participant) {
        Map<String, Object> client = new HashMap<>(network.clientOf(participant));
        client.put("group.id", "outsider-" + UUID.randomUUID());
        return client;
    }

    private Map<String, Object> producerOf(Participants participant) {
        Map<String, Object> producer = new HashMap<>(clientOf(participant));
        producer.remove("group.id");
        producer.put("max.block.ms", 15_000);
        producer.put("delivery.timeout.ms", 20_000);
        producer.put("request.timeout.ms", 10_000);
        return producer;
    }
}

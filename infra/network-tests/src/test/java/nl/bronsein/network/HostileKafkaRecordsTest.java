package nl.bronsein.network;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.Future;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

import net.jqwik.api.AfterFailureMode;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.ShrinkingMode;
import net.jqwik.api.lifecycle.AddLifecycleHook;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import nl.bronsein.devpki.NodeCertificateRequest;

/**
 * Malformed records on the real broker's topics, generated (jqwik) and interleaved with good ones on the same
 * partition: garbage bytes, an unknown Avro schema fingerprint, a truncated or empty body, missing CloudEvents headers,
 * a source the participant list does not know, a listed source that is not the owner the body names, a subject or key
 * that is not the body's object, a type that does not belong on the topic, a bad or forged sequence number, and a
 * {@code dataref} pointing at another host — a real HTTPS server with a certificate of the network's own CA — or at
 * anything on the owner's node but the event's object (its history, another object or type, a query).
 * Expected: every node that reads the topic parks each malformed record with its reason; the good records after them
 * are handled (the partition is not blocked); no node asks the other host anything, nor keeps an instruction to; and a
 * forged sequence number opens no gap.
 */
@AddLifecycleHook(FuzzSeed.class)
class HostileKafkaRecordsTest {

    private static final int TRIES = 3;
    private static final int MALFORMED_PER_TRY = 120;
    /** The municipality's inbox, where the GP's referrals arrive, and the GP's, where the municipality's cases do. */
    private static final String REFERRALS = Participants.MUNICIPALITY.inbox();
    private static final String CASES = Participants.GP.inbox();
    private static final String DATAREF_REFUSED = "dataref is not the source's pull URL of the event's object";
    /** Who reads each topic — its one recipient — must park what is malformed there. */
    private static final Map<String, List<Participants>> READERS = Map.of(
            REFERRALS, List.of(Participants.MUNICIPALITY),
            CASES, List.of(Participants.GP));

    private static TestNetwork network;
    private static ForeignHost foreignHost;
    private static KafkaProducer<String, byte[]> producer;
    /** A genuine notification per topic, and the node it concerns (which handles its good copies). */
    private static final Map<String, ConsumerRecord<String, byte[]>> genuine = new HashMap<>();
    private static final Map<Kind, Integer> sent = new EnumMap<>(Kind.class);
    private static int goodSent;

    /** The ways a record is malformed, each with the topic it goes on and the reason a node gives for parking it. */
    enum Kind {
        GARBAGE(REFERRALS, "not a binary-mode CloudEvent"),
        MISSING_HEADER(REFERRALS, "missing ce_|not a binary-mode CloudEvent"),
        BODY_NOT_AVRO(REFERRALS, "body is not Avro single-object encoded"),
        UNKNOWN_FINGERPRINT(REFERRALS, "unknown schema fingerprint"),
        TRUNCATED_BODY(REFERRALS, "body"),
        EMPTY_BODY(REFERRALS, "missing body"),
        UNLISTED_SOURCE(REFERRALS, "source is not in the participant list"),
        SOURCE_NOT_OWNER(CASES, "body names another owner or object than the event"),
        SUBJECT_NOT_THE_BODYS(REFERRALS, "body names another owner or object than the event"),
        KEY_NOT_THE_SUBJECT(REFERRALS, "record key differs from ce_subject"),
        TYPE_NOT_OF_THE_TOPIC(REFERRALS, "event type (does not belong on this topic|is not a notification type of this network)"),
        BAD_SEQUENCE(REFERRALS, "ce_sequence"),
        DATAREF_AT_ANOTHER_HOST(REFERRALS, DATAREF_REFUSED),
        DATAREF_AT_ANOTHER_HOST_OF_A_CASE(CASES, DATAREF_REFUSED),
        DATAREF_AT_THE_OWNER_NOT_THE_OBJECT(REFERRALS, DATAREF_REFUSED),
        DATAREF_NO_URI(REFERRALS, "ce_dataref is not a URI"),
        FORGED_SEQUENCE_AND_DATAREF(REFERRALS, DATAREF_REFUSED);

        final String topic;
        final String reason;

        Kind(String topic, String reason) {
            this.topic = topic;
            this.reason = reason;
        }
    }

    /** One malformed record: its kind and the random material it is made of. */
    record Malformed(Kind kind, byte[] bytes, long number, int choice) {
    }

    @BeforeContainer
    static void start() throws Exception {
        network = new TestNetwork().startNodes();
        foreignHost = new ForeignHost(network.ca.issue(NodeCertificateRequest.of("Niet in de lijst", "55667788")));
        // the other host answers a client that trusts the network's CA: a node that followed a dataref would be heard
        var control = TestNetwork.send(network.networkClient(network.credentials.get(Participants.GP)),
                HttpRequest.newBuilder(URI.create("https://localhost:" + foreignHost.port() + "/control")).GET().build());
        assertThat(control.statusCode()).isEqualTo(200);
        assertThat(foreignHost.requests()).containsExactly("GET /control");
        // a listed participant with its own certificate, whose role may write municipalities' and practices' inboxes
        producer = new KafkaProducer<>(network.clientOf(Participants.PROVIDER),
                new StringSerializer(), new ByteArraySerializer());
        Chain chain = new Chain(network);
        String referral = chain.referToMunicipality();
        String caseId = chain.awaitCase(referral);
        genuine.put(REFERRALS, network.records(REFERRALS).stream().filter(r -> referral.equals(r.key())).findFirst().orElseThrow());
        genuine.put(CASES, chain.awaitValue(() -> network.records(CASES).stream().filter(r -> caseId.equals(r.key()))
                .findFirst().orElse(null), r -> r != null));
        System.out.printf("Hostile Kafka records: seed %s (another: -Dbronsein.fuzz.seed=N)%n", FuzzSeed.seed());
    }

    @AfterContainer
    static void stop() {
        System.out.printf("Hostile Kafka records: %d good records and %d malformed ones, by kind %s%n", goodSent,
                sent.values().stream().mapToInt(Integer::intValue).sum(), sent);
        if (producer != null) {
            producer.close();
        }
        if (foreignHost != null) {
            foreignHost.close();
        }
        if (network != null) {
            network.close();
        }
    }

    @Property(tries = TRIES, shrinking = ShrinkingMode.OFF, afterFailure = AfterFailureMode.RANDOM_SEED)
    void malformedRecordsAreParkedWithTheirReasonAndBlockNothing(@ForAll("batches") List<Malformed> batch) throws Exception {
        Map<Future<RecordMetadata>, Kind> sending = new HashMap<>();
        Map<String, Participants> good = new HashMap<>();
        Map<Participants, List<String>> handled = new EnumMap<>(Participants.class);
        for (int i = 0; i < batch.size(); i++) {
            Malformed m = batch.get(i);
            sending.put(producer.send(record(m)), m.kind());
            sent.merge(m.kind(), 1, Integer::sum);
            if (i % 10 == 9 || i == batch.size() - 1) {
                // a good record behind the malformed ones, on the same partition (same key) of each topic; one
                // producer keeps the order per partition
                for (String topic : List.of(REFERRALS, CASES)) {
                    String id = UUID.randomUUID().toString();
                    producer.send(SignedRecords.asItsSource(network, withHeader(genuine.get(topic), "ce_id", id)));
                    good.put(id, topic.equals(REFERRALS) ? Participants.MUNICIPALITY : Participants.GP);
                    goodSent++;
                }
            }
        }
        producer.flush();
        Map<RecordMetadata, Kind> malformed = new HashMap<>();
        for (Map.Entry<Future<RecordMetadata>, Kind> s : sending.entrySet()) {
            malformed.put(s.getKey().get(), s.getValue());
        }

        // the partition is not blocked: every good record behind the malformed ones is handled by the node it concerns
        good.forEach((id, node) -> handled.computeIfAbsent(node, n -> new ArrayList<>()).add(id));
        for (Map.Entry<Participants, List<String>> expected : handled.entrySet()) {
            await().pollDelay(Duration.ZERO).atMost(Chain.PATIENCE).until(() -> jdbc(expected.getKey())
                    .sql("select event_id from inbox_entry where status = 'HANDLED'").query(String.class).list()
                    .containsAll(expected.getValue()));
        }
        // every reader parked every malformed record, with the reason of its kind
        for (Participants reader : List.of(Participants.GP, Participants.MUNICIPALITY, Participants.PROVIDER)) {
            Map<String, Kind> expected = new TreeMap<>();
            malformed.forEach((position, kind) -> {
                if (READERS.get(kind.topic).contains(reader)) {
                    expected.put(position.topic() + "-" + position.partition() + "@" + position.offset(), kind);
                }
            });
            Map<String, String> parked = await().pollDelay(Duration.ZERO).atMost(Chain.PATIENCE).until(() -> parkedAt(reader),
                    p -> p.keySet().containsAll(expected.keySet()));
            expected.forEach((position, kind) -> assertThat(parked.get(position))
                    .as("%s at %s parked by %s", kind, position, reader).containsPattern(kind.reason));
        }

        assertThat(foreignHost.requests()).as("requests to the other host").containsExactly("GET /control");
        for (Participants node : List.of(Participants.GP, Participants.MUNICIPALITY, Participants.PROVIDER)) {
            JdbcClient db = jdbc(node);
            assertThat(db.sql("select count(*) from inbox_entry where dataref like :foreign")
                    .param("foreign", "%:" + foreignHost.port() + "/%").query(Long.class).single())
                    .as("instructions at %s to pull from the other host", node).isZero();
            // a forged sequence number (or a source that is no owner) opened no gap, so no endless catching up
            assertThat(db.sql("select source from source_position where highest_seen > confirmed_through"
                    + " or source not in (:listed)").param("listed", List.of(Participants.GP.urn, Participants.MUNICIPALITY.urn,
                    Participants.PROVIDER.urn)).query(String.class).list()).as("gaps at %s", node).isEmpty();
        }
    }

    @Provide
    Arbitrary<List<Malformed>> batches() {
        // without edge cases: they would make the first and last kind most of every batch
        Arbitrary<Malformed> one = Combinators.combine(Arbitraries.of(Kind.values()).withoutEdgeCases(),
                        Arbitraries.bytes().array(byte[].class).ofMinSize(0).ofMaxSize(300), Arbitraries.longs(),
                        Arbitraries.integers().between(0, 1_000))
                .as(Malformed::new);
        return one.list().ofSize(MALFORMED_PER_TRY);
    }

    // --- making records ------------------------------------------------------------------------------------------

    private static ProducerRecord<String, byte[]> record(Malformed m) {
        ConsumerRecord<String, byte[]> template = genuine.get(m.kind().topic);
        String objectId = template.key();
        int gp = network.networkPorts.get(Participants.GP);
        String foreign = "https://localhost:" + foreignHost.port() + "/network/v1/objects/referral/" + objectId;
        return switch (m.kind()) {
            case GARBAGE -> new ProducerRecord<>(template.topic(), objectId, m.bytes());
            case MISSING_HEADER -> without(template, List.of("ce_specversion", "ce_id", "ce_source", "ce_type", "ce_subject",
                    "ce_time", "ce_dataref").get(m.choice() % 7));
            case BODY_NOT_AVRO -> withValue(template, prefixed((byte) 0x00, m.bytes()));
            case UNKNOWN_FINGERPRINT -> {
                byte[] body = template.value().clone();
                java.nio.ByteBuffer.wrap(body, 2, 8).order(java.nio.ByteOrder.LITTLE_ENDIAN).putLong(m.number() | 1L);
                yield withValue(template, body);
            }
            case TRUNCATED_BODY -> withValue(template, java.util.Arrays.copyOf(template.value(),
                    10 + m.choice() % Math.max(1, template.value().length - 12)));
            case EMPTY_BODY -> withValue(template, new byte[0]);
            case UNLISTED_SOURCE -> withHeader(template, "ce_source", "urn:nld:kvk:" + (10_000_000 + m.choice()));
            case SOURCE_NOT_OWNER -> withHeader(template, "ce_source", Participants.OTHER_MUNICIPALITY.urn);
            case SUBJECT_NOT_THE_BODYS -> {
                String other = new UUID(m.number(), m.choice()).toString();
                yield keyed(withHeader(template, "ce_subject", other), other);
            }
            case KEY_NOT_THE_SUBJECT -> keyed(template, new UUID(m.number(), m.choice()).toString());
            case TYPE_NOT_OF_THE_TOPIC -> withHeader(template, "ce_type", List.of("nl.bronsein.referral.recorded.v1",
                    "nl.bronsein.contact-point.changed.v2", "nl.bronsein.referral", "x").get(m.choice() % 4));
            case BAD_SEQUENCE -> withHeader(template, "ce_sequence", List.of("abc", "0", "-5", "1e3", "",
                    "99999999999999999999").get(m.choice() % 6));
            case DATAREF_AT_ANOTHER_HOST -> withHeader(template, "ce_dataref", List.of(foreign,
                    foreign.replace("https:", "http:"), "https://evil@localhost:" + gp + "/network/v1/objects/referral/" + objectId,
                    "https://127.0.0.2:" + gp + "/network/v1/objects/referral/" + objectId,
                    "file:///etc/passwd", "https://localhost:" + foreignHost.port()).get(m.choice() % 6));
            case DATAREF_AT_ANOTHER_HOST_OF_A_CASE -> withHeader(template, "ce_dataref", foreign.replace("referral", "case"));
            // the owner's own node, but not the event's object: its history, another object, another type, a query
            case DATAREF_AT_THE_OWNER_NOT_THE_OBJECT -> {
                String owner = "https://localhost:" + gp + "/network/v1/";
                yield withHeader(template, "ce_dataref", List.of(owner + "notifications?afterSequence=0",
                        owner + "objects/referral/" + new UUID(m.number(), m.choice()),
                        owner + "objects/case/" + objectId, owner + "objects/referral/" + objectId + "?purpose=care-delivery",
                        owner + "objects/referral/" + objectId + "/../" + new UUID(m.number(), m.choice()),
                        owner + "objects/referral/" + objectId.toUpperCase(java.util.Locale.ROOT)).get(m.choice() % 6));
            }
            case DATAREF_NO_URI -> withHeader(template, "ce_dataref", List.of("https://[bad", "http://a b", "%zz").get(m.choice() % 3));
            case FORGED_SEQUENCE_AND_DATAREF -> withHeader(withHeader(template, "ce_dataref", foreign), "ce_sequence",
                    Long.toString(Long.MAX_VALUE - m.choice()));
        };
    }

    private static ProducerRecord<String, byte[]> withHeader(ConsumerRecord<String, byte[]> template, String name, String value) {
        return headers(template, template.key(), template.value(), name, value);
    }

    private static ProducerRecord<String, byte[]> withHeader(ProducerRecord<String, byte[]> record, String name, String value) {
        RecordHeaders headers = new RecordHeaders();
        for (Header h : record.headers()) {
            headers.add(h.key(), h.key().equals(name) ? value.getBytes(StandardCharsets.UTF_8) : h.value());
        }
        return new ProducerRecord<>(record.topic(), null, record.key(), record.value(), headers);
    }

    private static ProducerRecord<String, byte[]> without(ConsumerRecord<String, byte[]> template, String name) {
        return headers(template, template.key(), template.value(), name, null);
    }

    private static ProducerRecord<String, byte[]> withValue(ConsumerRecord<String, byte[]> template, byte[] value) {
        return headers(template, template.key(), value, null, null);
    }

    private static ProducerRecord<String, byte[]> keyed(ProducerRecord<String, byte[]> record, String key) {
        return new ProducerRecord<>(record.topic(), null, key, record.value(), record.headers());
    }

    private static ProducerRecord<String, byte[]> keyed(ConsumerRecord<String, byte[]> template, String key) {
        return headers(template, key, template.value(), null, null);
    }

    /** A copy of a genuine record with another key or value, one header replaced ({@code value}) or left out (null). */
    private static ProducerRecord<String, byte[]> headers(ConsumerRecord<String, byte[]> template, String key, byte[] value,
                                                          String name, String replacement) {
        RecordHeaders headers = new RecordHeaders();
        for (Header h : template.headers()) {
            if (!h.key().equals(name)) {
                headers.add(h.key(), h.value());
            } else if (replacement != null) {
                headers.add(h.key(), replacement.getBytes(StandardCharsets.UTF_8));
            }
        }
        return new ProducerRecord<>(template.topic(), null, key, value, headers);
    }

    private static byte[] prefixed(byte first, byte[] rest) {
        byte[] out = new byte[rest.length + 1];
        out[0] = first;
        System.arraycopy(rest, 0, out, 1, rest.length);
        return out;
    }

    /** Every record the node parked, by position, with its reason. */
    private static Map<String, String> parkedAt(Participants node) {
        Map<String, String> parked = new HashMap<>();
        jdbc(node).sql("select topic, kafka_partition, kafka_offset, reason from parked_record").query((rs, n) ->
                parked.put(rs.getString(1) + "-" + rs.getInt(2) + "@" + rs.getLong(3), rs.getString(4))).list();
        return parked;
    }

    private static JdbcClient jdbc(Participants p) {
        ConfigurableApplicationContext node = switch (p) {
            case GP -> network.gp;
            case MUNICIPALITY -> network.municipality;
            case PROVIDER -> network.provider;
            case OTHER_MUNICIPALITY -> throw new IllegalArgumentException("no node runs for " + p);
        };
        return node.getBean(JdbcClient.class);
    }
}

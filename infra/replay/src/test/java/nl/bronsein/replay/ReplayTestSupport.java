package nl.bronsein.replay;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.apache.avro.specific.SpecificRecordBase;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.cloudevents.kafka.KafkaMessageFactory;
import nl.bronsein.kafkabroker.LocalKafkaBroker;
import nl.bronsein.schemas.NotificationCodec;
import nl.bronsein.schemas.NotificationTopics;
import nl.bronsein.schemas.ObjectChanged;
import nl.bronsein.schemas.SharedObjectType;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Real notification records on a real broker, and the tool run in-process. */
final class ReplayTestSupport {

    static final String GP = "urn:nld:kvk:12345678";
    static final String MUNICIPALITY = "urn:nld:oin:00000001001234567000";
    static final String GP_NODE = "https://127.0.0.1:8443";
    static final String MUNICIPALITY_NODE = "https://127.0.0.1:9443";
    /** The municipality's inbox, where the GP's referrals arrive, and the GP's, where the municipality's cases do. */
    static final String REFERRALS = NotificationTopics.inbox("MUNICIPALITY", MUNICIPALITY);
    static final String CASES = NotificationTopics.inbox("GP_PRACTICE", GP);
    static final Instant T0 = Instant.parse("2026-11-23T10:00:00Z");

    static final NotificationCodec CODEC = new NotificationCodec();
    static final JsonMapper JSON = JsonMapper.builder().build();

    private ReplayTestSupport() {
    }

    /** What a test sent: the record as produced, and its body. */
    record Sent(ProducerRecord<String, byte[]> record, SpecificRecordBase body) {
        String topic() {
            return record.topic();
        }

        String key() {
            return record.key();
        }

        Instant timestamp() {
            return Instant.ofEpochMilli(record.timestamp());
        }
    }

    /** The tool's result: exit code, standard output, standard error. */
    record Run(int exit, String out, String err) {
        List<JsonNode> lines() {
            return out.lines().filter(l -> !l.isBlank()).map(JSON::readTree).toList();
        }
    }

    static Run replay(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit;
        try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
             PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
            exit = ReplayMain.run(args, o, e);
        }
        return new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    static String[] args(String... args) {
        return args;
    }

    static String[] concat(String[] first, String... more) {
        String[] all = Arrays.copyOf(first, first.length + more.length);
        System.arraycopy(more, 0, all, first.length, more.length);
        return all;
    }

    // ---- the fixture: a GP's referrals and a municipality's cases, one minute apart ----

    static final String REFERRAL_1 = UUID.nameUUIDFromBytes("referral-1".getBytes(StandardCharsets.UTF_8)).toString();
    static final String REFERRAL_2 = UUID.nameUUIDFromBytes("referral-2".getBytes(StandardCharsets.UTF_8)).toString();
    static final String CASE_1 = UUID.nameUUIDFromBytes("case-1".getBytes(StandardCharsets.UTF_8)).toString();
    static final String CASE_2 = UUID.nameUUIDFromBytes("case-2".getBytes(StandardCharsets.UTF_8)).toString();

    /** Eight notifications on two topics, with record timestamps T0, T0+1 min, … T0+7 min. */
    static List<Sent> fixture() {
        List<Sent> sent = new ArrayList<>();
        sent.add(referral(REFERRAL_1, 1, "recorded", 1, 0));
        sent.add(caseChange(CASE_1, 1, 1, 1));
        sent.add(referral(REFERRAL_2, 1, "recorded", 2, 2));
        sent.add(caseChange(CASE_1, 2, 2, 3));
        sent.add(referral(REFERRAL_1, 2, "corrected", 3, 4));
        sent.add(caseChange(CASE_2, 1, 3, 5));
        sent.add(caseChange(CASE_1, 3, 4, 6));
        sent.add(referral(REFERRAL_2, 2, "withdrawn", 4, 7));
        return sent;
    }

    static Sent referral(String id, int version, String change, long sequence, int minute) {
        Instant at = T0.plus(Duration.ofMinutes(minute));
        ObjectChanged body = new ObjectChanged(SharedObjectType.REFERRAL.code(), id, version, GP, at);
        String type = SharedObjectType.REFERRAL.eventType(change);
        return new Sent(record(REFERRALS, id, GP, GP_NODE, type, sequence, at, CODEC.encode(body)), body);
    }

    static Sent caseChange(String id, int version, long sequence, int minute) {
        Instant at = T0.plus(Duration.ofMinutes(minute));
        ObjectChanged body = new ObjectChanged(SharedObjectType.CASE.code(), id, version, MUNICIPALITY, at);
        return new Sent(record(CASES, id, MUNICIPALITY, MUNICIPALITY_NODE,
                SharedObjectType.CASE.eventType("status-changed"), sequence, at, CODEC.encode(body)), body);
    }

    /** As NotificationEnvelope.toRecord builds it, with the record timestamp set to the change's time. */
    static ProducerRecord<String, byte[]> record(String topic, String subject, String source, String node, String type,
                                                 long sequence, Instant at, byte[] body) {
        String code = Arrays.stream(SharedObjectType.values()).filter(t -> t.changeOf(type).isPresent()).findFirst()
                .orElseThrow().code();
        CloudEvent event = CloudEventBuilder.v1()
                .withId(UUID.nameUUIDFromBytes((source + sequence + subject).getBytes(StandardCharsets.UTF_8))
                        .toString())
                .withSource(URI.create(source))
                .withType(type)
                .withSubject(subject)
                .withTime(at.atOffset(ZoneOffset.UTC))
                .withDataContentType("application/avro")
                .withExtension("dataref", node + "/network/v1/objects/" + code + "/" + subject)
                .withExtension("sequence", Long.toString(sequence))
                .withExtension("sequencetype", "Integer")
                .withData(body)
                .build();
        return KafkaMessageFactory.createWriter(topic, null, at.toEpochMilli(), subject).writeBinary(event);
    }

    // ---- Kafka ----

    static LocalKafkaBroker startBroker(java.nio.file.Path dir) {
        LocalKafkaBroker broker = new LocalKafkaBroker(dir, 0);
        broker.start();
        return broker;
    }

    static Admin admin(LocalKafkaBroker broker) {
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        return Admin.create(props);
    }

    static void createTopics(LocalKafkaBroker broker, int partitions, String... topics) throws Exception {
        try (Admin admin = admin(broker)) {
            admin.createTopics(Arrays.stream(topics).map(t -> new NewTopic(t, partitions, (short) 1)).toList())
                    .all().get(30, TimeUnit.SECONDS);
        }
    }

    static void produce(LocalKafkaBroker broker, List<ProducerRecord<String, byte[]>> records) throws Exception {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(props, new StringSerializer(),
                new ByteArraySerializer())) {
            for (ProducerRecord<String, byte[]> record : records) {
                producer.send(record).get(30, TimeUnit.SECONDS);
            }
        }
    }

    static KafkaConsumer<String, byte[]> consumer(LocalKafkaBroker broker, String group) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        if (group != null) {
            props.put(ConsumerConfig.GROUP_ID_CONFIG, group);
        }
        return new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer());
    }

    /** Every record of the topics, read directly, ordered by topic, partition, offset. */
    static List<ConsumerRecord<String, byte[]>> readAll(LocalKafkaBroker broker, String... topics) {
        List<ConsumerRecord<String, byte[]>> all = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = consumer(broker, null)) {
            List<TopicPartition> partitions = new ArrayList<>();
            for (String topic : topics) {
                consumer.partitionsFor(topic, Duration.ofSeconds(30))
                        .forEach(p -> partitions.add(new TopicPartition(topic, p.partition())));
            }
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("could not read " + partitions + " to " + end);
                }
                consumer.poll(Duration.ofMillis(200)).forEach(all::add);
            }
        }
        all.sort(Comparator.comparing((ConsumerRecord<String, byte[]> r) -> r.topic())
                .thenComparingInt(ConsumerRecord::partition).thenComparingLong(ConsumerRecord::offset));
        return all;
    }

    /** The record's headers by name, values as text (the ce_* headers are UTF-8 strings). */
    static Map<String, String> headers(ConsumerRecord<String, byte[]> record) {
        Map<String, String> headers = new TreeMap<>();
        for (Header header : record.headers()) {
            headers.put(header.key(), header.value() == null ? null
                    : new String(header.value(), StandardCharsets.UTF_8));
        }
        return headers;
    }
}

package nl.bronsein.provisioning;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

import nl.bronsein.devpki.DevCertificateAuthority;
import nl.bronsein.devpki.NodeCertificateRequest;
import nl.bronsein.devpki.NodeCredentials;
import nl.bronsein.devpki.PemFiles;
import nl.bronsein.kafkabroker.BrokerSecurity;
import nl.bronsein.kafkabroker.LocalKafkaBroker;

/**
 * A secured broker with a dev CA, one certificate per participant and for an operator (a super user), and the files the
 * provisioning command reads: each identity's PEM certificate and key, the CA, the participant list.
 */
final class SecuredTestNetwork implements AutoCloseable {

    private static final String BROKER_OIN = "00000009999999999999";

    private final Path dir;
    private final DevCertificateAuthority ca;
    private final String operator;
    private final Map<String, NodeCredentials> credentials = new HashMap<>();
    private final LocalKafkaBroker broker;

    private SecuredTestNetwork(Path dir, String operator, Map<String, String> roles) {
        this.dir = dir;
        this.operator = operator;
        this.ca = DevCertificateAuthority.generate("Test CA");
        PemFiles.writeCertificates(caFile(), ca.certificate());
        issue(operator);
        roles.keySet().forEach(this::issue);
        writeParticipantList(roles);
        NodeCredentials brokerCredentials = ca.issue(NodeCertificateRequest.of("Bronsein netwerkbeheer", BROKER_OIN));
        this.broker = LocalKafkaBroker.secured(dir.resolve("kafka"), 0, new BrokerSecurity(
                PemFiles.toPem(brokerCredentials.chain()), PemFiles.toPem(brokerCredentials.privateKey()), caPem(),
                Set.of(operator)));
        broker.start();
    }

    /** @param roles participant id to role, the participants listed (the operator is not) */
    static SecuredTestNetwork start(Path dir, String operator, Map<String, String> roles) {
        return new SecuredTestNetwork(dir, operator, roles);
    }

    private void issue(String participant) {
        NodeCredentials issued = ca.issue(NodeCertificateRequest.of("Deelnemer " + number(participant), number(participant)));
        credentials.put(participant, issued);
        PemFiles.writeCertificates(certificateFile(participant), issued.chain());
        PemFiles.writePrivateKey(keyFile(participant), issued.privateKey());
    }

    /** Writes the participant list anew with these participants, each with its certificate's fingerprint. */
    void writeParticipantList(Map<String, String> roles) {
        String entries = new java.util.TreeMap<>(roles).entrySet().stream()
                .map(e -> "{\"id\":\"" + e.getKey() + "\",\"role\":\"" + e.getValue() + "\",\"name\":\"Deelnemer "
                        + number(e.getKey()) + "\",\"nodeUrl\":\"https://127.0.0.1:" + (9000 + Math.abs(e.getKey()
                        .hashCode() % 900)) + "\",\"certificateSha256\":\"" + credentials.get(e.getKey())
                        .sha256Fingerprint() + "\"}")
                .collect(Collectors.joining(",\n  "));
        try {
            Files.writeString(participantList(), "{\"participants\":[\n  " + entries + "\n]}\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Writes the participant list with these participants, each with a fingerprint of its own but no certificate: for
     * provisioning many, where no client connects as them.
     */
    void writeParticipantListWithoutCertificates(Map<String, String> roles) {
        String entries = new java.util.TreeMap<>(roles).entrySet().stream()
                .map(e -> "{\"id\":\"" + e.getKey() + "\",\"role\":\"" + e.getValue() + "\",\"name\":\"Deelnemer "
                        + number(e.getKey()) + "\",\"nodeUrl\":\"https://127.0.0.1:9443\",\"certificateSha256\":\""
                        + (credentials.containsKey(e.getKey()) ? credentials.get(e.getKey()).sha256Fingerprint()
                        : fingerprintOf(e.getKey())) + "\"}")
                .collect(Collectors.joining(",\n  "));
        try {
            Files.writeString(participantList(), "{\"participants\":[\n  " + entries + "\n]}\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String fingerprintOf(String participant) {
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                    .digest(participant.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String number(String participant) {
        return participant.substring(participant.lastIndexOf(':') + 1);
    }

    Path participantList() {
        return dir.resolve("participants.json");
    }

    Path caFile() {
        return dir.resolve("ca.crt");
    }

    Path certificateFile(String participant) {
        return dir.resolve(number(participant) + ".crt");
    }

    Path keyFile(String participant) {
        return dir.resolve(number(participant) + ".key");
    }

    String caPem() {
        return PemFiles.toPem(ca.certificate());
    }

    String bootstrapServers() {
        return broker.bootstrapServers();
    }

    /** The provisioning command's arguments, as the operator. */
    List<String> provisionArguments() {
        return List.of("--bootstrap-server", bootstrapServers(), "--participant-list", participantList().toString(),
                "--tls-certificate", certificateFile(operator).toString(), "--tls-key", keyFile(operator).toString(),
                "--tls-ca", caFile().toString(), "--operator", operator);
    }

    Map<String, Object> clientProperties(String participant) {
        NodeCredentials identity = credentials.get(participant);
        Map<String, Object> props = new LinkedHashMap<>(BrokerSecurity.clientSslProperties(
                PemFiles.toPem(identity.chain()), PemFiles.toPem(identity.privateKey()), caPem()));
        props.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        return props;
    }

    Admin admin(String participant) {
        return Admin.create(clientProperties(participant));
    }

    KafkaProducer<String, String> producer(String participant, Map<String, Object> extra) {
        Map<String, Object> props = clientProperties(participant);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 10_000);
        props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 20_000);
        props.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
        if (extra != null) {
            props.putAll(extra);
        }
        return new KafkaProducer<>(props, new StringSerializer(), new StringSerializer());
    }

    KafkaConsumer<String, String> consumer(String participant, String groupId) {
        Map<String, Object> props = clientProperties(participant);
        if (groupId != null) {
            props.put(ConsumerConfig.GROUP_ID_CONFIG, groupId);
        }
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        return new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer());
    }

    @Override
    public void close() {
        broker.close();
    }
}

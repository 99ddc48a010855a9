package nl.bronsein.runtime.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;

import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.kafka.core.KafkaAdmin;

import nl.bronsein.runtime.RuntimeOnlyNode;
import nl.bronsein.runtime.kafka.NodeKafkaConnection;
import nl.bronsein.runtime.trust.NodeIdentity;
import tools.jackson.databind.json.JsonMapper;

/**
 * Start-up validation: a node started with the runtime and a valid configuration starts; each missing or wrong
 * required setting makes it refuse to start, and Spring Boot's "APPLICATION FAILED TO START" report names the
 * property and says what is wrong with it — each problem in its own words.
 */
@ExtendWith(OutputCaptureExtension.class)
class StartupValidationTest {

    private static final String MUNICIPALITY = RuntimeOnlyNode.MUNICIPALITY;
    private static final String GP = RuntimeOnlyNode.GP;
    private static final String UNSET = "\u0000unset";
    private static final Map<String, String> DESCRIPTIONS = new LinkedHashMap<>();

    private static RuntimeOnlyNode.NodeFiles files;
    private static int closedPort;

    @BeforeAll
    static void pki() throws IOException {
        files = RuntimeOnlyNode.NodeFiles.writeTo(Files.createTempDirectory("startup-validation"));
        Path dir = files.dir();
        Files.writeString(dir.resolve("malformed.json"), "{\"participants\": [{\"id\": \"" + MUNICIPALITY + "\",");
        JsonMapper json = JsonMapper.builder().build();
        List<Map<String, String>> badRole = new ArrayList<>(List.of(
                Map.of("id", MUNICIPALITY, "role", "MUNICIPALITY", "name", "Gemeente Zwolle",
                        "nodeUrl", "https://localhost:9443", "certificateSha256", files.municipality().sha256Fingerprint()),
                Map.of("id", GP, "role", "HUISARTS", "name", "Huisartsenpraktijk De Linde",
                        "nodeUrl", "https://localhost:8443", "certificateSha256", files.gp().sha256Fingerprint())));
        Files.writeString(dir.resolve("bad-role.json"), json.writeValueAsString(Map.of("participants", badRole)));
        Files.writeString(dir.resolve("not-pem.crt"), "this is not a certificate\n");
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort(); // no broker: the node must start without reaching Kafka
        }
    }

    @AfterAll
    static void everyProblemHasItsOwnMessage() {
        assertThat(DESCRIPTIONS.values()).doesNotHaveDuplicates();
    }

    /** The settings of a municipality's node that is configured correctly. */
    private static Map<String, String> baseline() {
        Map<String, String> p = files.settings("127.0.0.1:" + closedPort);
        p.put("bronsein.topics.create", "false");
        p.put("spring.main.banner-mode", "off");
        // the failure report read as an operator at a terminal reads it; the JSON console is NodeLogsTest's concern
        p.put("logging.structured.format.console", "");
        p.put("logging.level.root", "WARN");
        p.put("logging.level.org.apache.kafka", "OFF");
        // No broker is there: a started node's relay blocks for the producer's max.block.ms (5 s) before its round
        // fails, and closing the node waits for that round; the three nodes that start spent 11 s of this test on it.
        p.put("spring.kafka.producer.properties.max.block.ms", "300");
        return p;
    }

    @Test
    void aCorrectlyConfiguredNodeStarts() {
        try (ConfigurableApplicationContext node = start(baseline())) {
            assertThat(node.isActive()).isTrue();
            assertThat(node.getBean(NodeIdentity.class).id().urn()).isEqualTo(MUNICIPALITY);
        }
    }

    @Test
    void withoutTheDevelopmentSwitchTheNodesKafkaClientsUseTlsWithItsOwnBundleAndCreateNoTopics(CapturedOutput output) {
        Map<String, String> secured = baseline();
        secured.remove("bronsein.topics.create"); // the default (true) does not apply on a secured broker
        try (ConfigurableApplicationContext node = start(secured)) {
            NodeKafkaConnection connection = node.getBean(NodeKafkaConnection.class);
            assertThat(connection.secured()).isTrue();
            assertThat(connection.getSslBundle()).isSameAs(node.getBean(SslBundles.class).getBundle("network"));
            // Spring Boot's KafkaAdmin (health check, rewind) and the node's own clients alike
            assertThat(node.getBean(KafkaAdmin.class).getConfigurationProperties())
                    .containsEntry("security.protocol", "SSL")
                    .containsEntry(SslBundle.class.getName(), connection.getSslBundle());
            assertThat(connection.consumer(Map.of())).containsEntry("security.protocol", "SSL")
                    .containsKey("ssl.engine.factory.class");
        }
        assertThat(output.getAll()).doesNotContain("KAFKA IN PLAINTEXT");
    }

    @Test
    void theDevelopmentSwitchIsLoggedAsAWarningAtStartUp(CapturedOutput output) {
        Map<String, String> plaintext = baseline();
        plaintext.put("bronsein.kafka.plaintext-for-development", "true");
        try (ConfigurableApplicationContext node = start(plaintext)) {
            assertThat(node.getBean(NodeKafkaConnection.class).secured()).isFalse();
        }
        assertThat(output.getAll()).contains("WARN").contains("KAFKA IN PLAINTEXT (bronsein.kafka.plaintext-for-development=true)");
    }

    static Stream<Arguments> problems() {
        return Stream.of(
                problem("participant-id missing", Map.of("bronsein.node.participant-id", UNSET),
                        "bronsein.node.participant-id is not set"),
                problem("participant-id malformed", Map.of("bronsein.node.participant-id", "urn:nld:kvk:123"),
                        "bronsein.node.participant-id urn:nld:kvk:123 is not a participant URN"),
                problem("participant-id not listed", Map.of("bronsein.node.participant-id", "urn:nld:kvk:99999999"),
                        "bronsein.node.participant-id urn:nld:kvk:99999999 is not in the participant list "
                                + file("participants.json")),
                problem("participant list not set", Map.of("bronsein.node.participant-list", UNSET),
                        "bronsein.node.participant-list is not set"),
                problem("participant list file missing", Map.of("bronsein.node.participant-list", file("absent.json")),
                        "bronsein.node.participant-list " + file("absent.json") + " does not exist"),
                problem("participant list malformed JSON", Map.of("bronsein.node.participant-list", file("malformed.json")),
                        "bronsein.node.participant-list " + file("malformed.json") + " is not valid JSON"),
                problem("participant list with an unknown role", Map.of("bronsein.node.participant-list", file("bad-role.json")),
                        "bronsein.node.participant-list " + file("bad-role.json") + " is invalid: participants[1]",
                        "\"role\" must be one of [GP_PRACTICE, MUNICIPALITY, PROVIDER], got \"HUISARTS\""),
                problem("plaintext Kafka without the development switch",
                        Map.of("spring.kafka.security.protocol", "PLAINTEXT"),
                        "spring.kafka.security.protocol PLAINTEXT is not SSL"),
                problem("Kafka SSL bundle not configured", Map.of("spring.kafka.ssl.bundle", "kafka"),
                        "spring.kafka.ssl.bundle kafka names no SSL bundle"),
                problem("development switch and a Kafka SSL bundle", Map.of("spring.kafka.ssl.bundle", "network",
                                "bronsein.kafka.plaintext-for-development", "true"),
                        "bronsein.kafka.plaintext-for-development true contradicts spring.kafka.ssl.bundle=network"),
                problem("no SSL bundle", Map.of("spring.ssl.bundle.pem.network.keystore.certificate", UNSET,
                                "spring.ssl.bundle.pem.network.keystore.private-key", UNSET,
                                "spring.ssl.bundle.pem.network.truststore.certificate", UNSET),
                        "spring.ssl.bundle.pem.network.keystore.certificate is not set",
                        "SSL bundle 'network' (bronsein.node.ssl-bundle), which is not configured"),
                problem("certificate file missing",
                        Map.of("spring.ssl.bundle.pem.network.keystore.certificate", file("absent.crt")),
                        "spring.ssl.bundle.pem.network.keystore.certificate " + file("absent.crt") + " does not exist"),
                problem("certificate not PEM",
                        Map.of("spring.ssl.bundle.pem.network.keystore.certificate", file("not-pem.crt")),
                        "spring.ssl.bundle.pem.network.keystore.certificate " + file("not-pem.crt"), "PEM certificate"),
                problem("private key missing",
                        Map.of("spring.ssl.bundle.pem.network.keystore.private-key", file("absent.key")),
                        "spring.ssl.bundle.pem.network.keystore.private-key " + file("absent.key") + " does not exist"),
                problem("private key of another certificate",
                        Map.of("spring.ssl.bundle.pem.network.keystore.private-key", file("gp.key")),
                        "spring.ssl.bundle.pem.network.keystore.private-key " + file("gp.key")
                                + " is not the private key of the certificate"),
                problem("truststore missing",
                        Map.of("spring.ssl.bundle.pem.network.truststore.certificate", file("absent-ca.crt")),
                        "spring.ssl.bundle.pem.network.truststore.certificate " + file("absent-ca.crt") + " does not exist"),
                problem("certificate not the one listed",
                        Map.of("spring.ssl.bundle.pem.network.keystore.certificate", file("gp.crt"),
                                "spring.ssl.bundle.pem.network.keystore.private-key", file("gp.key")),
                        "spring.ssl.bundle.pem.network.keystore.certificate " + file("gp.crt")
                                + " is not the certificate the participant list " + file("participants.json")
                                + " lists for " + MUNICIPALITY, "SHA-256 fingerprint"),
                problem("policy for an object type this node does not own", Map.of(
                                "bronsein.pull.policies[1].object-type", "case",
                                "bronsein.pull.policies[1].purpose", "referral-feedback",
                                "bronsein.pull.policies[1].roles[0]", "GP_PRACTICE",
                                "bronsein.pull.policies[1].view", "referral-feedback"),
                        "bronsein.pull.policies[1].object-type case",
                        "pull policy for referral-feedback names object type case, which this node does not own"),
                problem("policy with an unknown view", Map.of("bronsein.pull.policies[0].view", "everything"),
                        "bronsein.pull.policies[0].view everything",
                        "pull policy for contact-points names view everything; contact-point has views [contact-points]"),
                problem("policy with an unknown role", Map.of("bronsein.pull.policies[0].roles[1]", "PHARMACY"),
                        "bronsein.pull.policies[0].roles[1]", "PHARMACY"),
                problem("subscription with an unknown object type",
                        Map.of("bronsein.subscriptions[0].object-types[0]", "meeting"),
                        "bronsein.subscriptions[0].object-types[0] meeting is not a known object type"),
                problem("subscription for an object type without handler",
                        Map.of("bronsein.subscriptions[0].object-types[0]", "referral"),
                        "bronsein.subscriptions[0].object-types[0] referral cannot be followed",
                        "this node has no handler for it"),
                problem("subscription source with an unknown role",
                        Map.of("bronsein.subscriptions[0].sources[0]", "role:HUISARTS"),
                        "bronsein.subscriptions[0].sources[0] role:HUISARTS names an unknown role HUISARTS"),
                problem("subscription source neither role nor URN",
                        Map.of("bronsein.subscriptions[0].sources[1]", "De Linde"),
                        "bronsein.subscriptions[0].sources[1] De Linde is neither role:<ROLE> nor a participant URN"),
                problem("negative relay batch size", Map.of("bronsein.relay.batch-size", "-1"),
                        "bronsein.relay.batch-size -1 must be at least 1"),
                problem("zero relay interval", Map.of("bronsein.relay.interval", "0s"),
                        "bronsein.relay.interval 0s must be longer than zero"),
                problem("zero staff token lifetime", Map.of("bronsein.staff.max-token-lifetime", "0s"),
                        "bronsein.staff.max-token-lifetime 0s must be longer than zero"),
                problem("relay checkpoint topic among the network's topics",
                        Map.of("bronsein.relay.checkpoint-topic", "bronsein-relay-checkpoints"),
                        "bronsein.relay.checkpoint-topic bronsein-relay-checkpoints must be a Kafka topic name"),
                problem("zero inbox batch size", Map.of("bronsein.inbox.batch-size", "0"),
                        "bronsein.inbox.batch-size 0 must be at least 1"),
                problem("zero refused-handshake interval", Map.of("bronsein.refused-handshakes.interval", "0s"),
                        "bronsein.refused-handshakes.interval 0s must be longer than zero"),
                problem("zero refused-handshake rows", Map.of("bronsein.refused-handshakes.max-rows", "0"),
                        "bronsein.refused-handshakes.max-rows 0 must be at least 1"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("problems")
    void eachProblemRefusesToStartWithItsOwnMessage(String problem, Map<String, String> change, List<String> expected,
                                                    CapturedOutput output) {
        Map<String, String> properties = baseline();
        change.forEach((key, value) -> {
            if (UNSET.equals(value)) {
                properties.remove(key);
            } else {
                properties.put(key, value);
            }
        });
        int before = output.getAll().length();

        assertThatThrownBy(() -> start(properties).close()).as(problem).isInstanceOf(RuntimeException.class);

        String report = output.getAll().substring(before);
        assertThat(report).as(problem).contains("APPLICATION FAILED TO START");
        String description = between(report, "Description:", "Action:");
        assertThat(description).as(problem).contains(expected);
        assertThat(between(report, "Action:", "\n\n\n").strip()).as(problem).isNotEmpty();
        DESCRIPTIONS.put(problem, description);
    }

    private static ConfigurableApplicationContext start(Map<String, String> properties) {
        return RuntimeOnlyNode.start(properties);
    }

    private static Arguments problem(String name, Map<String, String> change, String... expected) {
        return Arguments.of(name, change, List.of(expected));
    }

    private static String file(String name) {
        return files.file(name);
    }

    private static String between(String text, String start, String end) {
        int from = text.indexOf(start);
        assertThat(from).as("'" + start + "' in:\n" + text).isNotNegative();
        from += start.length();
        int to = text.indexOf(end, from);
        return (to < 0 ? text.substring(from) : text.substring(from, to)).strip();
    }
}

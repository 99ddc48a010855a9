package nl.bronsein.runtime;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import nl.bronsein.devpki.DevCertificateAuthority;
import nl.bronsein.devpki.NodeCertificateRequest;
import nl.bronsein.devpki.NodeCredentials;
import nl.bronsein.kafkabroker.LocalKafkaBroker;
import nl.bronsein.runtime.outbox.PublicationCheckpoint;
import nl.bronsein.runtime.trust.ParticipantId;
import nl.bronsein.schemas.NotificationTopics;
import tools.jackson.databind.json.JsonMapper;

/**
 * A node that is nothing but the runtime — a municipality that owns and follows contact points — with its files: a
 * development CA, the municipality's and a GP's certificates, and a participant list naming both. Started as an
 * operator starts a node: a Spring application with its settings as command-line arguments.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
public class RuntimeOnlyNode {

    public static final String MUNICIPALITY = "urn:nld:oin:00000001001234567000";
    public static final String GP = "urn:nld:kvk:12345678";

    /** The files the settings point to, written into {@code dir}. */
    public record NodeFiles(Path dir, DevCertificateAuthority ca, NodeCredentials municipality, NodeCredentials gp) {

        public static NodeFiles writeTo(Path dir) {
            try {
                DevCertificateAuthority ca = DevCertificateAuthority.generate("Runtime-only node test CA");
                ca.writeTo(dir.resolve("ca.crt"), dir.resolve("ca.key"));
                NodeCredentials municipality = ca.issue(NodeCertificateRequest.of("Gemeente Zwolle", "00000001001234567000"));
                municipality.writePem(dir.resolve("municipality.crt"), dir.resolve("municipality.key"));
                NodeCredentials gp = ca.issue(NodeCertificateRequest.of("Huisartsenpraktijk De Linde", "12345678"));
                gp.writePem(dir.resolve("gp.crt"), dir.resolve("gp.key"));
                List<Map<String, String>> entries = List.of(
                        Map.of("id", MUNICIPALITY, "role", "MUNICIPALITY", "name", "Gemeente Zwolle",
                                "nodeUrl", "https://localhost:9443", "certificateSha256", municipality.sha256Fingerprint()),
                        Map.of("id", GP, "role", "GP_PRACTICE", "name", "Huisartsenpraktijk De Linde",
                                "nodeUrl", "https://localhost:8443", "certificateSha256", gp.sha256Fingerprint()));
                Files.writeString(dir.resolve("participants.json"),
                        JsonMapper.builder().build().writeValueAsString(Map.of("participants", entries)));
                return new NodeFiles(dir, ca, municipality, gp);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        public String file(String name) {
            return "file:" + dir.resolve(name);
        }

        /**
         * The settings of a correctly configured municipality's node on a fresh in-memory H2 database and random
         * ports, nothing about logging: what the node does by default is what the tests look at.
         */
        public Map<String, String> settings(String bootstrapServers) {
            Map<String, String> p = new LinkedHashMap<>();
            p.put("bronsein.node.participant-id", MUNICIPALITY);
            p.put("bronsein.node.participant-list", file("participants.json"));
            p.put("spring.ssl.bundle.pem.network.keystore.certificate", file("municipality.crt"));
            p.put("spring.ssl.bundle.pem.network.keystore.private-key", file("municipality.key"));
            p.put("spring.ssl.bundle.pem.network.truststore.certificate", file("ca.crt"));
            // over TLS with the node's own network bundle, as every node by default
            p.put("spring.kafka.bootstrap-servers", bootstrapServers);
            p.put("spring.datasource.url", "jdbc:h2:mem:runtime-only-" + UUID.randomUUID());
            p.put("server.port", "0");
            p.put("bronsein.staff-api.port", "0");
            p.put("bronsein.catch-up.enabled", "false");
            p.put("bronsein.subscriptions[0].purpose", "contact-points");
            p.put("bronsein.subscriptions[0].object-types[0]", "contact-point");
            p.put("bronsein.subscriptions[0].sources[0]", "role:GP_PRACTICE");
            p.put("bronsein.subscriptions[0].sources[1]", GP);
            p.put("bronsein.pull.policies[0].object-type", "contact-point");
            p.put("bronsein.pull.policies[0].purpose", "contact-points");
            p.put("bronsein.pull.policies[0].roles[0]", "GP_PRACTICE");
            p.put("bronsein.pull.policies[0].roles[1]", "PROVIDER");
            p.put("bronsein.pull.policies[0].view", "contact-points");
            p.put("bronsein.pull.policies[0].consent-required", "false");
            // the staff API's identity provider (keys are fetched on the first token, not at start-up)
            p.put("bronsein.staff.issuer", "https://login.zwolle.example");
            p.put("bronsein.staff.audience", "bronsein-zwolle");
            p.put("bronsein.staff.jwk-set-uri", "https://login.zwolle.example/keys");
            return p;
        }
    }

    /**
     * A real broker of its own and the node's files in a fresh directory, for a test that starts the node once;
     * closing it closes the node and stops the broker.
     */
    public static final class WithBroker implements AutoCloseable {

        private final SecuredTestBroker broker;
        private final NodeFiles files;
        private ConfigurableApplicationContext node;

        public WithBroker(String name) throws IOException {
            Path dir = Files.createTempDirectory(name);
            files = NodeFiles.writeTo(dir);
            broker = SecuredTestBroker.start(dir.resolve("kafka"), files.ca(),
                    Map.of(MUNICIPALITY, files.municipality(), GP, files.gp()));
            // what provisioning makes for the two participants; a node on a secured broker creates no topics
            for (String generic : NotificationTopics.genericTopics()) {
                broker.createTopic(MUNICIPALITY, generic, 3, true);
            }
            broker.createTopic(MUNICIPALITY, NotificationTopics.inbox("MUNICIPALITY", MUNICIPALITY), 3, false);
            broker.createTopic(MUNICIPALITY, NotificationTopics.inbox("GP_PRACTICE", GP), 3, false);
            broker.createTopic(MUNICIPALITY, PublicationCheckpoint.ownTopic(ParticipantId.of(MUNICIPALITY)), 1, true);
        }

        public LocalKafkaBroker broker() {
            return broker.broker();
        }

        /** The settings of a correctly configured node on this broker, to change before {@link #start}. */
        public Map<String, String> settings() {
            return files.settings(broker.bootstrapServers());
        }

        public ConfigurableApplicationContext start(Map<String, String> settings) {
            node = RuntimeOnlyNode.start(settings);
            return node;
        }

        @Override
        public void close() {
            if (node != null) {
                node.close();
            }
            broker.close();
        }
    }

    /** Starts the node with {@code settings} as command-line arguments, which outrank every default. */
    public static ConfigurableApplicationContext start(Map<String, String> settings) {
        return new SpringApplicationBuilder(RuntimeOnlyNode.class)
                .run(settings.entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue()).toArray(String[]::new));
    }
}

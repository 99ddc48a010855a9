package nl.bronsein.network.docker;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import nl.bronsein.devpki.DevCertificateAuthority;
import nl.bronsein.devpki.NodeCertificateRequest;
import nl.bronsein.devpki.NodeCredentials;
import nl.bronsein.gp.GpNodeApplication;
import nl.bronsein.municipality.MunicipalityNodeApplication;
import nl.bronsein.provider.ProviderNodeApplication;
import nl.bronsein.staffclient.StaffClient;
import tools.jackson.databind.json.JsonMapper;

/**
 * The three nodes of the network as separate Spring applications in this JVM, on their own network (mutual TLS) and
 * staff ports, with a dev CA, a certificate per participant and a participant list — like {@code TestNetwork}, but
 * against Kafka bootstrap servers given from outside (a broker in a container) instead of an in-JVM broker.
 */
final class ContainerNetwork implements AutoCloseable {

    static final JsonMapper JSON = JsonMapper.builder().build();

    /** The participants, as in the local network and the other network tests. */
    enum Participant {
        GP("urn:nld:kvk:12345678", "GP_PRACTICE", "Huisartsenpraktijk De Linde", "gp"),
        MUNICIPALITY("urn:nld:oin:00000001001234567000", "MUNICIPALITY", "Gemeente Zwolle", "municipality"),
        PROVIDER("urn:nld:kvk:87654321", "PROVIDER", "Zorg en Welzijn IJsselland", "provider");

        final String urn;
        final String role;
        final String organisation;
        final String stem;

        Participant(String urn, String role, String organisation, String stem) {
            this.urn = urn;
            this.role = role;
            this.organisation = organisation;
            this.stem = stem;
        }

        String number() {
            return urn.substring(urn.lastIndexOf(':') + 1);
        }
    }

    private final String bootstrapServers;
    private final Path dir;
    private final Path participantList;
    private final Map<Participant, Integer> networkPorts = new EnumMap<>(Participant.class);
    private final Map<Participant, Integer> staffPorts = new EnumMap<>(Participant.class);
    private final Map<Participant, StaffClient> staffClients = new EnumMap<>(Participant.class);
    private final List<ConfigurableApplicationContext> nodes = new ArrayList<>();

    ContainerNetwork(String bootstrapServers) throws IOException {
        this.bootstrapServers = bootstrapServers;
        dir = Files.createTempDirectory("bronsein-container-network");
        DevCertificateAuthority ca = DevCertificateAuthority.generate("Bronsein test CA");
        ca.writeTo(dir.resolve("ca.crt"), dir.resolve("ca.key"));
        List<Map<String, String>> entries = new ArrayList<>();
        for (Participant p : Participant.values()) {
            NodeCredentials issued = ca.issue(NodeCertificateRequest.of(p.organisation, p.number()));
            issued.writePem(dir.resolve(p.stem + ".crt"), dir.resolve(p.stem + ".key"));
            networkPorts.put(p, freePort());
            staffPorts.put(p, freePort());
            staffClients.put(p, StaffClient.connect(URI.create("http://127.0.0.1:" + staffPorts.get(p)), null));
            entries.add(Map.of("id", p.urn, "role", p.role, "name", p.organisation,
                    "nodeUrl", "https://localhost:" + networkPorts.get(p),
                    "certificateSha256", issued.sha256Fingerprint()));
        }
        participantList = dir.resolve("participants.json");
        Files.writeString(participantList, JSON.writeValueAsString(Map.of("participants", entries)));
    }

    ContainerNetwork startNodes() {
        nodes.add(start(GpNodeApplication.builder(), Participant.GP));
        nodes.add(start(MunicipalityNodeApplication.builder(), Participant.MUNICIPALITY));
        nodes.add(start(ProviderNodeApplication.builder(), Participant.PROVIDER));
        return this;
    }

    private ConfigurableApplicationContext start(SpringApplicationBuilder builder, Participant p) {
        Map<String, Object> properties = new HashMap<>();
        properties.put("bronsein.node.participant-id", p.urn);
        properties.put("bronsein.node.participant-list", "file:" + participantList);
        properties.put("spring.ssl.bundle.pem.network.keystore.certificate", "file:" + dir.resolve(p.stem + ".crt"));
        properties.put("spring.ssl.bundle.pem.network.keystore.private-key", "file:" + dir.resolve(p.stem + ".key"));
        properties.put("spring.ssl.bundle.pem.network.truststore.certificate", "file:" + dir.resolve("ca.crt"));
        properties.put("server.port", networkPorts.get(p));
        properties.put("bronsein.staff-api.port", staffPorts.get(p));
        properties.put("spring.kafka.bootstrap-servers", bootstrapServers);
        properties.put("bronsein.kafka.plaintext-for-development", "true"); // the container broker has no TLS listener
        properties.put("spring.datasource.url", "jdbc:h2:mem:" + p.stem + "-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        properties.put("spring.datasource.username", "bronsein");
        properties.put("spring.datasource.password", "");
        properties.put("bronsein.relay.interval", "200ms");
        properties.put("bronsein.relay.retry-delay", "300ms");
        properties.put("bronsein.inbox.interval", "200ms");
        properties.put("bronsein.inbox.retry-delay", "200ms");
        properties.put("bronsein.inbox.max-retry-delay", "2s");
        properties.put("bronsein.catch-up.check-interval", "200ms");
        properties.put("bronsein.catch-up.grace", "500ms");
        // As command-line arguments: they outrank the node's own defaults, as an operator's settings do.
        return builder.run(properties.entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue()).toArray(String[]::new));
    }

    // --- staff API ----------------------------------------------------------------------------------------------

    /** A node's staff API; these nodes are started without a staff token issuer, so the client sends no token. */
    StaffClient staff(Participant node) {
        return staffClients.get(node);
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        for (int i = nodes.size() - 1; i >= 0; i--) {
            nodes.get(i).close();
        }
    }
}

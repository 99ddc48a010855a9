package nl.bronsein.benchmark;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import javax.net.ssl.SSLContext;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.ssl.pem.PemSslStoreBundle;
import org.springframework.boot.ssl.pem.PemSslStoreDetails;
import org.springframework.context.ConfigurableApplicationContext;

import nl.bronsein.benchmark.peer.PeerApplication;
import nl.bronsein.devpki.DevPkiMain;
import nl.bronsein.devpki.DevStaffIssuer;
import nl.bronsein.gp.GpNodeApplication;
import nl.bronsein.kafkabroker.BrokerSecurity;
import nl.bronsein.kafkabroker.LocalKafkaBroker;
import nl.bronsein.municipality.MunicipalityNodeApplication;
import nl.bronsein.provisioning.ProvisionMain;
import tools.jackson.databind.json.JsonMapper;

/**
 * One half of the run's network: a dev CA with a certificate per participant, a participant list, a fresh KRaft broker
 * on a real port, and the nodes as Spring applications in this JVM, each with its network (mutual TLS) and staff port
 * — what the network tests start, with the nodes' own defaults for the relay and the inbox instead of the tests'.
 * The broker is secured and provisioned as every broker of the network is (mutual TLS, participant principals, ACLs);
 * a plaintext one, with the nodes' development switch, only to measure what TLS and ACLs cost.
 */
final class BenchNetwork implements AutoCloseable {

    static final JsonMapper JSON = JsonMapper.builder().build();
    /** Where the GP's referrals go: the municipality's inbox. */
    static final String REFERRAL_TOPIC = nl.bronsein.schemas.NotificationTopics.inbox(Member.MUNICIPALITY.role,
            Member.MUNICIPALITY.urn);

    private final Map<Member, Integer> networkPorts = new EnumMap<>(Member.class);
    private final Map<Member, Integer> staffPorts = new EnumMap<>(Member.class);
    private final DevStaffIssuer staffIssuer;
    /** The broker's own identity and the operator that provisions it and reads back what the GP published. */
    private static final DevPkiMain.Participant BROKER = new DevPkiMain.Participant("Bronsein netwerkbeheer (broker)",
            "00000009999999999999", "broker");
    private static final DevPkiMain.Participant OPERATOR = new DevPkiMain.Participant("Bronsein netwerkbeheer",
            "99990000", "operator");

    private final Path dir;
    private final boolean secured;
    private final LocalKafkaBroker broker;
    private final List<ConfigurableApplicationContext> nodes = new ArrayList<>();

    /** @param secured false for a plaintext broker without ACLs, the nodes on their development switch */
    BenchNetwork(Path dir, boolean secured) {
        this.dir = dir;
        this.secured = secured;
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        // the dev CA and a certificate per participant, as the local network makes them
        List<DevPkiMain.Participant> identities = new ArrayList<>(Arrays.stream(Member.values())
                .map(m -> new DevPkiMain.Participant(m.organisation, m.number(), m.stem())).toList());
        identities.addAll(List.of(BROKER, OPERATOR));
        List<DevPkiMain.ParticipantFiles> pki = DevPkiMain.ensure(new DevPkiMain.Options(dir, identities, List.of(),
                "Bronsein benchmark CA"), System.err);
        for (Member m : Member.values()) {
            networkPorts.put(m, freePort());
            staffPorts.put(m, freePort());
        }
        staffIssuer = DevStaffIssuer.generate();
        staffIssuer.writeTo(dir.resolve("staff-issuer.pub"), dir.resolve("staff-issuer.key"));
        writeParticipantList(pki);
        if (secured) {
            broker = LocalKafkaBroker.secured(dir.resolve("kafka"), 0, new BrokerSecurity(read(BROKER.fileStem() + ".crt"),
                    read(BROKER.fileStem() + ".key"), read("ca.crt"), Set.of(operatorId())));
            broker.start();
            provision();
        } else {
            broker = new LocalKafkaBroker(dir.resolve("kafka"), 0);
            broker.start();
        }
    }

    /** The provisioning command over the participant list, as the operator: the topics and ACLs the nodes need. */
    private void provision() {
        java.io.ByteArrayOutputStream output = new java.io.ByteArrayOutputStream();
        java.io.PrintStream print = new java.io.PrintStream(output, true, java.nio.charset.StandardCharsets.UTF_8);
        int exit = ProvisionMain.run(print, print, "--bootstrap-server", broker.bootstrapServers(),
                "--participant-list", file("participants.json").toString(),
                "--tls-certificate", file(OPERATOR.fileStem() + ".crt").toString(),
                "--tls-key", file(OPERATOR.fileStem() + ".key").toString(), "--tls-ca", file("ca.crt").toString());
        if (exit != 0) {
            throw new IllegalStateException("provisioning the benchmark's broker failed (" + exit + "): "
                    + output.toString(java.nio.charset.StandardCharsets.UTF_8));
        }
    }

    private static String operatorId() {
        return "urn:nld:kvk:" + OPERATOR.serialNumber();
    }

    boolean secured() {
        return secured;
    }

    /**
     * Kafka client settings of the operator (the benchmark's own reader of what the GP published): bootstrap, and on
     * the secured broker mutual TLS with the operator's certificate, a super user.
     */
    Map<String, Object> operatorClient() {
        Map<String, Object> client = new LinkedHashMap<>();
        if (secured) {
            client.putAll(BrokerSecurity.clientSslProperties(read(OPERATOR.fileStem() + ".crt"),
                    read(OPERATOR.fileStem() + ".key"), read("ca.crt")));
        }
        client.put("bootstrap.servers", broker.bootstrapServers());
        return client;
    }

    private String read(String name) {
        try {
            return Files.readString(file(name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The GP node, with the relay and pool settings it ships with. */
    ConfigurableApplicationContext startGp(JdbcTarget database) {
        return start(GpNodeApplication.builder(), Member.GP, database, Map.of());
    }

    /**
     * The municipality node as the consumer: it reads the referral topic as every node does (its listener, its checks,
     * its inbox), from the topic's end when it starts (what the GP published before is not what is measured), and does
     * not ask the GP's history for what came before.
     */
    ConfigurableApplicationContext startMunicipality(JdbcTarget database) {
        return start(MunicipalityNodeApplication.builder(), Member.MUNICIPALITY, database, Map.of(
                "spring.kafka.consumer.auto-offset-reset", "latest",
                "spring.kafka.consumer.isolation-level", "read-committed",
                "bronsein.catch-up.enabled", "false"));
    }

    private ConfigurableApplicationContext start(SpringApplicationBuilder builder, Member m, JdbcTarget database,
                                                 Map<String, Object> overrides) {
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("bronsein.node.participant-id", m.urn);
        settings.put("bronsein.node.participant-list", "file:" + file("participants.json"));
        // the node's network door and its pull client use these PEM files (the SSL bundle "network")
        String bundle = "spring.ssl.bundle.pem.network.";
        settings.put(bundle + "keystore.certificate", "file:" + file(m.stem() + ".crt"));
        settings.put(bundle + "keystore.private-key", "file:" + file(m.stem() + ".key"));
        settings.put(bundle + "truststore.certificate", "file:" + file("ca.crt"));
        settings.put("server.port", networkPorts.get(m));
        settings.put("bronsein.staff-api.port", staffPorts.get(m));
        settings.put("bronsein.staff.issuer", DevStaffIssuer.ISSUER);
        settings.put("bronsein.staff.audience", m.urn);
        settings.put("bronsein.staff.public-key", "file:" + file("staff-issuer.pub"));
        settings.put("spring.kafka.bootstrap-servers", broker.bootstrapServers());
        if (!secured) {
            settings.put("bronsein.kafka.plaintext-for-development", "true");
        }
        settings.put("spring.datasource.url", database.url());
        settings.put("spring.datasource.username", database.user());
        settings.put("spring.datasource.password", database.password());
        settings.put("spring.main.banner-mode", "off");
        settings.putAll(overrides);
        ConfigurableApplicationContext node = builder.run(arguments(settings));
        nodes.add(node);
        return node;
    }

    /** As command-line arguments: they outrank the application's own defaults, as an operator's settings do. */
    private static String[] arguments(Map<String, Object> settings) {
        List<String> arguments = new ArrayList<>();
        settings.forEach((key, value) -> arguments.add("--" + key + "=" + value));
        return arguments.toArray(String[]::new);
    }

    /** The GP staff API as the practice's HIS uses it, with a development token for the practice's roles. */
    StaffApi gpStaffApi() {
        return new StaffApi("http://127.0.0.1:" + staffPorts.get(Member.GP), gpStaffToken());
    }

    private String gpStaffToken() {
        return staffIssuer.token("benchmark-his", Member.GP.urn, List.of("GP", "PRACTICE_ASSISTANT"),
                Duration.ofHours(12));
    }

    /**
     * The Spring Modulith peer ({@link PeerApplication}) on this network's broker — as the operator, the benchmark's
     * own client identity, since the participant list has no place for it — checking the GP's staff tokens as the GP
     * does (the same issuer, audience and public key), on a port of its own.
     */
    ConfigurableApplicationContext startPeer(JdbcTarget database) {
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("server.port", freePort());
        settings.put("bronsein.staff.issuer", DevStaffIssuer.ISSUER);
        settings.put("bronsein.staff.audience", Member.GP.urn);
        settings.put("bronsein.staff.public-key", "file:" + file("staff-issuer.pub"));
        operatorClient().forEach((key, value) -> settings.put(key.equals("bootstrap.servers")
                ? "spring.kafka.bootstrap-servers" : "spring.kafka.properties." + key, value));
        settings.put("spring.datasource.url", database.url());
        settings.put("spring.datasource.username", database.user());
        settings.put("spring.datasource.password", database.password());
        settings.put("spring.main.banner-mode", "off");
        ConfigurableApplicationContext peer = PeerApplication.builder().run(arguments(settings));
        nodes.add(peer);
        return peer;
    }

    /** The peer's staff API with the GP's token: the same HIS, the same call. */
    StaffApi peerStaffApi(ConfigurableApplicationContext peer) {
        return new StaffApi("http://127.0.0.1:" + peer.getEnvironment().getRequiredProperty("server.port"), gpStaffToken());
    }

    /** Where the municipality pulls a referral from the GP. */
    String gpPullUrl(String referralId, String purpose) {
        return "https://localhost:" + networkPorts.get(Member.GP) + "/network/v1/objects/referral/" + referralId
                + "?purpose=" + purpose;
    }

    /** TLS as the given participant, from the same PEM files its node's SSL bundle is made of. */
    SSLContext tlsAs(Member m) {
        try {
            return SslBundle.of(new PemSslStoreBundle(
                    PemSslStoreDetails.forCertificate(Files.readString(file(m.stem() + ".crt")))
                            .withPrivateKey(Files.readString(file(m.stem() + ".key"))),
                    PemSslStoreDetails.forCertificate(Files.readString(file("ca.crt"))))).createSslContext();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Path file(String name) {
        return dir.resolve(name);
    }

    private void writeParticipantList(List<DevPkiMain.ParticipantFiles> pki) {
        List<Map<String, String>> entries = new ArrayList<>();
        for (Member m : Member.values()) {
            String fingerprint = pki.stream().filter(f -> f.participant().fileStem().equals(m.stem())).findFirst()
                    .orElseThrow().sha256Fingerprint();
            entries.add(Map.of("id", m.urn, "role", m.role, "name", m.organisation,
                    "nodeUrl", "https://localhost:" + networkPorts.get(m), "certificateSha256", fingerprint));
        }
        try {
            Files.writeString(file("participants.json"), JSON.writeValueAsString(Map.of("participants", entries)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Stops a node before the rest, e.g. the consumer once its figure is taken. */
    void stop(ConfigurableApplicationContext node) {
        nodes.remove(node);
        node.close();
    }

    @Override
    public void close() {
        for (int i = nodes.size() - 1; i >= 0; i--) {
            nodes.get(i).close();
        }
        nodes.clear();
        broker.close();
    }
}

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

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.SSLContext;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.common.GroupState;

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
import nl.bronsein.runtime.subscription.SubscriptionProperties;
import nl.bronsein.runtime.trust.ParticipantId;
import tools.jackson.databind.json.JsonMapper;

/**
 * One half of the run's network: a dev CA with a certificate per participant, a participant list, a fresh KRaft broker
 * on a real port, and the nodes, each with its network (mutual TLS) and staff port and the defaults it ships with for
 * the relay and the inbox. By default the broker, every node and the peer run as OS processes of their own, each JVM
 * with its own heap, as the local network and every deployment run them: the nodes from their executable jars, the
 * broker and the peer from this benchmark's jar. With {@code --one-jvm} they are Spring applications and a broker in
 * this JVM, as the network tests start them (the figures before issue 21's item 2 were taken so).
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

    /**
     * A node's and the peer's JVM: a heap of 256 MiB, enough for a node under the benchmark's load, so that its resident
     * memory says what a node needs rather than what an unbounded heap grew to.
     */
    static final List<String> NODE_JVM_OPTIONS = List.of("-Xmx256m");

    private final Path dir;
    private final boolean secured;
    private final boolean ownProcesses;
    /** The broker in this JVM ({@code --one-jvm}), or null. */
    private final LocalKafkaBroker localBroker;
    /** The broker in its own process, or null. */
    private final BrokerProcess brokerProcess;
    private final List<BenchNode> nodes = new ArrayList<>();
    private final Map<BenchNode, Integer> peerPorts = new java.util.HashMap<>();
    /** Asks a starting node's health endpoint whether it is ready. */
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    /**
     * @param secured      false for a plaintext broker without ACLs, the nodes on their development switch
     * @param ownProcesses false for the one-JVM mode
     */
    BenchNetwork(Path dir, boolean secured, boolean ownProcesses) {
        this.dir = dir;
        this.secured = secured;
        this.ownProcesses = ownProcesses;
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
        if (ownProcesses) {
            localBroker = null;
            brokerProcess = BrokerProcess.start(dir.resolve("kafka"), freePort(), log("broker"), secured
                    ? new BrokerProcess.Tls(file(BROKER.fileStem() + ".crt"), file(BROKER.fileStem() + ".key"),
                    file("ca.crt"), operatorId()) : null);
        } else {
            brokerProcess = null;
            localBroker = secured ? LocalKafkaBroker.secured(dir.resolve("kafka"), 0, new BrokerSecurity(
                    read(BROKER.fileStem() + ".crt"), read(BROKER.fileStem() + ".key"), read("ca.crt"),
                    Set.of(operatorId()))) : new LocalKafkaBroker(dir.resolve("kafka"), 0);
            localBroker.start();
        }
        if (secured) {
            provision();
        }
    }

    private String bootstrapServers() {
        return ownProcesses ? brokerProcess.bootstrapServers() : localBroker.bootstrapServers();
    }

    /** True when the broker and the nodes run in processes of their own. */
    boolean ownProcesses() {
        return ownProcesses;
    }

    /** The broker's process; empty in the one-JVM mode. */
    java.util.Optional<OwnProcess> brokerProcess() {
        return java.util.Optional.ofNullable(brokerProcess).map(BrokerProcess::process);
    }

    /** The provisioning command over the participant list, as the operator: the topics and ACLs the nodes need. */
    private void provision() {
        java.io.ByteArrayOutputStream output = new java.io.ByteArrayOutputStream();
        java.io.PrintStream print = new java.io.PrintStream(output, true, java.nio.charset.StandardCharsets.UTF_8);
        int exit = ProvisionMain.run(print, print, "--bootstrap-server", bootstrapServers(),
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
        client.put("bootstrap.servers", bootstrapServers());
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
    BenchNode startGp(JdbcTarget database) {
        return start(Member.GP, database, Map.of());
    }

    /**
     * The municipality node as the consumer: it reads the referral topic as every node does (its listener, its checks,
     * its inbox), from the topic's end when it starts (what the GP published before is not what is measured), and does
     * not ask the GP's history for what came before.
     *
     * @param handling false: it takes notifications in but handles none (no pull, no case), to measure delivery alone
     */
    BenchNode startMunicipality(JdbcTarget database, boolean handling) {
        return start(Member.MUNICIPALITY, database, Map.of(
                "spring.kafka.consumer.auto-offset-reset", "latest",
                "spring.kafka.consumer.isolation-level", "read-committed",
                "bronsein.catch-up.enabled", "false",
                "bronsein.inbox.auto-startup", Boolean.toString(handling)));
    }

    private BenchNode start(Member m, JdbcTarget database, Map<String, Object> overrides) {
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
        settings.put("spring.kafka.bootstrap-servers", bootstrapServers());
        if (!secured) {
            settings.put("bronsein.kafka.plaintext-for-development", "true");
        }
        JdbcTarget target = reachable(database);
        putDatabase(settings, target);
        settings.putAll(overrides);
        long start = System.nanoTime();
        BenchNode node;
        if (ownProcesses) {
            URI health = URI.create("http://127.0.0.1:" + staffPorts.get(m) + "/actuator/health");
            List<String> command = new ArrayList<>(List.of("-jar", NodeJars.of(m).toString()));
            command.addAll(Arrays.asList(arguments(settings)));
            node = new BenchNode.OwnJvm(OwnProcess.start("the " + m.stem() + " node",
                    OwnProcess.java(NODE_JVM_OPTIONS, command), log(m.stem()), () -> answers(health)),
                    target);
        } else {
            SpringApplicationBuilder builder = m == Member.GP ? GpNodeApplication.builder()
                    : MunicipalityNodeApplication.builder();
            ConfigurableApplicationContext context = builder.run(arguments(settings));
            node = new BenchNode.InJvm(context, (System.nanoTime() - start) / 1e9);
        }
        nodes.add(node);
        return node;
    }

    /**
     * The database as a node of this network is told to use it, so that the driver can open it too: beside a node's own
     * process, on H2 through the database's TCP server ({@link JdbcTarget#sharedWithOtherProcesses}).
     */
    JdbcTarget reachable(JdbcTarget database) {
        return ownProcesses ? database.sharedWithOtherProcesses() : database;
    }

    private static void putDatabase(Map<String, Object> settings, JdbcTarget target) {
        settings.put("spring.datasource.url", target.url());
        settings.put("spring.datasource.username", target.user());
        settings.put("spring.datasource.password", target.password());
        settings.put("spring.main.banner-mode", "off");
    }

    /** The node's own consumer group: the default the provisioning command grants it. */
    static String consumerGroup(Member m) {
        return new SubscriptionProperties(List.of(), null).groupOf(ParticipantId.of(m.urn));
    }

    /**
     * Once the node's listener has its partitions, as the broker sees its group: the node reads from the topic's end,
     * so what was published before that would never reach it (a case-opened run waited in vain for three referrals).
     */
    void awaitListening(Member m) throws InterruptedException {
        Map<String, Object> client = new LinkedHashMap<>(operatorClient());
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        try (Admin admin = Admin.create(client)) {
            while (true) {
                ConsumerGroupDescription group = admin.describeConsumerGroups(List.of(consumerGroup(m)))
                        .all().get(30, TimeUnit.SECONDS).get(consumerGroup(m));
                if (group.groupState() == GroupState.STABLE && group.members().stream()
                        .anyMatch(member -> !member.assignment().topicPartitions().isEmpty())) {
                    return;
                }
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("the " + m.stem() + " node's listener got no partitions ("
                            + group.groupState() + ")");
                }
                Thread.sleep(100);
            }
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException("cannot describe the " + m.stem() + " node's consumer group", e);
        }
    }

    private boolean answers(URI health) {
        try {
            return http.send(HttpRequest.newBuilder(health).timeout(Duration.ofSeconds(5)).GET().build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
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
    BenchNode startPeer(JdbcTarget database) {
        int port = freePort();
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("server.port", port);
        settings.put("bronsein.staff.issuer", DevStaffIssuer.ISSUER);
        settings.put("bronsein.staff.audience", Member.GP.urn);
        settings.put("bronsein.staff.public-key", "file:" + file("staff-issuer.pub"));
        operatorClient().forEach((key, value) -> settings.put(key.equals("bootstrap.servers")
                ? "spring.kafka.bootstrap-servers" : "spring.kafka.properties." + key, value));
        JdbcTarget target = reachable(database);
        putDatabase(settings, target);
        BenchNode peer;
        long start = System.nanoTime();
        if (ownProcesses) {
            List<String> command = new ArrayList<>(mainOfThisJar(PeerApplication.class));
            command.addAll(Arrays.asList(arguments(settings)));
            peer = new BenchNode.OwnJvm(OwnProcess.start("the Spring Modulith peer", OwnProcess.java(NODE_JVM_OPTIONS,
                    command), log("peer"), () -> listens(port)), target);
        } else {
            peer = new BenchNode.InJvm(PeerApplication.builder().run(arguments(settings)),
                    (System.nanoTime() - start) / 1e9);
        }
        nodes.add(peer);
        peerPorts.put(peer, port);
        return peer;
    }

    /** The peer's staff API with the GP's token: the same HIS, the same call. */
    StaffApi peerStaffApi(BenchNode peer) {
        return new StaffApi("http://127.0.0.1:" + peerPorts.get(peer), gpStaffToken());
    }

    /**
     * The arguments that run {@code main} of a class of this benchmark: from its executable jar through Spring Boot's
     * {@code PropertiesLauncher} ({@code java -jar benchmark.jar}), or from the class path (a build's classes).
     */
    private static List<String> mainOfThisJar(Class<?> main) {
        String classPath = System.getProperty("java.class.path", "");
        if (classPath.endsWith(".jar") && !classPath.contains(java.io.File.pathSeparator)) {
            return List.of("-cp", Path.of(classPath).toAbsolutePath().toString(), "-Dloader.main=" + main.getName(),
                    "org.springframework.boot.loader.launch.PropertiesLauncher");
        }
        return List.of("-cp", classPath, main.getName());
    }

    /** Spring Boot opens the port once the application has started. */
    private static boolean listens(int port) {
        try (java.net.Socket socket = new java.net.Socket()) {
            socket.connect(new java.net.InetSocketAddress("127.0.0.1", port), 1000);
            return true;
        } catch (IOException e) {
            return false;
        }
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

    /**
     * Where a process of the run writes its output: beside the benchmark's own log ({@code infra/benchmark/target}),
     * which outlives the run's temporary directory, e.g. {@code benchmark-postgres-network-gp.log}.
     */
    private Path log(String stem) {
        String benchmarkLog = System.getProperty("bronsein.benchmark.log");
        Path logs = benchmarkLog == null ? dir : Path.of(benchmarkLog).toAbsolutePath().getParent();
        String run = (dir.getParent() == null ? "" : dir.getParent().getFileName() + "-") + dir.getFileName();
        return logs.resolve("benchmark-" + run + "-" + stem + ".log");
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
    void stop(BenchNode node) {
        nodes.remove(node);
        peerPorts.remove(node);
        node.close();
    }

    @Override
    public void close() {
        for (int i = nodes.size() - 1; i >= 0; i--) {
            nodes.get(i).close();
        }
        nodes.clear();
        if (localBroker != null) {
            localBroker.close();
        } else {
            brokerProcess.close();
        }
    }
}

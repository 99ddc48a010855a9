package nl.bronsein.network;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import nl.bronsein.devpki.DevCertificateAuthority;
import nl.bronsein.devpki.DevStaffIssuer;
import nl.bronsein.devpki.NodeCertificateRequest;
import nl.bronsein.devpki.NodeCredentials;
import nl.bronsein.devpki.PemFiles;
import nl.bronsein.gp.GpNodeApplication;
import nl.bronsein.kafkabroker.BrokerSecurity;
import nl.bronsein.kafkabroker.LocalKafkaBroker;
import nl.bronsein.municipality.MunicipalityNodeApplication;
import nl.bronsein.provider.ProviderNodeApplication;
import nl.bronsein.provisioning.ProvisionMain;
import nl.bronsein.staffclient.ContactPointsApi;
import nl.bronsein.staffclient.StaffClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A real network in one test JVM: a KRaft broker from Kafka's own jars on a real port, a dev CA with a certificate per
 * participant, a participant list, and the GP, municipality and provider nodes as separate Spring applications, each on its own
 * network (mutual TLS) and staff port, talking to each other over real HTTPS.
 */
final class TestNetwork implements AutoCloseable {

    static final JsonMapper JSON = JsonMapper.builder().build();

    /** A staff client's token lives as long as the longest test class runs on one network, with room to spare. */
    private static final Duration STAFF_CLIENT_TOKEN_LIFETIME = Duration.ofHours(4);

    /** The test network's operator: a super user of the secured broker, READ on every bronsein. topic. */
    static final String OPERATOR = "urn:nld:kvk:99990000";
    private static final String BROKER_OIN = "00000009999999999999";

    final Path dir;
    final LocalKafkaBroker broker;
    final DevCertificateAuthority ca;
    final Map<Participants, NodeCredentials> credentials = new EnumMap<>(Participants.class);
    final Map<Participants, Integer> networkPorts = new EnumMap<>(Participants.class);
    final Map<Participants, Integer> staffPorts = new EnumMap<>(Participants.class);
    final Path participantList;
    final DevStaffIssuer staffIssuer;
    private final Map<Participants, String> databases = new EnumMap<>(Participants.class);
    ConfigurableApplicationContext gp;
    ConfigurableApplicationContext municipality;
    ConfigurableApplicationContext provider;
    private final HttpClient staffHttp = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final Map<Participants, StaffClient> staffClients = new EnumMap<>(Participants.class);
    /** The nodes' logs, access logs and the topics, for the suite's privacy scan. */
    final SuiteLogs suiteLogs = SuiteLogs.forNewNetwork();

    /**
     * A network on a {@link LocalKafkaBroker#secured secured} broker — mutual TLS only, ACLs, the operator
     * {@link #OPERATOR} a super user — provisioned from the participant list by infra/provisioning's command, as a real
     * network's is; the nodes connect with their own SSL bundle. Every test runs on it: what a test shows of delivery it
     * shows with the broker enforcing who may read and write (issue 16).
     */
    TestNetwork() throws IOException {
        dir = Files.createTempDirectory("bronsein-network");
        ca = DevCertificateAuthority.generate("Bronsein test CA");
        ca.writeTo(dir.resolve("ca.crt"), dir.resolve("ca.key"));
        // Picked together, so that no two of them are the same: picked one by one, a port nothing listened on yet could
        // be handed out twice, and the node started last failed to bind (CI, OperationsTest, 2026-12-06).
        int[] ports = freePorts(2 * Participants.values().length);
        int next = 0;
        for (Participants p : Participants.values()) {
            NodeCredentials issued = ca.issue(NodeCertificateRequest.of(p.organisation, p.number()));
            issued.writePem(dir.resolve(p.stem + ".crt"), dir.resolve(p.stem + ".key"));
            credentials.put(p, issued);
            networkPorts.put(p, ports[next++]);
            staffPorts.put(p, ports[next++]);
        }
        staffIssuer = DevStaffIssuer.generate();
        staffIssuer.writeTo(dir.resolve("staff-issuer.pub"), dir.resolve("staff-issuer.key"));
        participantList = dir.resolve("participants.json");
        writeParticipantList();
        ca.issue(NodeCertificateRequest.of("Bronsein testbeheer", OPERATOR.substring(OPERATOR.lastIndexOf(':') + 1)))
                .writePem(dir.resolve("operator.crt"), dir.resolve("operator.key"));
        broker = newBroker(dir.resolve("kafka"));
    }

    TestNetwork startNodes() {
        gp = startGp();
        municipality = startMunicipality();
        provider = startProvider();
        return this;
    }

    ConfigurableApplicationContext startProvider() {
        return start(ProviderNodeApplication.builder(), Participants.PROVIDER);
    }

    ConfigurableApplicationContext startGp() {
        return start(GpNodeApplication.builder(), Participants.GP);
    }

    ConfigurableApplicationContext startMunicipality() {
        return startMunicipality(Map.of());
    }

    ConfigurableApplicationContext startMunicipality(Map<String, Object> overrides) {
        return start(MunicipalityNodeApplication.builder(), Participants.MUNICIPALITY, overrides);
    }

    /**
     * Starts the GP node again on its own database, against another broker (e.g. a fresh one a recorded stream was
     * published into), with extra settings.
     */
    ConfigurableApplicationContext restartGp(String bootstrapServers, Map<String, Object> overrides) {
        if (gp != null) {
            gp.close();
            assertNoRelayProducerLeftOf(Participants.GP);
        }
        Map<String, Object> settings = new HashMap<>(overrides);
        settings.put("spring.kafka.bootstrap-servers", bootstrapServers);
        gp = start(GpNodeApplication.builder(), Participants.GP, settings);
        return gp;
    }

    /** A closed node must not leave its relay's Kafka producer behind, reconnecting for as long as the JVM lives. */
    private static void assertNoRelayProducerLeftOf(Participants participant) {
        String thread = "kafka-producer-network-thread | producer-bronsein-relay-" + participant.urn;
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (Thread.getAllStackTraces().keySet().stream().anyMatch(t -> t.getName().startsWith(thread))) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the closed " + participant + " node left its relay's producer running: " + thread);
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted", e);
            }
        }
    }

    /**
     * A new, empty database for a node: an H2 in-memory database (the embedded default), or — when the suite runs
     * with {@code -Dbronsein.test.database=postgres} — a database of its own on the
     * suite's one real PostgreSQL, started from Maven ({@link SharedPostgres}).
     */
    private String newDatabase(Participants p) {
        if (!onPostgres()) {
            return "jdbc:h2:mem:" + p.stem + "-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";
        }
        return SharedPostgres.newDatabase(p.stem);
    }

    private String databaseUser() {
        return onPostgres() ? "postgres" : "bronsein";
    }

    /** Which database the nodes run on in this run of the suite. */
    static boolean onPostgres() {
        return "postgres".equals(System.getProperty("bronsein.test.database"));
    }

    /** A node's database, reachable while the node is stopped. */
    JdbcClient database(Participants p) {
        return JdbcClient.create(new DriverManagerDataSource(databases.get(p), databaseUser(), ""));
    }

    private ConfigurableApplicationContext start(SpringApplicationBuilder builder, Participants p) {
        return start(builder, p, Map.of());
    }

    private ConfigurableApplicationContext start(SpringApplicationBuilder builder, Participants p, Map<String, Object> overrides) {
        Map<String, Object> properties = new HashMap<>();
        properties.put("bronsein.node.participant-id", p.urn);
        properties.put("bronsein.node.participant-list", "file:" + participantList);
        properties.put("spring.ssl.bundle.pem.network.keystore.certificate", "file:" + dir.resolve(p.stem + ".crt"));
        properties.put("spring.ssl.bundle.pem.network.keystore.private-key", "file:" + dir.resolve(p.stem + ".key"));
        properties.put("spring.ssl.bundle.pem.network.truststore.certificate", "file:" + dir.resolve("ca.crt"));
        properties.put("server.port", networkPorts.get(p));
        properties.put("bronsein.staff-api.port", staffPorts.get(p));
        properties.put("bronsein.staff.issuer", DevStaffIssuer.ISSUER);
        properties.put("bronsein.staff.audience", p.urn);
        properties.put("bronsein.staff.public-key", "file:" + dir.resolve("staff-issuer.pub"));
        properties.put("spring.kafka.bootstrap-servers", broker.bootstrapServers());
        // kept per participant, so a node started again finds its registration (DB_CLOSE_DELAY keeps it in memory)
        properties.put("spring.datasource.url", databases.computeIfAbsent(p, this::newDatabase));
        properties.put("spring.datasource.username", databaseUser());
        properties.put("spring.datasource.password", "");
        properties.put("bronsein.relay.interval", "200ms");
        properties.put("bronsein.relay.retry-delay", "300ms");
        properties.put("bronsein.inbox.interval", "200ms");
        properties.put("bronsein.inbox.retry-delay", "200ms");
        properties.put("bronsein.inbox.max-retry-delay", "2s");
        properties.put("bronsein.catch-up.check-interval", "200ms");
        properties.put("bronsein.catch-up.grace", "500ms");
        properties.put("logging.level.nl.bronsein", "DEBUG");
        properties.putAll(suiteLogs.nodeProperties(p));
        properties.putAll(overrides);
        // As command-line arguments: they outrank the node's own defaults, as an operator's settings do.
        return builder.run(properties.entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue()).toArray(String[]::new));
    }

    private void writeParticipantList() throws IOException {
        List<Map<String, String>> entries = new ArrayList<>();
        for (Participants p : Participants.values()) {
            entries.add(Map.of("id", p.urn, "role", p.role, "name", p.organisation,
                    "nodeUrl", "https://localhost:" + networkPorts.get(p),
                    "certificateSha256", credentials.get(p).sha256Fingerprint()));
        }
        Files.writeString(participantList, JSON.writeValueAsString(Map.of("participants", entries)));
    }

    // --- staff API ----------------------------------------------------------------------------------------------

    HttpResponse<String> staffPost(Participants node, String path, String json) {
        return send(staffHttp, HttpRequest.newBuilder(staffUri(node, path)).header("Authorization", "Bearer " + staffToken(node))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json)).build());
    }

    HttpResponse<String> staffPut(Participants node, String path, String json) {
        return send(staffHttp, HttpRequest.newBuilder(staffUri(node, path)).header("Authorization", "Bearer " + staffToken(node))
                .header("Content-Type", "application/json").PUT(HttpRequest.BodyPublishers.ofString(json)).build());
    }

    HttpResponse<String> staffGet(Participants node, String path) {
        return send(staffHttp, HttpRequest.newBuilder(staffUri(node, path)).header("Authorization", "Bearer " + staffToken(node))
                .GET().build());
    }

    /** A staff call with a given token (or none), for the access tests. */
    HttpResponse<String> staffRequest(Participants node, String method, String path, String json, String token) {
        HttpRequest.Builder request = HttpRequest.newBuilder(staffUri(node, path)).header("Content-Type", "application/json")
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return send(staffHttp, request.build());
    }

    /** A token of the development issuer for a member of a node's staff with these roles. */
    String staffToken(Participants node, String... roles) {
        return staffIssuer.token("staff-" + node.stem, node.urn, List.of(roles), Duration.ofMinutes(30));
    }

    /**
     * The token the suite's staff calls use: every task of that kind of node, its functional administration and its
     * privacy officer, as the local network's development tokens.
     */
    String staffToken(Participants node) {
        return staffToken(node, staffRoles(node).toArray(String[]::new));
    }

    private static List<String> staffRoles(Participants node) {
        return switch (node) {
            case GP -> List.of("GP", "PRACTICE_ASSISTANT", "NODE_ADMIN", "PRIVACY_OFFICER");
            case MUNICIPALITY, OTHER_MUNICIPALITY -> List.of("INTAKE_OFFICER", "WIJKTEAM_MEMBER", "NODE_ADMIN",
                    "CATALOGUE_EDITOR", "PRIVACY_OFFICER");
            case PROVIDER -> List.of("PROVIDER_PLANNER", "NODE_ADMIN", "PRIVACY_OFFICER");
        };
    }

    JsonNode staffGetJson(Participants node, String path) {
        HttpResponse<String> response = staffGet(node, path);
        if (response.statusCode() != 200) {
            throw new IllegalStateException(path + " answered " + response.statusCode() + ": " + response.body());
        }
        return JSON.readTree(response.body());
    }

    private URI staffUri(Participants node, String path) {
        return URI.create("http://127.0.0.1:" + staffPorts.get(node) + path);
    }

    /**
     * A node's staff API through the staff client, with the suite's token for that node ({@link #staffToken(Participants)}),
     * made once per node and valid for as long as a network lives.
     */
    StaffClient staff(Participants node) {
        return staffClients.computeIfAbsent(node, n -> StaffClient.connect(staffUri(n, ""),
                staffIssuer.token("staff-" + n.stem, n.urn, staffRoles(n), STAFF_CLIENT_TOKEN_LIFETIME)));
    }

    /** Publishes a function-level contact point at a node and returns its id. */
    String publishContactPoint(Participants node, String name, String phone) {
        return staff(node).contactPoints().publish(new ContactPointsApi.ContactPointForm(name, phone, null)).id();
    }

    // --- network API, as some participant ------------------------------------------------------------------

    /** An HTTPS client presenting the given credentials and trusting the test CA. */
    HttpClient networkClient(NodeCredentials as) {
        try {
            KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            keys.init(as.toKeyStore("changeit".toCharArray()), "changeit".toCharArray());
            KeyStore trust = KeyStore.getInstance("PKCS12");
            trust.load(null, null);
            trust.setCertificateEntry("ca", ca.certificate());
            TrustManagerFactory trustManagers = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trustManagers.init(trust);
            SSLContext tls = SSLContext.getInstance("TLS");
            tls.init(keys.getKeyManagers(), trustManagers.getTrustManagers(), null);
            return HttpClient.newBuilder().sslContext(tls).connectTimeout(Duration.ofSeconds(5)).build();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    HttpResponse<String> pull(NodeCredentials as, Participants owner, String objectType, String objectId, String purpose) {
        return send(networkClient(as), HttpRequest.newBuilder(pullUri(owner, objectType, objectId, purpose)).GET().build());
    }

    /** A pull presenting {@code basis}, the object the caller's access rests on at another owner. */
    HttpResponse<String> pull(NodeCredentials as, Participants owner, String objectType, String objectId, String purpose,
                              String basis) {
        return send(networkClient(as), HttpRequest.newBuilder(pullUri(owner, objectType, objectId, purpose))
                .header("Bronsein-Basis", basis).GET().build());
    }

    /** An object's pull URL at its owner's node, as the participant list gives it: what a pull presents as its basis. */
    String pullUrl(Participants owner, String objectType, String objectId) {
        return "https://localhost:" + networkPorts.get(owner) + "/network/v1/objects/" + objectType + "/" + objectId;
    }

    private URI pullUri(Participants owner, String objectType, String objectId, String purpose) {
        return URI.create(pullUrl(owner, objectType, objectId) + (purpose == null ? "" : "?purpose=" + purpose));
    }

    static HttpResponse<String> send(HttpClient client, HttpRequest request) {
        try {
            return client.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    // --- the broker -------------------------------------------------------------------------------------------

    /** Everything on a topic, read with a fresh consumer from the beginning. */
    List<ConsumerRecord<String, byte[]>> records(String topic) {
        // on a secured broker as the operator, a super user (its groups need no ACL)
        Map<String, Object> config = new HashMap<>(operatorClient());
        config.put(ConsumerConfig.GROUP_ID_CONFIG, "test-reader-" + UUID.randomUUID());
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"); // what the network sees: committed relays
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(10)).stream()
                    .map(info -> new TopicPartition(topic, info.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
            long deadline = System.currentTimeMillis() + 15_000;
            while (partitions.stream().anyMatch(tp -> consumer.position(tp) < end.get(tp))) {
                if (System.currentTimeMillis() > deadline) {
                    throw new IllegalStateException("could not read " + topic + " to its end");
                }
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
            return records;
        }
    }

    java.util.Set<String> topics() {
        try (org.apache.kafka.clients.admin.Admin admin = org.apache.kafka.clients.admin.Admin.create(operatorClient())) {
            return admin.listTopics(new org.apache.kafka.clients.admin.ListTopicsOptions().listInternal(true)).names().get();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** A port nothing listens on, as {@link #freePorts} picks them. */
    static int freePort() {
        return freePorts(1)[0];
    }

    /**
     * Distinct ports nothing listens on, below Linux's ephemeral range (32768–60999): a port the kernel hands out with
     * bind(0) can be taken as the local end of one of the thousands of outgoing connections a suite makes (clients, the
     * broker, pulls) before the node gets to bind it. Each probe stays bound until all are picked, so none repeats.
     */
    static int[] freePorts(int count) {
        List<ServerSocket> held = new ArrayList<>();
        try {
            int[] ports = new int[count];
            for (int i = 0, attempts = 0; i < count; attempts++) {
                if (attempts > 1_000) {
                    throw new IllegalStateException("no " + count + " free ports between 20000 and 32767");
                }
                int port = java.util.concurrent.ThreadLocalRandom.current().nextInt(20_000, 32_768);
                ServerSocket socket = new ServerSocket();
                socket.setReuseAddress(false);
                try {
                    socket.bind(new java.net.InetSocketAddress(port));
                } catch (IOException taken) {
                    socket.close();
                    continue;
                }
                held.add(socket);
                ports[i++] = port;
            }
            return ports;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            for (ServerSocket socket : held) {
                try {
                    socket.close();
                } catch (IOException ignored) {
                    // a probe that will not close is no reason to fail the network
                }
            }
        }
    }

    /**
     * A started secured broker of this network's CA, provisioned from its participant list: the network's own, or a
     * tester's second cluster (a recorded stream published into a fresh broker).
     */
    LocalKafkaBroker newBroker(Path dataDir) {
        NodeCredentials brokerIdentity = ca.issue(NodeCertificateRequest.of("Bronsein netwerkbeheer", BROKER_OIN));
        LocalKafkaBroker started = LocalKafkaBroker.secured(dataDir, 0, new BrokerSecurity(
                PemFiles.toPem(brokerIdentity.chain()), PemFiles.toPem(brokerIdentity.privateKey()),
                PemFiles.toPem(ca.certificate()), Set.of(OPERATOR)));
        started.start();
        provision(started.bootstrapServers());
        return started;
    }

    /** Runs the provisioning command over the participant list, as the operator; fails when it does not succeed. */
    private void provision(String bootstrapServers) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int exit = ProvisionMain.run(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(out, true, StandardCharsets.UTF_8), "--bootstrap-server", bootstrapServers,
                "--participant-list", participantList.toString(), "--tls-certificate", dir.resolve("operator.crt").toString(),
                "--tls-key", dir.resolve("operator.key").toString(), "--tls-ca", dir.resolve("ca.crt").toString(),
                "--operator", OPERATOR);
        if (exit != 0) {
            throw new IllegalStateException("provisioning failed (" + exit + "): " + out.toString(StandardCharsets.UTF_8));
        }
    }

    /** Kafka client settings of the operator on the secured broker (a super user). */
    Map<String, Object> operatorClient() {
        return client("operator");
    }

    /**
     * Kafka client settings of a participant, with its own certificate: what that participant's software may do on the
     * broker — the realistic author of a forged record.
     */
    Map<String, Object> clientOf(Participants participant) {
        return client(participant.stem);
    }

    private Map<String, Object> client(String stem) {
        Map<String, Object> client = new HashMap<>(BrokerSecurity.clientSslProperties(
                readString(dir.resolve(stem + ".crt")), readString(dir.resolve(stem + ".key")),
                readString(dir.resolve("ca.crt"))));
        client.put("bootstrap.servers", broker.bootstrapServers());
        return client;
    }

    /** The replay tool's connection to a broker of this network, as the operator. */
    String[] replayConnection(String bootstrapServers) {
        return new String[] {"--bootstrap-server", bootstrapServers, "--tls-certificate",
                dir.resolve("operator.crt").toString(), "--tls-key", dir.resolve("operator.key").toString(),
                "--tls-ca", dir.resolve("ca.crt").toString()};
    }

    private static String readString(Path file) {
        try {
            return Files.readString(file, StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Stops the nodes at once, then the broker: one after the other, each node's stop waited about half a second for its
     * listener's last poll, a second of every test class. (Starting them at once saved nothing on two cores: a start is
     * CPU, and three at once took as long as three in turn.)
     */
    @Override
    public void close() {
        List<Thread> stopping = new ArrayList<>();
        for (ConfigurableApplicationContext node : new ConfigurableApplicationContext[] {gp, municipality, provider}) {
            if (node != null) {
                Thread stop = new Thread(node::close, "stopping " + node.getId());
                stop.start();
                stopping.add(stop);
            }
        }
        for (Thread stop : stopping) {
            try {
                stop.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while the nodes stopped", e);
            }
        }
        suiteLogs.dumpTopics(broker, operatorClient());
        broker.close();
        if (onPostgres()) {
            databases.values().forEach(SharedPostgres::drop);
        }
    }
}

package nl.bronsein.localnetwork;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import nl.bronsein.kafkabroker.LocalKafkaBroker;
import nl.bronsein.localnetwork.Participants.Participant;
import nl.bronsein.staffclient.StaffClient;

/**
 * The local network as the launcher lays it out — dev PKI, participant list, staff tokens, one OS process per node from
 * its executable jar — with every part within reach of a fault: the broker runs in this JVM so it can be stopped and
 * started on its port, a node process can be killed with SIGKILL, and on PostgreSQL (the production database) a node's
 * database can refuse it for a while. On H2 each node keeps its embedded default database, opened with the node's own
 * default URL, as the launcher runs it.
 */
final class ChaosNetwork implements AutoCloseable {

    enum Database {
        POSTGRES,
        /** Each node's embedded file database; this JVM can open one only while its node is stopped. */
        H2
    }

    /** Node settings that make recovery visible within a test's patience; production keeps the defaults. */
    private static final List<String> QUICK_RECOVERY = List.of(
            "--bronsein.relay.interval=200ms", "--bronsein.relay.retry-delay=300ms",
            "--bronsein.inbox.interval=100ms", "--bronsein.inbox.retry-delay=200ms", "--bronsein.inbox.max-retry-delay=2s",
            "--bronsein.catch-up.check-interval=500ms", "--bronsein.catch-up.grace=2s",
            // a refused connection must fail a request within seconds, not hold it for Hikari's default 30 s
            "--spring.datasource.hikari.connection-timeout=2000");

    /** As long as a staff call may take while a node struggles: longer would only slow the driver's retries. */
    private static final Duration STAFF_CALL_TIMEOUT = Duration.ofSeconds(20);

    private final Path dataDir;
    private final NetworkFiles files;
    private final NetworkOptions options;
    private final Path nodesDir;
    private final Database database;
    private final EmbeddedPostgres postgres;
    private final LocalKafkaBroker broker;
    private final Map<Participant, NodeProcess> nodes = new LinkedHashMap<>();
    private final Map<Participant, String> tokens = new LinkedHashMap<>();
    private final Map<Participant, StaffClient> staffClients = new LinkedHashMap<>();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    ChaosNetwork(Path dataDir, Path nodesDir, List<String> nodeSettings) throws IOException {
        this(Database.POSTGRES, dataDir, nodesDir, nodeSettings);
    }

    ChaosNetwork(Database database, Path dataDir, Path nodesDir, List<String> nodeSettings) throws IOException {
        this.database = database;
        this.dataDir = dataDir;
        this.nodesDir = nodesDir;
        int[] ports = LocalNetworkFailureTest.freePorts(8);
        // no identity provider runs here: the nodes verify the launcher's development tokens with its public key
        options = new NetworkOptions(dataDir, ports[0], ports[7], ports[1], ports[2], ports[3], ports[4], ports[5],
                ports[6], nodesDir, Duration.ofSeconds(180));
        files = new NetworkFiles(dataDir);
        files.prepare(options, new PrintStream(PrintStream.nullOutputStream()));
        for (Participant participant : Participants.ALL) {
            tokens.put(participant, Files.readString(files.staffToken(participant)).strip());
            staffClients.put(participant, StaffClient.connect(URI.create("http://127.0.0.1:"
                    + options.staffPort(participant)), tokens.get(participant), STAFF_CALL_TIMEOUT));
        }
        postgres = database == Database.POSTGRES ? EmbeddedPostgres.builder().start() : null;
        for (Participant participant : postgres == null ? List.<Participant>of() : Participants.ALL) {
            sql(null, "create database " + participant.stem());
        }
        // the secured broker, provisioned from the participant list, as the launcher runs it
        broker = LocalKafkaBroker.secured(files.kafkaDir(), options.kafkaPort(), new nl.bronsein.kafkabroker.BrokerSecurity(
                read(files.certificate(NetworkFiles.BROKER)), read(files.privateKey(NetworkFiles.BROKER)),
                read(files.caCertificate()), java.util.Set.of(NetworkFiles.operatorId())));
        broker.start();
        int provisioned = nl.bronsein.provisioning.ProvisionMain.run(new PrintStream(PrintStream.nullOutputStream()),
                System.err, "--bootstrap-server", broker.bootstrapServers(), "--participant-list",
                files.participantList().toString(), "--tls-certificate", files.certificate(NetworkFiles.OPERATOR).toString(),
                "--tls-key", files.privateKey(NetworkFiles.OPERATOR).toString(), "--tls-ca", files.caCertificate().toString());
        if (provisioned != 0) {
            throw new IllegalStateException("provisioning the chaos broker failed with " + provisioned);
        }
        for (Participant participant : Participants.ALL) {
            List<String> command = new ArrayList<>(NodeProcess.command(participant, files, options, nodesDir,
                    broker.bootstrapServers()));
            command.add(1, "-Xmx512m");
            if (postgres != null) {
                command.add("--spring.datasource.url=" + jdbcUrl(participant));
                command.add("--spring.datasource.username=postgres");
                command.add("--spring.datasource.password=");
            }
            command.addAll(QUICK_RECOVERY);
            // every request's line, for the privacy scan: no personal data may be in a URL either
            command.add("--server.tomcat.accesslog.enabled=true");
            command.add("--server.tomcat.accesslog.directory=" + files.logsDir().toAbsolutePath());
            command.add("--server.tomcat.accesslog.prefix=" + participant.stem() + "-access");
            command.addAll(nodeSettings);
            nodes.put(participant, new NodeProcess(participant, command, files.nodeDataDir(participant),
                    files.log(participant), URI.create("http://127.0.0.1:" + options.staffPort(participant)
                    + "/actuator/health")));
        }
    }

    /** Starts every node and waits until all are healthy. */
    void start(Duration timeout) {
        nodes.values().forEach(NodeProcess::start);
        for (Participant participant : Participants.ALL) {
            awaitHealthy(participant, timeout);
        }
    }

    void awaitHealthy(Participant participant, Duration timeout) {
        NodeProcess node = nodes.get(participant);
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!node.ready(http)) {
            if (!node.process().isAlive()) {
                throw new IllegalStateException("the " + participant.label() + " exited: " + node.logTail(40));
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the " + participant.label() + " is not healthy after " + timeout
                        + ": " + node.logTail(40));
            }
            sleep(Duration.ofMillis(300));
        }
    }

    /** {@code kill -9}: no shutdown hook, no graceful stop, whatever the node was doing. */
    void killHard(Participant participant) throws IOException, InterruptedException {
        Process process = nodes.get(participant).process();
        Process kill = new ProcessBuilder("kill", "-9", Long.toString(process.pid())).inheritIO().start();
        if (kill.waitFor() != 0) {
            throw new IllegalStateException("kill -9 " + process.pid() + " failed");
        }
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            throw new IllegalStateException("the " + participant.label() + " survived kill -9");
        }
    }

    void startNode(Participant participant) {
        nodes.get(participant).start();
    }

    /** Stops every node as the launcher does (SIGTERM, then waits), so that their H2 files can be opened here. */
    void stopNodes() {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        nodes.values().forEach(NodeProcess::requestStop);
        nodes.forEach((participant, node) -> {
            try {
                if (!node.awaitStop(deadline)) {
                    throw new IllegalStateException("the " + participant.label() + " did not stop on SIGTERM: "
                            + node.logTail(30));
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        });
    }

    /**
     * Rows of the node's outbox not yet on Kafka, as its health endpoint reports them (no database needed): to an
     * operator only (the development token has NODE_ADMIN); a stranger sees the status alone.
     */
    long outboxBacklog(Participant participant) throws IOException, InterruptedException {
        HttpResponse<String> health = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                + options.staffPort(participant) + "/actuator/health")).timeout(Duration.ofSeconds(5))
                        .header("Authorization", "Bearer " + tokens.get(participant)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        tools.jackson.databind.JsonNode backlog = new tools.jackson.databind.ObjectMapper().readTree(health.body())
                .path("components").path("outbox").path("details").path("backlog");
        if (!backlog.isNumber()) {
            throw new IllegalStateException("no outbox backlog in the health of the " + participant.label() + ": "
                    + health.body());
        }
        return backlog.asLong();
    }

    Database database() {
        return database;
    }
    /** Kafka client settings of the operator, a super user of the broker: what the checks read the topics with. */
    Map<String, Object> operatorClient() {
        Map<String, Object> client = new java.util.HashMap<>(nl.bronsein.kafkabroker.BrokerSecurity.clientSslProperties(
                read(files.certificate(NetworkFiles.OPERATOR)), read(files.privateKey(NetworkFiles.OPERATOR)),
                read(files.caCertificate())));
        client.put("bootstrap.servers", broker.bootstrapServers());
        return client;
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, java.nio.charset.StandardCharsets.US_ASCII);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    LocalKafkaBroker broker() {
        return broker;
    }

    /**
     * The node's database refuses it: new connections are not allowed and its open ones are terminated, as when the
     * network between node and database fails.
     */
    void cutDatabase(Participant participant) {
        if (postgres == null) {
            throw new UnsupportedOperationException("an embedded H2 database has no connection to cut");
        }
        sql(null, "alter database " + participant.stem() + " with allow_connections false");
        sql(null, "select pg_terminate_backend(pid) from pg_stat_activity where datname = '" + participant.stem() + "'");
    }

    void restoreDatabase(Participant participant) {
        sql(null, "alter database " + participant.stem() + " with allow_connections true");
    }

    /** A connection to a node's own database, for the checks; on H2 only while the node is stopped. */
    Connection database(Participant participant) throws SQLException {
        if (postgres == null) {
            return DriverManager.getConnection("jdbc:h2:file:" + files.nodeDataDir(participant).toAbsolutePath()
                    + "/registration;IFEXISTS=TRUE", "bronsein", "");
        }
        return DriverManager.getConnection(jdbcUrl(participant), "postgres", "");
    }

    private String jdbcUrl(Participant participant) {
        return postgres.getJdbcUrl("postgres", participant.stem());
    }

    private void sql(Participant participant, String statement) {
        String url = participant == null ? postgres.getJdbcUrl("postgres", "postgres") : jdbcUrl(participant);
        try (Connection connection = DriverManager.getConnection(url, "postgres", "");
             Statement sql = connection.createStatement()) {
            sql.execute(statement);
        } catch (SQLException e) {
            throw new IllegalStateException(statement + ": " + e.getMessage(), e);
        }
    }

    // --- staff API -------------------------------------------------------------------------------------------------

    /** The node's staff API as its organisation's own systems call it, with the node's development staff token. */
    StaffClient staff(Participant participant) {
        return staffClients.get(participant);
    }

    /** Every file the network wrote that a privacy scan must read: node logs, access logs, the broker's log. */
    List<Path> logFiles() throws IOException {
        try (var walk = Files.walk(files.logsDir())) {
            return walk.filter(Files::isRegularFile).toList();
        }
    }

    Path dataDir() {
        return dataDir;
    }

    Path nodesDir() {
        return nodesDir;
    }

    /** The last lines each node wrote since its last start, to explain a failure. */
    Map<Participant, String> logTails() {
        Map<Participant, String> tails = new LinkedHashMap<>();
        nodes.forEach((participant, node) -> tails.put(participant, String.join("\n", node.logTail(30))));
        return tails;
    }

    static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        nodes.values().forEach(NodeProcess::requestStop);
        for (NodeProcess node : nodes.values()) {
            try {
                node.awaitStop(deadline);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        broker.close();
        if (postgres == null) {
            return;
        }
        try {
            postgres.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

package nl.bronsein.kafkabroker;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.properties.MetaPropertiesEnsemble;
import org.apache.kafka.metadata.storage.Formatter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real, single-node Apache Kafka broker in KRaft mode (one process acting as both broker and controller), run inside
 * the current JVM from Kafka's own server classes, listening on a real TCP port on 127.0.0.1.
 *
 * <p>All state (cluster id, metadata log, topic data, committed consumer-group offsets) lives under {@code dataDir},
 * so the broker can be {@link #stop() stopped} and {@link #start() started} again, also by a new instance on the same
 * directory, and keeps its topics, records and offsets. Both the client port and the controller port are chosen once,
 * when the object is made, and reused by every restart of this object.
 *
 * <p>Fatal errors inside Kafka (for example a metadata-log corruption or the loss of the only log directory) are handled
 * by Kafka itself, which halts the JVM, exactly as a stand-alone broker would.
 */
public final class LocalKafkaBroker implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(LocalKafkaBroker.class);

    /** Listener name of the client (and inter-broker) listener of a plaintext broker. */
    public static final String CLIENT_LISTENER = "PLAINTEXT";
    /** Listener name of the client (and inter-broker) listener of a {@link #secured secured} broker. */
    public static final String SECURED_CLIENT_LISTENER = "SSL";
    /** Listener name of the KRaft controller listener. */
    public static final String CONTROLLER_LISTENER = "CONTROLLER";
    /** The node id of the single broker/controller. */
    public static final int NODE_ID = 1;

    private static final String HOST = "127.0.0.1";
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(60);

    private final Path dataDir;
    private final Path logDir;
    private final int port;
    private final int controllerPort;
    private final Map<String, String> configOverrides;
    /** Null for the plaintext broker. */
    private final BrokerSecurity security;

    private KafkaRaftServer server;
    private volatile boolean running;

    /**
     * @param dataDir where the cluster id and all logs live (created if missing)
     * @param port    the client port on 127.0.0.1; 0 = pick a free port now and keep it for restarts
     */
    public LocalKafkaBroker(Path dataDir, int port) {
        this(dataDir, port, Map.of());
    }

    /**
     * @param dataDir         where the cluster id and all logs live (created if missing)
     * @param port            the client port on 127.0.0.1; 0 = pick a free port now and keep it for restarts
     * @param configOverrides Kafka broker properties applied last, on top of this class's defaults (see
     *                        {@link #brokerProperties()}); meant for tuning, not for changing the listeners, the
     *                        quorum or the node id, which this class relies on
     */
    public LocalKafkaBroker(Path dataDir, int port, Map<String, String> configOverrides) {
        this(dataDir, port, configOverrides, null);
    }

    /**
     * A broker whose client and controller listeners are mutual TLS only, with the participant of each client
     * certificate as the Kafka principal ({@link ParticipantPrincipalBuilder}), KRaft's {@code StandardAuthorizer}
     * and {@code allow.everyone.if.no.acl.found=false}: a participant can do nothing until an ACL allows it, except
     * the broker itself and {@link BrokerSecurity#superUsers() the super users}.
     *
     * @param dataDir  where the cluster id and all logs live (created if missing)
     * @param port     the client port on 127.0.0.1; 0 = pick a free port now and keep it for restarts
     * @param security the broker's TLS identity, trusted CAs and super users
     */
    public static LocalKafkaBroker secured(Path dataDir, int port, BrokerSecurity security) {
        return secured(dataDir, port, security, Map.of());
    }

    /** As {@link #secured(Path, int, BrokerSecurity)}, with tuning overrides as in the plaintext constructor. */
    public static LocalKafkaBroker secured(Path dataDir, int port, BrokerSecurity security,
                                           Map<String, String> configOverrides) {
        return new LocalKafkaBroker(dataDir, port, configOverrides, Objects.requireNonNull(security, "security"));
    }

    private LocalKafkaBroker(Path dataDir, int port, Map<String, String> configOverrides, BrokerSecurity security) {
        Objects.requireNonNull(dataDir, "dataDir");
        Objects.requireNonNull(configOverrides, "configOverrides");
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be between 0 and 65535, was " + port);
        }
        this.dataDir = dataDir.toAbsolutePath().normalize();
        this.logDir = this.dataDir.resolve("logs");
        this.configOverrides = Map.copyOf(configOverrides);
        this.security = security;
        int[] ports = choosePorts(port);
        this.port = ports[0];
        this.controllerPort = ports[1];
    }

    /**
     * Formats the storage the first time (a new cluster id is stored in the data directory's {@code meta.properties}),
     * starts the broker and returns only once a client can connect. Does nothing if already running.
     *
     * @throws IllegalStateException if the broker cannot be started (the broker is then not running)
     */
    public synchronized void start() {
        if (running) {
            return;
        }
        long begin = System.nanoTime();
        // Fail fast with a clear message; Kafka itself only notices after the controller has started.
        requirePortFree(port, "client");
        requirePortFree(controllerPort, "controller");
        KafkaRaftServer newServer = null;
        try {
            Files.createDirectories(logDir);
            KafkaConfig config = KafkaConfig.fromProps(brokerProperties(), false);
            String clusterId = formatIfNeeded(config);
            newServer = new KafkaRaftServer(config, Time.SYSTEM);
            newServer.startup();
            server = newServer;
            awaitClientConnect();
            running = true;
            LOG.info("Kafka broker (cluster {}) ready on {} after {} ms, data in {}", clusterId, bootstrapServers(),
                    TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - begin), dataDir);
        } catch (Exception e) {
            server = null;
            if (newServer != null) {
                shutdownQuietly(newServer);
            }
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            throw new IllegalStateException("Could not start Kafka broker on " + bootstrapServers()
                    + " (controller port " + controllerPort + ", data in " + dataDir + "): " + e, e);
        }
    }

    /** Shuts the broker down cleanly; the data is kept and {@link #start()} brings it back on the same ports. */
    public synchronized void stop() {
        if (server == null) {
            return;
        }
        long begin = System.nanoTime();
        KafkaRaftServer s = server;
        running = false;
        server = null;
        s.shutdown();
        s.awaitShutdown();
        LOG.info("Kafka broker on {} stopped after {} ms", bootstrapServers(),
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - begin));
    }

    /** The security of a {@link #secured secured} broker; empty for the plaintext one. */
    public Optional<BrokerSecurity> security() {
        return Optional.ofNullable(security);
    }

    public boolean isRunning() {
        return running;
    }

    /** The client port (never 0: a requested port 0 was replaced by a free one when this object was made). */
    public int port() {
        return port;
    }

    /** The KRaft controller port (chosen once, kept across restarts). */
    public int controllerPort() {
        return controllerPort;
    }

    /** {@code "127.0.0.1:<port>"}. */
    public String bootstrapServers() {
        return HOST + ":" + port;
    }

    public Path dataDir() {
        return dataDir;
    }

    /** The cluster id stored in the data directory, if it has been formatted. */
    public Optional<String> clusterId() {
        try {
            return new MetaPropertiesEnsemble.Loader().addLogDirs(List.of(logDir.toString())).load().clusterId();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Stops the broker if it is running. */
    @Override
    public void close() {
        stop();
    }

    @Override
    public String toString() {
        return "LocalKafkaBroker[" + (security == null ? "plaintext " : "secured ") + bootstrapServers()
                + ", controller port " + controllerPort + ", data " + dataDir
                + (running ? ", running]" : ", stopped]");
    }

    /** The broker properties used by {@link #start()}: this class's defaults, then the overrides. */
    public Properties brokerProperties() {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("process.roles", "broker,controller");
        p.put("node.id", Integer.toString(NODE_ID));
        String client = security == null ? CLIENT_LISTENER : SECURED_CLIENT_LISTENER;
        String protocol = security == null ? "PLAINTEXT" : "SSL";
        p.put("listeners", client + "://" + HOST + ":" + port + "," + CONTROLLER_LISTENER + "://" + HOST + ":" + controllerPort);
        p.put("advertised.listeners", client + "://" + HOST + ":" + port);
        // Secured, the controller listener is TLS too: the broker reaches its controller as its own participant, a
        // super user. Plaintext there would make that connection User:ANONYMOUS, which would then have to be a super
        // user, reachable by any local process on the controller port.
        p.put("listener.security.protocol.map", client + ":" + protocol + "," + CONTROLLER_LISTENER + ":" + protocol);
        p.put("inter.broker.listener.name", client);
        p.put("controller.listener.names", CONTROLLER_LISTENER);
        p.put("controller.quorum.voters", NODE_ID + "@" + HOST + ":" + controllerPort);
        p.put("log.dirs", logDir.toString());

        // Everything replicated once: there is one broker.
        p.put("offsets.topic.replication.factor", "1");
        p.put("transaction.state.log.replication.factor", "1");
        p.put("transaction.state.log.min.isr", "1");
        p.put("share.coordinator.state.topic.replication.factor", "1");
        p.put("share.coordinator.state.topic.min.isr", "1");
        p.put("default.replication.factor", "1");
        p.put("min.insync.replicas", "1");

        // Few internal partitions: quick to create and to load after a restart.
        p.put("offsets.topic.num.partitions", "5");
        p.put("transaction.state.log.num.partitions", "5");
        p.put("share.coordinator.state.topic.num.partitions", "5");

        // A relay starts its next transaction as soon as the last one commits, while the coordinator may still be
        // writing that one's markers; the partition leader then retries adding the partition after this backoff.
        // Kafka's 20 ms is about the cost of a whole small transaction here (KAFKA-20000; docs/configuration.md).
        p.put("add.partitions.to.txn.retry.backoff.ms", "5");
        p.put("group.initial.rebalance.delay.ms", "0");
        p.put("group.streams.initial.rebalance.delay.ms", "0");
        p.put("num.partitions", "3");
        p.put("auto.create.topics.enable", "false");

        // Modest footprint (the defaults are sized for production machines).
        p.put("log.segment.bytes", Integer.toString(16 * 1024 * 1024));
        p.put("log.index.size.max.bytes", Integer.toString(1024 * 1024));
        p.put("offsets.topic.segment.bytes", Integer.toString(16 * 1024 * 1024));
        p.put("log.cleaner.dedupe.buffer.size", Integer.toString(4 * 1024 * 1024));
        p.put("num.network.threads", "2");
        p.put("num.io.threads", "4");
        p.put("background.threads", "4");
        p.put("num.recovery.threads.per.data.dir", "1");

        if (security != null) {
            p.putAll(security.brokerProperties());
        }
        p.putAll(configOverrides);
        Properties props = new Properties();
        props.putAll(p);
        return props;
    }

    /**
     * Formats the log directories that have no {@code meta.properties} yet, the way {@code kafka-storage.sh format}
     * does for a static quorum, but without anything that can exit the JVM. Reuses the cluster id already present.
     */
    private String formatIfNeeded(KafkaConfig config) throws Exception {
        Collection<String> dirs = new TreeSet<>(config.logDirs());
        dirs.add(config.metadataLogDir());
        MetaPropertiesEnsemble ensemble = new MetaPropertiesEnsemble.Loader().addLogDirs(dirs).load();
        Optional<String> existingClusterId = ensemble.clusterId();
        if (ensemble.emptyLogDirs().isEmpty() && existingClusterId.isPresent()) {
            return existingClusterId.get();
        }
        String clusterId = existingClusterId.orElseGet(() -> Uuid.randomUuid().toString());
        ByteArrayOutputStream formatterOutput = new ByteArrayOutputStream();
        try (PrintStream out = new PrintStream(formatterOutput, true, StandardCharsets.UTF_8)) {
            new Formatter()
                    .setPrintStream(out)
                    .setNodeId(config.nodeId())
                    .setClusterId(clusterId)
                    .setDirectories(dirs)
                    .setMetadataLogDirectory(config.metadataLogDir())
                    .setControllerListenerName(config.controllerListenerNames().get(0))
                    .setUnstableFeatureVersionsEnabled(config.unstableFeatureVersionsEnabled())
                    .setHasDynamicQuorum(config.quorumConfig().voters().isEmpty())
                    .setIgnoreFormatted(true)
                    .run();
        }
        LOG.info("Formatted Kafka storage in {} with cluster id {}: {}", dirs, clusterId,
                formatterOutput.toString(StandardCharsets.UTF_8).strip().replace(System.lineSeparator(), " | "));
        return clusterId;
    }

    private void awaitClientConnect() throws InterruptedException, TimeoutException {
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        Map<String, Object> adminConfig = new HashMap<>(Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers(),
                AdminClientConfig.CLIENT_ID_CONFIG, "local-kafka-broker-readiness",
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 5_000,
                AdminClientConfig.RECONNECT_BACKOFF_MS_CONFIG, 50,
                AdminClientConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, 200));
        if (security != null) {
            adminConfig.putAll(security.brokerClientProperties()); // as the broker's own participant: a super user
        }
        Exception last = null;
        try (Admin admin = Admin.create(adminConfig)) {
            while (System.nanoTime() < deadline) {
                try {
                    Collection<Node> nodes = admin.describeCluster(new DescribeClusterOptions().timeoutMs(5_000))
                            .nodes().get(6, TimeUnit.SECONDS);
                    if (nodes.stream().anyMatch(n -> n.id() == NODE_ID)) {
                        return;
                    }
                } catch (ExecutionException | TimeoutException e) {
                    last = e;
                }
                Thread.sleep(50);
            }
        }
        TimeoutException timeout = new TimeoutException("no client could connect to " + bootstrapServers()
                + " within " + READY_TIMEOUT.toSeconds() + " s");
        if (last != null) {
            timeout.initCause(last);
        }
        throw timeout;
    }

    private static void shutdownQuietly(KafkaRaftServer s) {
        try {
            s.shutdown();
            s.awaitShutdown();
        } catch (RuntimeException e) {
            LOG.warn("Error while shutting down a Kafka broker that failed to start", e);
        }
    }

    private static void requirePortFree(int port, String what) {
        try (ServerSocket probe = new ServerSocket()) {
            probe.setReuseAddress(true); // as Kafka's own listener does: a port in TIME_WAIT is usable
            probe.bind(new InetSocketAddress(InetAddress.getByName(HOST), port));
        } catch (IOException e) {
            throw new IllegalStateException("Could not start Kafka broker: " + what + " port " + HOST + ":" + port
                    + " is already in use (" + e.getMessage() + ")", e);
        }
    }

    /** Returns {client port, controller port}; a requested 0 is replaced by a currently free port. */
    private static int[] choosePorts(int requestedPort) {
        // The probe sockets stay open until both ports are known, so that the two ports differ.
        List<ServerSocket> held = new ArrayList<>();
        try {
            int clientPort = requestedPort == 0 ? bindFreePort(held) : requestedPort;
            int controllerPort;
            do {
                controllerPort = bindFreePort(held);
            } while (controllerPort == clientPort);
            return new int[] {clientPort, controllerPort};
        } catch (IOException e) {
            throw new UncheckedIOException("could not pick a free port on " + HOST, e);
        } finally {
            for (ServerSocket socket : held) {
                try {
                    socket.close();
                } catch (IOException ignored) {
                    // nothing to do: it was only a probe
                }
            }
        }
    }

    private static int bindFreePort(List<ServerSocket> held) throws IOException {
        ServerSocket socket = new ServerSocket();
        held.add(socket);
        socket.bind(new InetSocketAddress(InetAddress.getByName(HOST), 0));
        return socket.getLocalPort();
    }
}

package nl.bronsein.localnetwork;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.http.HttpClient;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import nl.bronsein.kafkabroker.LocalKafkaBroker;
import nl.bronsein.localnetwork.CommandLine.NetworkOptions;
import nl.bronsein.localnetwork.Participants.Participant;

/**
 * The running local network: the dev PKI and participant list, a Kafka broker in this JVM and one OS process per node.
 * {@link #start()} returns once every node is healthy; {@link #stop()} (idempotent, also from a shutdown hook) stops
 * the nodes, then the broker. All data stays in the data directory for the next start.
 */
final class LocalNetwork {

    /** System property that logback.xml uses for the directory of kafka.log. */
    static final String LOG_DIR_PROPERTY = "bronsein.local-network.log-dir";
    static final Duration STOP_TIMEOUT = Duration.ofSeconds(15);
    static final int LOG_TAIL_LINES = 30;

    private final NetworkOptions options;
    private final NetworkFiles files;
    private final Path nodesDir;
    private final PrintStream out;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final List<NodeProcess> nodes = new ArrayList<>();
    private final CompletableFuture<NodeProcess> unexpectedExit = new CompletableFuture<>();

    private LocalKafkaBroker broker;
    private FileChannel lockChannel;
    private FileLock lock;
    private boolean stopping;
    private boolean stopped;
    private Duration startupTime;

    /** Startup failed; {@code node} (may be null) is the node whose log explains it. */
    static final class StartException extends Exception {
        private static final long serialVersionUID = 1L;
        private final transient NodeProcess node;

        StartException(String message, NodeProcess node) {
            super(message);
            this.node = node;
        }

        NodeProcess node() {
            return node;
        }
    }

    LocalNetwork(NetworkOptions options, Path nodesDir, PrintStream out) {
        this.options = options;
        this.files = new NetworkFiles(options.dataDir());
        this.nodesDir = nodesDir.toAbsolutePath().normalize();
        this.out = out;
    }

    NetworkFiles files() {
        return files;
    }

    Duration startupTime() {
        return startupTime;
    }

    synchronized String bootstrapServers() {
        return broker == null ? "127.0.0.1:" + options.kafkaPort() : broker.bootstrapServers();
    }

    /**
     * Prepares the data directory and starts the broker and the nodes; returns once every node's health endpoint
     * answers 200. On failure the caller should {@link #stop()}.
     */
    void start() throws StartException {
        long begin = System.nanoTime();
        for (Participant participant : Participants.ALL) {
            Path jar = nodesDir.resolve(participant.nodeJar());
            if (!Files.isRegularFile(jar)) {
                throw new StartException("node jar not found: " + jar + " (build it with ./network, or point --nodes-dir"
                        + " at the directory holding " + nodeJarNames() + ")", null);
            }
        }
        lockDataDir();
        requirePortsFree();
        System.setProperty(LOG_DIR_PROPERTY, files.logsDir().toString());

        NetworkFiles.Prepared prepared;
        try {
            prepared = files.prepare(options, out);
        } catch (IllegalArgumentException | IllegalStateException | UncheckedIOException e) {
            throw new StartException("cannot prepare " + files.dataDir() + ": " + e.getMessage(), null);
        }
        out.println("Data directory " + files.dataDir());
        for (Participant participant : Participants.ALL) {
            out.printf("  certificate %-18s %s (%s)%n", participant.stem() + ".crt",
                    prepared.fingerprints().get(participant), prepared.issued().get(participant) ? "new" : "reused");
        }

        LocalKafkaBroker newBroker;
        synchronized (this) {
            requireNotStopping();
            newBroker = new LocalKafkaBroker(files.kafkaDir(), options.kafkaPort());
            broker = newBroker;
        }
        out.println("Starting the Kafka broker on " + newBroker.bootstrapServers() + " ...");
        try {
            newBroker.start();
        } catch (RuntimeException e) {
            throw new StartException(oneLine(e.getMessage()) + " (broker log: " + files.logsDir().resolve("kafka.log")
                    + ")", null);
        }

        for (Participant participant : Participants.ALL) {
            NodeProcess node = NodeProcess.of(participant, files, options, nodesDir, newBroker.bootstrapServers());
            synchronized (this) {
                requireNotStopping();
                node.start();
                nodes.add(node);
            }
            out.println("Starting the " + participant.label() + " (" + participant.name() + ") on ports "
                    + options.port(participant) + " and " + options.staffPort(participant) + ", log "
                    + node.log() + " ...");
            node.process().onExit().thenAccept(p -> {
                if (!isStopping()) {
                    unexpectedExit.complete(node);
                }
            });
        }
        awaitHealthy(begin);
        startupTime = Duration.ofNanos(System.nanoTime() - begin);
    }

    private static String nodeJarNames() {
        List<String> names = Participants.ALL.stream().map(Participant::nodeJar).toList();
        return String.join(", ", names.subList(0, names.size() - 1)) + " and " + names.get(names.size() - 1);
    }

    private void awaitHealthy(long begin) throws StartException {
        long deadline = System.nanoTime() + options.startupTimeout().toNanos();
        List<NodeProcess> pending = new ArrayList<>(nodes());
        while (!pending.isEmpty()) {
            requireNotStopping();
            for (NodeProcess node : List.copyOf(pending)) {
                Process process = node.process();
                if (!process.isAlive()) {
                    throw new StartException("the " + node.participant().label() + " exited with code "
                            + process.exitValue() + " while starting", node);
                }
                if (node.healthy(http)) {
                    pending.remove(node);
                    out.printf(Locale.ROOT, "  the %s is up (%.1f s)%n", node.participant().label(),
                            (System.nanoTime() - begin) / 1e9);
                }
            }
            if (pending.isEmpty()) {
                break;
            }
            if (System.nanoTime() > deadline) {
                NodeProcess node = pending.get(0);
                throw new StartException("the " + node.participant().label() + " did not answer " + node.health()
                        + " with 200 within " + options.startupTimeout().toSeconds() + " s", node);
            }
            try {
                Thread.sleep(500);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new StartException("interrupted while waiting for the nodes", null);
            }
        }
    }

    /**
     * Blocks until a node exits while the network is not being stopped, and returns it; never returns if all goes
     * well.
     */
    NodeProcess awaitUnexpectedExit() throws InterruptedException {
        try {
            return unexpectedExit.get();
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        }
    }

    /** Stops the nodes (SIGTERM, up to 15 s, then killed), then the broker; prints "stopped". Idempotent. */
    void stop() {
        List<NodeProcess> toStop;
        LocalKafkaBroker toClose;
        synchronized (this) {
            if (stopped) {
                return;
            }
            stopped = true;
            stopping = true;
            toStop = List.copyOf(nodes);
            toClose = broker;
        }
        out.println("Stopping the local network ...");
        toStop.forEach(NodeProcess::requestStop);
        long deadline = System.nanoTime() + STOP_TIMEOUT.toNanos();
        for (NodeProcess node : toStop) {
            try {
                if (node.awaitStop(deadline)) {
                    out.println("  the " + node.participant().label() + " stopped");
                } else {
                    out.println("  the " + node.participant().label() + " did not stop within "
                            + STOP_TIMEOUT.toSeconds() + " s and was killed");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                Process process = node.process();
                if (process != null) {
                    process.destroyForcibly();
                }
            }
        }
        if (toClose != null) {
            try {
                toClose.close();
                out.println("  the Kafka broker stopped");
            } catch (RuntimeException e) {
                out.println("  the Kafka broker did not stop cleanly: " + oneLine(e.getMessage()));
            }
        }
        releaseLock();
        out.println("stopped");
        out.flush();
    }

    synchronized boolean isStopping() {
        return stopping;
    }

    synchronized List<NodeProcess> nodes() {
        return List.copyOf(nodes);
    }

    private synchronized void requireNotStopping() throws StartException {
        if (stopping) {
            throw new StartException("stopped while starting", null);
        }
    }

    private void lockDataDir() throws StartException {
        try {
            Files.createDirectories(files.dataDir());
            FileChannel channel = FileChannel.open(files.lockFile(), StandardOpenOption.CREATE,
                    StandardOpenOption.WRITE);
            FileLock acquired = channel.tryLock();
            if (acquired == null) {
                channel.close();
                throw new StartException("another local network is already running on " + files.dataDir()
                        + " (stop it first, or use another --data-dir)", null);
            }
            synchronized (this) {
                lockChannel = channel;
                lock = acquired;
            }
        } catch (IOException e) {
            throw new StartException("cannot use " + files.dataDir() + ": " + e.getMessage(), null);
        }
    }

    private synchronized void releaseLock() {
        try {
            if (lock != null) {
                lock.release();
            }
            if (lockChannel != null) {
                lockChannel.close();
            }
        } catch (IOException ignored) {
            // the lock goes with the process anyway
        }
        lock = null;
        lockChannel = null;
    }

    private void requirePortsFree() throws StartException {
        for (Map.Entry<String, Integer> port : options.ports().entrySet()) {
            if (!portFree(port.getValue())) {
                throw new StartException("port " + port.getValue() + " (" + port.getKey() + ") is already in use;"
                        + " is a network already running? Stop it, or choose another port with " + port.getKey(),
                        null);
            }
        }
    }

    /** True if nothing listens on the port, on any local address. */
    static boolean portFree(int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.bind(new InetSocketAddress(port));
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** Waits up to {@code timeout} for all the ports to be free. */
    static boolean awaitPortsFree(List<Integer> ports, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            if (ports.stream().allMatch(LocalNetwork::portFree)) {
                return true;
            }
            if (System.nanoTime() > deadline) {
                return false;
            }
            TimeUnit.MILLISECONDS.sleep(200);
        }
    }

    static String oneLine(String message) {
        return message == null ? "(no message)" : message.replaceAll("\\s*\\R\\s*", " ").strip();
    }
}

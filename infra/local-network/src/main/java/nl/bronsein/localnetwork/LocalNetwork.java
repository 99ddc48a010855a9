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
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import nl.bronsein.localnetwork.Participants.Participant;

/**
 * The running local network: the dev PKI and participant list, and one OS process each for the Kafka broker, the
 * identity provider and the nodes. {@link #start()} returns once the broker and the identity provider are ready and
 * every node is healthy; {@link #stop()} (idempotent, also from a shutdown hook) stops the nodes, then the broker and
 * the identity provider. All data stays in the data directory for the next start.
 */
final class LocalNetwork {

    static final Duration STOP_TIMEOUT = Duration.ofSeconds(15);
    static final int LOG_TAIL_LINES = 30;
    /**
     * A child that died is started again, up to this many times within {@link #RESTART_WINDOW}; one that dies more
     * often stops the network, as a crash loop would otherwise go on unseen.
     */
    static final int MAX_RESTARTS = 3;
    static final Duration RESTART_WINDOW = Duration.ofMinutes(10);

    private final NetworkOptions options;
    private final NetworkFiles files;
    private final Path nodesDir;
    private final PrintStream out;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final List<NodeProcess> nodes = new ArrayList<>();
    private final BlockingQueue<ChildProcess> unexpectedExits = new LinkedBlockingQueue<>();
    /** When each child was restarted (System.nanoTime), within the last {@link #RESTART_WINDOW}. */
    private final Map<ChildProcess, Deque<Long>> restarts = new HashMap<>();

    private BrokerProcess broker;
    private IdentityProviderProcess identityProvider;
    private IdentityProviderProcess.Credentials credentials;
    private FileChannel lockChannel;
    private FileLock lock;
    private boolean stopping;
    private boolean stopped;
    private Duration startupTime;

    /** Startup failed; {@code child} (may be null) is the process whose log explains it. */
    static final class StartException extends Exception {
        private static final long serialVersionUID = 1L;
        private final transient ChildProcess child;

        StartException(String message, ChildProcess child) {
            super(message);
            this.child = child;
        }

        ChildProcess child() {
            return child;
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

    /** The client secrets and development users, once the identity provider is ready. */
    synchronized IdentityProviderProcess.Credentials credentials() {
        return credentials;
    }

    String bootstrapServers() {
        return "127.0.0.1:" + options.kafkaPort();
    }

    /**
     * Prepares the data directory and starts the identity provider, the broker and the nodes; returns once the broker
     * and the identity provider are ready and every node's health endpoint answers 200. On failure the caller should
     * {@link #stop()}.
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
        if (!Files.isRegularFile(nodesDir.resolve(IdentityProviderProcess.JAR))) {
            throw new StartException("identity provider jar not found: " + nodesDir.resolve(IdentityProviderProcess.JAR)
                    + " (build it with ./network, or point --nodes-dir at the directory holding it)", null);
        }
        lockDataDir();
        requirePortsFree();

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

        // started first, so that it comes up while the broker does: the nodes need both
        IdentityProviderProcess newIdentityProvider = IdentityProviderProcess.of(files, options, nodesDir);
        synchronized (this) {
            requireNotStopping();
            newIdentityProvider.start();
            identityProvider = newIdentityProvider;
        }
        out.println("Starting the identity provider on " + options.idpIssuer() + ", log " + newIdentityProvider.log()
                + " ...");
        watch(newIdentityProvider);

        BrokerProcess newBroker = BrokerProcess.of(files, options.kafkaPort());
        synchronized (this) {
            requireNotStopping();
            newBroker.start();
            broker = newBroker;
        }
        out.println("Starting the Kafka broker on " + newBroker.bootstrapServers() + ", log " + newBroker.log()
                + " ...");
        watch(newBroker);
        awaitChild(newBroker);
        provision(newBroker);
        awaitChild(newIdentityProvider);
        IdentityProviderProcess.Credentials read;
        try {
            read = IdentityProviderProcess.Credentials.read(files.devCredentials());
        } catch (IOException e) {
            throw new StartException("cannot read the identity provider's credentials: " + e.getMessage(),
                    newIdentityProvider);
        }
        synchronized (this) {
            credentials = read;
        }

        for (Participant participant : Participants.ALL) {
            NodeProcess node = NodeProcess.of(participant, files, options, nodesDir, newBroker.bootstrapServers(),
                    read.clientSecrets().get(participant.stem()));
            synchronized (this) {
                requireNotStopping();
                node.start();
                nodes.add(node);
            }
            out.println("Starting the " + participant.label() + " (" + participant.name() + ") on ports "
                    + options.port(participant) + " and " + options.staffPort(participant) + ", log "
                    + node.log() + " ...");
            watch(node);
        }
        awaitHealthy(begin);
        startupTime = Duration.ofNanos(System.nanoTime() - begin);
    }

    /** From now on, an exit of {@code child}'s process that {@link #stop()} did not ask for is reported. */
    private void watch(ChildProcess child) {
        child.process().onExit().thenAccept(p -> {
            if (!isStopping()) {
                unexpectedExits.add(child);
            }
        });
    }

    /**
     * Creates the topics and ACLs the participant list calls for, as the operator (infra/provisioning's command, in this
     * process): the nodes may not create topics on the secured broker, and may read and write only what it grants.
     * Idempotent, so a second start on the same data changes nothing.
     */
    private void provision(BrokerProcess newBroker) throws StartException {
        java.io.ByteArrayOutputStream said = new java.io.ByteArrayOutputStream();
        java.io.PrintStream to = new java.io.PrintStream(said, true, java.nio.charset.StandardCharsets.UTF_8);
        int exit = nl.bronsein.provisioning.ProvisionMain.run(to, to, "--bootstrap-server", newBroker.bootstrapServers(),
                "--participant-list", files.participantList().toString(),
                "--tls-certificate", files.certificate(NetworkFiles.OPERATOR).toString(),
                "--tls-key", files.privateKey(NetworkFiles.OPERATOR).toString(),
                "--tls-ca", files.caCertificate().toString());
        String output = said.toString(java.nio.charset.StandardCharsets.UTF_8).strip();
        if (exit != 0) {
            throw new StartException("could not provision the Kafka broker: " + output, newBroker);
        }
        out.println("Provisioned the Kafka broker: " + output.lines().reduce((first, last) -> last).orElse(output));
    }

    private void awaitChild(ChildProcess child) throws StartException {
        Optional<String> notReady;
        try {
            notReady = awaitReady(child);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StartException("interrupted while waiting for " + child.label(), null);
        }
        requireNotStopping();
        if (notReady.isPresent()) {
            throw new StartException(notReady.get(), child);
        }
    }

    /** Waits until {@code child} is ready; empty then, else why it is not (it exited, or took too long). */
    private Optional<String> awaitReady(ChildProcess child) throws InterruptedException {
        long deadline = System.nanoTime() + options.startupTimeout().toNanos();
        while (!child.ready(http)) {
            Process process = child.process();
            if (!process.isAlive()) {
                return Optional.of(child.label() + " exited with " + ChildProcess.exitDescription(process.exitValue())
                        + " while starting");
            }
            if (isStopping()) {
                return Optional.of("stopped while " + child.label() + " was starting");
            }
            if (System.nanoTime() > deadline) {
                return Optional.of(child.label() + " was not ready within " + options.startupTimeout().toSeconds()
                        + " s");
            }
            Thread.sleep(200);
        }
        return Optional.empty();
    }

    /**
     * True if {@code child}, which died, may be started again: it was restarted fewer than {@link #MAX_RESTARTS} times
     * within the last {@link #RESTART_WINDOW}.
     */
    synchronized boolean mayRestart(ChildProcess child) {
        Deque<Long> times = restarts.computeIfAbsent(child, c -> new ArrayDeque<>());
        long now = System.nanoTime();
        while (!times.isEmpty() && now - times.peekFirst() > RESTART_WINDOW.toNanos()) {
            times.removeFirst();
        }
        return times.size() < MAX_RESTARTS;
    }

    /**
     * Starts a child that died again, with the same command, ports and data, and waits until it is ready; the others
     * keep running meanwhile (a node's peers retry their pulls, its notifications wait in its outbox). Empty when it
     * is up again, else why not.
     */
    Optional<String> restart(ChildProcess child) throws InterruptedException {
        long begin = System.nanoTime();
        synchronized (this) {
            if (stopping) {
                return Optional.of("stopped before " + child.label() + " was restarted");
            }
            restarts.computeIfAbsent(child, c -> new ArrayDeque<>()).addLast(begin);
            child.start();
        }
        Optional<String> notReady = awaitReady(child);
        if (notReady.isEmpty()) {
            watch(child);
            out.printf(Locale.ROOT, "  %s is up again (%.1f s)%n", child.label(), (System.nanoTime() - begin) / 1e9);
        }
        return notReady;
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
            for (ChildProcess needed : List.of(broker(), identityProvider())) {
                if (!needed.process().isAlive()) {
                    throw new StartException(needed.label() + " exited with "
                            + ChildProcess.exitDescription(needed.process().exitValue())
                            + " while the nodes were starting", needed);
                }
            }
            for (NodeProcess node : List.copyOf(pending)) {
                Process process = node.process();
                if (!process.isAlive()) {
                    throw new StartException(node.label() + " exited with "
                            + ChildProcess.exitDescription(process.exitValue()) + " while starting", node);
                }
                if (node.ready(http)) {
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
                throw new StartException(node.label() + " did not answer " + node.health()
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
     * Blocks until the broker, the identity provider or a node exits while the network is not being stopped, and
     * returns it; never returns if all goes well.
     */
    ChildProcess awaitUnexpectedExit() throws InterruptedException {
        return unexpectedExits.take();
    }

    /**
     * Stops the nodes (SIGTERM, up to 15 s, then killed), then the broker and the identity provider, which the nodes
     * use while they stop; prints "stopped". Idempotent.
     */
    void stop() {
        List<NodeProcess> toStop;
        BrokerProcess toClose;
        IdentityProviderProcess idpToClose;
        synchronized (this) {
            if (stopped) {
                return;
            }
            stopped = true;
            stopping = true;
            toStop = List.copyOf(nodes);
            toClose = broker;
            idpToClose = identityProvider;
        }
        out.println("Stopping the local network ...");
        Map<ChildProcess, Boolean> nodesRunning = new LinkedHashMap<>();
        toStop.forEach(node -> nodesRunning.put(node, node.requestStop()));
        awaitStopped(nodesRunning);
        Map<ChildProcess, Boolean> infrastructureRunning = new LinkedHashMap<>();
        if (toClose != null) {
            infrastructureRunning.put(toClose, toClose.requestStop());
        }
        if (idpToClose != null) {
            infrastructureRunning.put(idpToClose, idpToClose.requestStop());
        }
        awaitStopped(infrastructureRunning);
        releaseLock();
        out.println("stopped");
        out.flush();
    }

    /**
     * Waits for each child to end (all share one {@link #STOP_TIMEOUT}) and says how it ended; the value says whether
     * it still ran when it was asked to stop.
     */
    private void awaitStopped(Map<ChildProcess, Boolean> children) {
        long deadline = System.nanoTime() + STOP_TIMEOUT.toNanos();
        for (Map.Entry<ChildProcess, Boolean> entry : children.entrySet()) {
            ChildProcess child = entry.getKey();
            Process process = child.process();
            boolean wasRunning = entry.getValue();
            try {
                if (!child.awaitStop(deadline)) {
                    out.println("  " + child.label() + " did not stop within " + STOP_TIMEOUT.toSeconds()
                            + " s and was killed");
                } else if (wasRunning || process == null) {
                    out.println("  " + child.label() + " stopped");
                } else {
                    out.println("  " + child.label() + " had already exited with "
                            + ChildProcess.exitDescription(process.exitValue()));
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                if (process != null) {
                    process.destroyForcibly();
                }
            }
        }
    }

    private synchronized BrokerProcess broker() {
        return broker;
    }

    private synchronized IdentityProviderProcess identityProvider() {
        return identityProvider;
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

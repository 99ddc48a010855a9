package nl.bronsein.localnetwork;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

import nl.bronsein.devpki.DevStaffIssuer;
import nl.bronsein.localnetwork.CommandLine.NetworkOptions;
import nl.bronsein.localnetwork.Participants.Participant;

/** One node, run as its own OS process from its executable jar, its output appended to its log file. */
final class NodeProcess {

    /** Written to the log before each start; {@link #logTail(int)} shows only what came after the last one. */
    static final String START_MARKER = "==== bronsein local-network: starting ";

    /**
     * JVM options of the nodes: C1 only, which starts a Spring Boot node in about 60% of the time on a small machine
     * (measured on 2 cores: both nodes healthy after 23 s instead of 40 s); peak throughput does not matter here.
     */
    static final List<String> JVM_OPTIONS = List.of("-XX:TieredStopAtLevel=1");

    private final Participant participant;
    private final List<String> command;
    private final Path workingDir;
    private final Path log;
    private final URI health;
    private Process process;

    NodeProcess(Participant participant, List<String> command, Path workingDir, Path log, URI health) {
        this.participant = participant;
        this.command = List.copyOf(command);
        this.workingDir = workingDir;
        this.log = log;
        this.health = health;
    }

    /** The node of {@code participant} in the network laid out by {@code files}, with the given Kafka address. */
    static NodeProcess of(Participant participant, NetworkFiles files, NetworkOptions options, Path nodesDir,
                          String bootstrapServers) {
        int staffPort = options.staffPort(participant);
        return new NodeProcess(participant, command(participant, files, options, nodesDir, bootstrapServers),
                files.nodeDataDir(participant), files.log(participant),
                URI.create("http://127.0.0.1:" + staffPort + "/actuator/health"));
    }

    /**
     * {@code <java.home>/bin/java <JVM_OPTIONS> -jar <nodesDir>/<jar> --spring-boot-properties...}, all paths
     * absolute.
     */
    static List<String> command(Participant participant, NetworkFiles files, NetworkOptions options, Path nodesDir,
                                String bootstrapServers) {
        List<String> command = new ArrayList<>();
        command.add(javaExecutable().toString());
        command.addAll(JVM_OPTIONS);
        command.add("-jar");
        command.add(nodesDir.toAbsolutePath().normalize().resolve(participant.nodeJar()).toString());
        command.add("--bronsein.node.participant-id=" + participant.id());
        command.add("--bronsein.node.participant-list=file:" + files.participantList());
        command.add("--spring.ssl.bundle.pem.network.keystore.certificate=file:" + files.certificate(participant));
        command.add("--spring.ssl.bundle.pem.network.keystore.private-key=file:" + files.privateKey(participant));
        command.add("--spring.ssl.bundle.pem.network.truststore.certificate=file:" + files.caCertificate());
        command.add("--server.port=" + options.port(participant));
        command.add("--bronsein.staff-api.port=" + options.staffPort(participant));
        command.add("--spring.kafka.bootstrap-servers=" + bootstrapServers);
        command.add("--bronsein.data-dir=" + files.nodeDataDir(participant));
        command.add("--bronsein.staff.issuer=" + DevStaffIssuer.ISSUER);
        command.add("--bronsein.staff.audience=" + participant.id());
        command.add("--bronsein.staff.public-key=file:" + files.staffIssuerPublicKey());
        // readable text in the node logs a developer tails; a node's own default is JSON lines (ECS) for a log platform
        command.add("--logging.structured.format.console=");
        return command;
    }

    static Path javaExecutable() {
        boolean windows = System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("windows");
        return Path.of(System.getProperty("java.home"), "bin", windows ? "java.exe" : "java");
    }

    Participant participant() {
        return participant;
    }

    List<String> command() {
        return command;
    }

    Path log() {
        return log;
    }

    URI health() {
        return health;
    }

    synchronized Process process() {
        return process;
    }

    /** Starts the process; its stdout and stderr are appended to the log, after a start marker line. */
    synchronized Process start() {
        try {
            Files.createDirectories(log.getParent());
            Files.createDirectories(workingDir);
            Files.writeString(log, System.lineSeparator() + START_MARKER + participant.stem() + " at " + Instant.now()
                            + ": " + String.join(" ", command) + System.lineSeparator(), StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            process = new ProcessBuilder(command)
                    .directory(workingDir.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                    .redirectInput(ProcessBuilder.Redirect.PIPE)
                    .start();
            process.getOutputStream().close(); // the node reads nothing from stdin
            return process;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the " + participant.label() + ": " + e.getMessage(), e);
        }
    }

    /** True if the node's staff API answers its health endpoint with 200 now. */
    boolean healthy(HttpClient http) {
        try {
            HttpResponse<Void> response = http.send(HttpRequest.newBuilder(health).timeout(Duration.ofSeconds(5))
                    .GET().build(), HttpResponse.BodyHandlers.discarding());
            return response.statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Asks the process to stop (SIGTERM on Unix), without waiting. */
    synchronized void requestStop() {
        if (process != null && process.isAlive()) {
            process.destroy();
        }
    }

    /**
     * Waits until the process has exited or {@code deadline} (System.nanoTime) has passed; then kills it if it still
     * runs. Returns true if it stopped by itself.
     */
    boolean awaitStop(long deadline) throws InterruptedException {
        Process p = process();
        if (p == null) {
            return true;
        }
        long remaining = deadline - System.nanoTime();
        if (remaining > 0 && p.waitFor(remaining, TimeUnit.NANOSECONDS)) {
            return true;
        }
        if (!p.isAlive()) {
            return true;
        }
        p.destroyForcibly();
        p.waitFor(5, TimeUnit.SECONDS);
        return false;
    }

    /** The last {@code lines} lines the node wrote since its last start (fewer if it wrote fewer). */
    List<String> logTail(int lines) {
        return tail(log, lines);
    }

    static List<String> tail(Path file, int lines) {
        if (!Files.exists(file)) {
            return List.of();
        }
        String text;
        try (RandomAccessFile in = new RandomAccessFile(file.toFile(), "r")) {
            long length = in.length();
            int size = (int) Math.min(length, 256 * 1024);
            byte[] bytes = new byte[size];
            in.seek(length - size);
            in.readFully(bytes);
            text = new String(bytes, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return List.of("(cannot read " + file + ": " + e.getMessage() + ")");
        }
        int marker = text.lastIndexOf(START_MARKER);
        if (marker >= 0) {
            int endOfMarkerLine = text.indexOf('\n', marker);
            text = endOfMarkerLine < 0 ? "" : text.substring(endOfMarkerLine + 1);
        }
        List<String> all = text.lines().toList();
        return all.subList(Math.max(0, all.size() - lines), all.size());
    }
}

package nl.bronsein.localnetwork;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Something the launcher runs as its own OS process — a node or the Kafka broker — with its output appended to its log
 * file. The launcher watches each one: one that exits while the network runs is started again
 * ({@link LocalNetwork#restart(ChildProcess)}).
 */
abstract class ChildProcess {

    /** Written to the log before each start; {@link #logTail(int)} shows only what came after the last one. */
    static final String START_MARKER = "==== bronsein local-network: starting ";

    private final String label;
    private final String stem;
    private final List<String> command;
    private final Path workingDir;
    private final Path log;
    private final Map<String, String> environment;
    private Process process;

    /**
     * @param label what the launcher calls it in its messages ("the municipality node", "the Kafka broker")
     * @param stem  a short name for the start marker in the log
     */
    ChildProcess(String label, String stem, List<String> command, Path workingDir, Path log) {
        this(label, stem, command, Map.of(), workingDir, log);
    }

    /**
     * @param environment added to the launcher's environment: for a secret, which on the command line would be in
     *                    every user's {@code ps} and in the log's start marker line
     */
    ChildProcess(String label, String stem, List<String> command, Map<String, String> environment, Path workingDir,
                 Path log) {
        this.label = label;
        this.stem = stem;
        this.command = List.copyOf(command);
        this.environment = Map.copyOf(environment);
        this.workingDir = workingDir;
        this.log = log;
    }

    static Path javaExecutable() {
        boolean windows = System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("windows");
        return Path.of(System.getProperty("java.home"), "bin", windows ? "java.exe" : "java");
    }

    /** "the GP practice node", "the Kafka broker". */
    final String label() {
        return label;
    }

    final List<String> command() {
        return command;
    }

    final Map<String, String> environment() {
        return environment;
    }

    final Path log() {
        return log;
    }

    final synchronized Process process() {
        return process;
    }

    /** Starts the process; its stdout and stderr are appended to the log, after a start marker line. */
    final synchronized Process start() {
        try {
            Files.createDirectories(log.getParent());
            Files.createDirectories(workingDir);
            Files.writeString(log, System.lineSeparator() + START_MARKER + stem + " at " + Instant.now() + ": "
                            + String.join(" ", command) + System.lineSeparator(), StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            ProcessBuilder builder = new ProcessBuilder(command);
            builder.environment().putAll(environment);
            process = builder
                    .directory(workingDir.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                    .redirectInput(ProcessBuilder.Redirect.PIPE)
                    .start();
            process.getOutputStream().close(); // it reads nothing from stdin
            return process;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + label + ": " + e.getMessage(), e);
        }
    }

    /** True once it serves what the network needs of it (a node's health check, the broker's clients). */
    abstract boolean ready(HttpClient http);

    /**
     * Asks the process to stop (SIGTERM on Unix), without waiting. Returns false if it had ended already (or never
     * started), so that the launcher does not report as stopped what had died before.
     */
    final synchronized boolean requestStop() {
        if (process != null && process.isAlive()) {
            process.destroy();
            return true;
        }
        return false;
    }

    /**
     * Waits until the process has exited or {@code deadline} (System.nanoTime) has passed; then kills it if it still
     * runs. Returns true if it stopped by itself.
     */
    final boolean awaitStop(long deadline) throws InterruptedException {
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

    /**
     * How the process ended, in words: "code 1", or for a process ended by a signal (the JVM reports 128 + the signal
     * number) "code 137 (killed by signal 9, SIGKILL)".
     */
    static String exitDescription(int code) {
        String signal = switch (code - 128) {
            case 1 -> "SIGHUP";
            case 2 -> "SIGINT";
            case 6 -> "SIGABRT";
            case 9 -> "SIGKILL";
            case 11 -> "SIGSEGV";
            case 15 -> "SIGTERM";
            default -> null;
        };
        return signal == null ? "code " + code : "code " + code + " (killed by signal " + (code - 128) + ", " + signal
                + ")";
    }

    /** The last {@code lines} lines the process wrote since its last start (fewer if it wrote fewer). */
    final List<String> logTail(int lines) {
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

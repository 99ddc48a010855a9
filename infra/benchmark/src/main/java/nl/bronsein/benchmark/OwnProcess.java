package nl.bronsein.benchmark;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A JVM of its own started by the run — a node, the peer, the broker — as the local network starts them: its output
 * appended to a log file, ready when {@code ready} says so. What the driver can read of it from outside: its resident
 * memory and CPU time as Linux counts them, and its used heap after a full collection (through {@code jcmd}).
 */
final class OwnProcess implements AutoCloseable {

    private static final Duration START_PATIENCE = Duration.ofMinutes(10);
    private static final Duration STOP_PATIENCE = Duration.ofMinutes(1);
    /** {@code GC.heap_info}'s first line: "garbage-first heap   total 262144K, used 81234K [...]". */
    private static final Pattern USED = Pattern.compile("used (\\d+)K");

    private final String label;
    private final Process process;
    private final Path log;
    private final double startSeconds;

    private OwnProcess(String label, Process process, Path log, double startSeconds) {
        this.label = label;
        this.process = process;
        this.log = log;
        this.startSeconds = startSeconds;
    }

    /** Starts {@code command} and waits until {@code ready}; a process that ends first fails with its log's tail. */
    static OwnProcess start(String label, List<String> command, Path log, BooleanSupplier ready) {
        long start = System.nanoTime();
        Process process;
        try {
            Files.createDirectories(log.getParent());
            Files.writeString(log, System.lineSeparator() + "==== benchmark: starting " + label + System.lineSeparator(),
                    StandardCharsets.UTF_8, java.nio.file.StandardOpenOption.CREATE,
                    java.nio.file.StandardOpenOption.APPEND);
            process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
            process.getOutputStream().close();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + label + ": " + e.getMessage(), e);
        }
        long deadline = start + START_PATIENCE.toNanos();
        while (!ready.getAsBoolean()) {
            if (!process.isAlive() || System.nanoTime() > deadline) {
                process.destroyForcibly();
                throw new IllegalStateException(label + " did not start (" + (process.isAlive() ? "not ready within "
                        + START_PATIENCE.toMinutes() + " min" : "exit " + process.exitValue()) + "); the end of " + log
                        + ":\n" + String.join("\n", tail(log, 30)));
            }
            sleep(100);
        }
        return new OwnProcess(label, process, log, (System.nanoTime() - start) / 1e9);
    }

    /** {@code java <jvm options> <main and its arguments>} with this JVM's own {@code java}. */
    static List<String> java(List<String> jvmOptions, List<String> rest) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.addAll(rest);
        return command;
    }

    String label() {
        return label;
    }

    long pid() {
        return process.pid();
    }

    /** From the process's start until it was ready. */
    double startSeconds() {
        return startSeconds;
    }

    /** VmRSS, as Linux counts it: the memory the process holds, heap, metaspace, code, threads' stacks and all. */
    long residentBytes() {
        try {
            return Files.readAllLines(Path.of("/proc/" + process.pid() + "/status")).stream()
                    .filter(l -> l.startsWith("VmRSS:")).findFirst()
                    .map(l -> Long.parseLong(l.replaceAll("[^0-9]", "")) * 1024).orElse(0L);
        } catch (IOException e) {
            return 0;
        }
    }

    /** User and system CPU time of all its threads so far. */
    Duration cpuTime() {
        return process.info().totalCpuDuration().orElseThrow(() -> new IllegalStateException(
                "the operating system does not report the CPU time of " + label));
    }

    /** Its used heap after two full collections, asked of it with the JDK's {@code jcmd}. */
    long usedHeapAfterFullGc() {
        jcmd("GC.run");
        jcmd("GC.run");
        String info = jcmd("GC.heap_info");
        Matcher used = USED.matcher(info);
        if (!used.find()) {
            throw new IllegalStateException("jcmd GC.heap_info of " + label + " named no used heap: " + info);
        }
        return Long.parseLong(used.group(1)) * 1024;
    }

    private String jcmd(String command) {
        try {
            Process jcmd = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
                    Long.toString(process.pid()), command).redirectErrorStream(true).start();
            String output = new String(jcmd.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (jcmd.waitFor() != 0) {
                throw new IllegalStateException("jcmd " + command + " of " + label + " failed: " + output);
            }
            return output;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** SIGTERM, as an operator stops a node: it closes its context; killed if it has not ended within a minute. */
    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(STOP_PATIENCE.toSeconds(), TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static List<String> tail(Path file, int lines) {
        try {
            List<String> all = Files.readAllLines(file, StandardCharsets.UTF_8);
            return all.subList(Math.max(0, all.size() - lines), all.size());
        } catch (IOException | UncheckedIOException e) {
            return List.of("(cannot read " + file + ": " + e.getMessage() + ")");
        }
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}

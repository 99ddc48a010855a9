package nl.bronsein.benchmark;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;

import org.slf4j.bridge.SLF4JBridgeHandler;

/**
 * {@code java -jar benchmark.jar [options]} ({@code ./benchmark}): see {@link Options#USAGE} and docs/benchmark.md.
 * Exit codes: 0 when every database was measured (whether or not the targets were met), 1 when a run failed, 2 for bad
 * arguments.
 */
public final class BenchmarkMain {

    private BenchmarkMain() {
    }

    public static void main(String[] args) {
        // Logback reads logback.xml once; Spring Boot would configure it again at every node's start and reset it at
        // every node's stop, leaving the broker and the clients without a log for the rest of the run.
        System.setProperty("org.springframework.boot.logging.LoggingSystem", "none");
        // what Spring Boot's logging system would have done too: Tomcat's java.util.logging into the log file
        SLF4JBridgeHandler.removeHandlersForRootLogger();
        SLF4JBridgeHandler.install();
        System.exit(run(args, System.out));
    }

    static int run(String[] args, PrintStream out) {
        Options options;
        try {
            options = Options.parse(args);
        } catch (Options.HelpRequested help) {
            out.print(Options.USAGE);
            return 0;
        } catch (Options.UsageException e) {
            System.err.println("benchmark: " + e.getMessage());
            System.err.print(Options.USAGE);
            return 2;
        }
        long start = System.nanoTime();
        printMachine(options, out);
        Map<DatabaseKind, DatabaseRun.Figures> results = new LinkedHashMap<>();
        ProvisionedScale.Result scale = null;
        boolean failed = false;
        Path dir = temporaryDirectory();
        try {
            for (DatabaseKind kind : options.databases()) {
                out.println();
                out.println("== " + kind.label + " ==");
                long databaseStart = System.nanoTime();
                try {
                    results.put(kind, new DatabaseRun(options, out).run(kind, dir.resolve(kind.option)));
                } catch (Exception e) {
                    results.put(kind, null);
                    out.println("  FAILED: " + e);
                    e.printStackTrace(out);
                } finally {
                    out.printf("  (%s took %s)%n", kind.label, minutes(System.nanoTime() - databaseStart));
                    delete(dir.resolve(kind.option));
                }
            }
            if (options.participants() > 0) {
                out.println();
                out.println("== a provisioned secured broker (its own process) ==");
                long scaleStart = System.nanoTime();
                try {
                    scale = ProvisionedScale.measure(dir.resolve("scale"), options.participants(), out);
                } catch (Exception e) {
                    failed = true;
                    out.println("  FAILED: " + e);
                    e.printStackTrace(out);
                } finally {
                    out.printf("  (took %s)%n", minutes(System.nanoTime() - scaleStart));
                }
            }
        } finally {
            delete(dir);
        }
        out.println();
        Report.print(results, out);
        if (scale != null) {
            out.println();
            Report.print(scale, out);
        }
        out.println();
        out.println("Total duration: " + minutes(System.nanoTime() - start));
        return results.containsValue(null) || failed ? 1 : 0;
    }

    private static void printMachine(Options options, PrintStream out) {
        Runtime runtime = Runtime.getRuntime();
        out.println("Bronsein benchmark" + (options.quick() ? " (--quick: small counts, a smoke run, not figures)" : ""));
        out.printf("machine: %d cores (%s %s, %s), shared by the broker, the nodes, the databases and the load driver%n",
                runtime.availableProcessors(), System.getProperty("os.name"), System.getProperty("os.version"),
                System.getProperty("os.arch"));
        out.printf("JVM: %s %s, max heap %s, GC %s%n", System.getProperty("java.vm.name"),
                System.getProperty("java.vm.version"), Report.mebibytes(runtime.maxMemory()),
                String.join("+", ManagementFactory.getGarbageCollectorMXBeans().stream().map(b -> b.getName()).toList()));
        out.printf("run: databases %s; %,d changes per throughput figure; latency %d s; %,d pulls by %d clients; "
                        + "%,d changes for heap/outbox%n", options.databases().stream().map(k -> k.label).toList(),
                options.changes(), options.latencySeconds(), options.pulls(), options.pullClients(), options.million());
        out.println("log: " + System.getProperty("bronsein.benchmark.log", "benchmark.log")
                + " (the nodes', broker's and databases' logging)");
        out.flush();
    }

    static String minutes(long nanos) {
        long seconds = Math.round(nanos / 1e9);
        return String.format("%d min %02d s", seconds / 60, seconds % 60);
    }

    private static Path temporaryDirectory() {
        try {
            return Files.createTempDirectory("bronsein-benchmark");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void delete(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            System.err.println("benchmark: could not remove " + dir + ": " + e.getMessage());
        }
    }
}

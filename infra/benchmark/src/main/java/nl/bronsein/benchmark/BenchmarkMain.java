package nl.bronsein.benchmark;

import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;

import org.slf4j.bridge.SLF4JBridgeHandler;


import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.TypeConversionException;

/**
 * {@code java -jar benchmark.jar [options]} ({@code ./benchmark}): see {@code --help} and docs/benchmark.md.
 * Exit codes: 0 when every database was measured (whether or not the targets were met), 1 when a run failed, 2 for bad
 * arguments.
 */
@Command(name = "./benchmark", mixinStandardHelpOptions = true, sortOptions = false,
        versionProvider = BenchmarkMain.Version.class,
        description = "Measures a node's throughput, latency, pulls, heap and outbox size on H2 and PostgreSQL, and a "
                + "provisioned broker's scale. Default counts in brackets; --quick shrinks them, explicit options win.",
        exitCodeOnInvalidInput = 2, exitCodeOnExecutionException = 1)
public final class BenchmarkMain implements Callable<Integer> {

    @Option(names = "--quick", description = "a smoke run: small counts everywhere")
    boolean quick;

    @Option(names = "--one-jvm", description = "the nodes, the broker and the peer in this JVM, as before issue 21 "
            + "(default: each in an OS process of its own, as deployed); needed for --million-via service")
    boolean oneJvm;

    @Option(names = "--databases", paramLabel = "LIST", split = ",", converter = DatabaseConverter.class,
            description = "h2, postgres or both, one after the other [h2,postgres]")
    List<DatabaseKind> databases;

    @Option(names = "--changes", paramLabel = "N", converter = CountConverter.class,
            description = "changes for the throughput and plain-JDBC figures [20000; quick 500]")
    Long changes;

    @Option(names = "--million", paramLabel = "N", converter = CountConverter.class,
            description = "changes in the outbox for the heap and outbox-size figures [100000, with --one-jvm 1000000; "
                    + "quick 5000]")
    Long million;

    @Option(names = "--million-via", paramLabel = "PATH", converter = MillionPathConverter.class,
            description = "api: the staff API; service: the node's ReferralService in-process (same transaction and "
                    + "relay; --one-jvm only); default: the API, with --one-jvm the API if it would take at most 10 "
                    + "minutes, else the service")
    MillionChanges.Path millionPath;

    @Option(names = "--clients", paramLabel = "N", converter = CountConverter.class,
            description = "staff clients for throughput; default: tried 1..32, the smallest that saturates")
    Long clients;

    @Option(names = "--latency-seconds", paramLabel = "N", converter = CountConverter.class,
            description = "how long the half-rate load for commit-to-consumer latency runs [30; quick 5]")
    Long latencySeconds;

    @Option(names = "--pulls", paramLabel = "N", converter = CountConverter.class,
            description = "pulls measured, and as many plain GETs [20000; quick 1000]")
    Long pulls;

    @Option(names = "--pull-clients", paramLabel = "N", converter = CountConverter.class,
            description = "concurrent keep-alive clients for pulls and plain GETs [4]")
    Long pullClients;

    @Option(names = "--participants", paramLabel = "N", converter = CountConverter.class,
            description = "a provisioned secured broker of N participants (and of N/10), extrapolated to the real "
                    + "network's 15,342; 0 = skip [1500; quick 150]")
    Long participants;

    @Option(names = "--processing-log-rows", paramLabel = "N", converter = CountConverter.class,
            description = "records in the processing log whose queries are timed, PostgreSQL only "
                    + "[10000000; quick 100000]")
    Long processingLogRows;

    @Option(names = "--catch-up", paramLabel = "N", converter = CountConverter.class,
            description = "referrals recorded while the municipality node is away, which it then catches up on "
                    + "[100000; quick 2000]")
    Long catchUp;

    @Option(names = "--parts", paramLabel = "LIST", split = ",", converter = PartConverter.class,
            description = "only these parts: throughput, plain-jdbc, latency, case-opened, pulls, catch-up, "
                    + "others-traffic, million, plaintext, peer, "
                    + "processing-log, broker-scale (e.g. throughput,pulls to compare two builds) [all]")
    List<Part> parts;

    @Spec
    CommandSpec spec;

    private PrintStream out = System.out;

    /** The version of this jar (its manifest), or a development build's. */
    static final class Version implements IVersionProvider {
        @Override
        public String[] getVersion() {
            String version = BenchmarkMain.class.getPackage().getImplementationVersion();
            return new String[] {"benchmark " + (version == null ? "(development build)" : version)};
        }
    }

    /** A whole number, 0 or more; {@code 1_000} and {@code 1,000} are read as 1000. */
    static final class CountConverter implements ITypeConverter<Long> {
        @Override
        public Long convert(String value) {
            try {
                long count = Long.parseLong(value.strip().replace("_", "").replace(",", ""));
                if (count < 0) {
                    throw new TypeConversionException("must be 0 or more: " + value);
                }
                return count;
            } catch (NumberFormatException e) {
                throw new TypeConversionException("must be a whole number: " + value);
            }
        }
    }

    /** One of the databases, by its option name. */
    static final class DatabaseConverter implements ITypeConverter<DatabaseKind> {
        @Override
        public DatabaseKind convert(String value) {
            return DatabaseKind.fromOption(value)
                    .orElseThrow(() -> new TypeConversionException("unknown database " + value + " (h2, postgres)"));
        }
    }

    /** One of the parts, by its option name. */
    static final class PartConverter implements ITypeConverter<Part> {
        @Override
        public Part convert(String value) {
            return Part.fromOption(value).orElseThrow(() -> new TypeConversionException("unknown part " + value + " ("
                    + String.join(", ", EnumSet.allOf(Part.class).stream().map(Part::option).toList()) + ")"));
        }
    }

    /** {@code api} or {@code service}. */
    static final class MillionPathConverter implements ITypeConverter<MillionChanges.Path> {
        @Override
        public MillionChanges.Path convert(String value) {
            return switch (value.strip()) {
                case "api" -> MillionChanges.Path.API;
                case "service" -> MillionChanges.Path.SERVICE;
                default -> throw new TypeConversionException("api or service, not " + value);
            };
        }
    }

    public static void main(String[] args) {
        // Logback reads logback.xml once; Spring Boot would configure it again at every node's start and reset it at
        // every node's stop, leaving the broker and the clients without a log for the rest of the run.
        System.setProperty("org.springframework.boot.logging.LoggingSystem", "none");
        // what Spring Boot's logging system would have done too: Tomcat's java.util.logging into the log file
        SLF4JBridgeHandler.removeHandlersForRootLogger();
        SLF4JBridgeHandler.install();
        System.exit(run(args, System.out, System.err));
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        BenchmarkMain command = new BenchmarkMain();
        command.out = out;
        return commandLine(command, out, err).execute(args);
    }

    /** The command line of {@code command}: a bad argument is one line and the usage on {@code err}. */
    static CommandLine commandLine(BenchmarkMain command, PrintStream out, PrintStream err) {
        return new CommandLine(command)
                .setOut(new PrintWriter(out, true, StandardCharsets.UTF_8))
                .setErr(new PrintWriter(err, true, StandardCharsets.UTF_8))
                .setParameterExceptionHandler((e, arguments) -> {
                    CommandLine line = e.getCommandLine();
                    line.getErr().println("benchmark: " + e.getMessage());
                    line.usage(line.getErr());
                    return 2;
                });
    }

    /** The options given, with the defaults of a full or a quick run for those not given. */
    Options options() {
        EnumSet<Part> chosen = parts == null ? Part.all() : EnumSet.copyOf(parts);
        Part.missing(chosen).ifPresent(why -> {
            throw new ParameterException(spec.commandLine(), "--parts: " + why);
        });
        if (millionPath == MillionChanges.Path.SERVICE && !oneJvm) {
            throw new ParameterException(spec.commandLine(), "--million-via service calls the GP node's service in this "
                    + "JVM: add --one-jvm");
        }
        return new Options(
                databases == null ? List.of(DatabaseKind.H2, DatabaseKind.POSTGRES)
                        : List.copyOf(new LinkedHashSet<>(databases)),
                atLeast("--changes", changes, quick ? 500 : 20_000, 1),
                atLeast("--million", million, quick ? 5_000 : oneJvm ? 1_000_000 : 100_000, 1),
                millionPath,
                (int) atLeast("--clients", clients, 0, 0),
                (int) atLeast("--latency-seconds", latencySeconds, quick ? 5 : 30, 1),
                atLeast("--pulls", pulls, quick ? 1_000 : 20_000, 1),
                (int) atLeast("--pull-clients", pullClients, 4, 1),
                (int) atLeast("--participants", participants, quick ? 150 : 1_500, 0),
                quick, chosen,
                atLeast("--processing-log-rows", processingLogRows, quick ? 100_000 : 10_000_000, 1),
                atLeast("--catch-up", catchUp, quick ? 2_000 : 100_000, 1), oneJvm);
    }

    private long atLeast(String option, Long given, long fallback, long min) {
        if (given == null) {
            return fallback;
        }
        if (given < min) {
            throw new ParameterException(spec.commandLine(), option + " must be at least " + min + ": " + given);
        }
        return given;
    }

    @Override
    public Integer call() {
        Options options = options();
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
            if (options.runs(Part.BROKER_SCALE) && options.participants() > 0) {
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
        Report.print(results, options.parts(), out);
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
        out.printf("machine: %d cores (%s %s, %s), shared by the broker, the nodes, the databases and the load driver"
                        + (options.oneJvm() ? ", all in this JVM (--one-jvm)" : ", each in a process of its own") + "%n",
                runtime.availableProcessors(), System.getProperty("os.name"), System.getProperty("os.version"),
                System.getProperty("os.arch"));
        out.printf("JVM: %s %s, max heap %s, GC %s%n", System.getProperty("java.vm.name"),
                System.getProperty("java.vm.version"), Report.mebibytes(runtime.maxMemory()),
                String.join("+", ManagementFactory.getGarbageCollectorMXBeans().stream().map(b -> b.getName()).toList()));
        out.printf("run: databases %s; %,d changes per throughput figure; latency %d s; %,d pulls by %d clients; "
                        + "%,d changes for heap/outbox%n", options.databases().stream().map(k -> k.label).toList(),
                options.changes(), options.latencySeconds(), options.pulls(), options.pullClients(), options.million());
        if (!options.parts().containsAll(Part.all())) {
            out.println("parts: only " + String.join(", ", EnumSet.copyOf(options.parts()).stream().map(Part::option)
                    .toList()) + " (--parts)");
        }
        out.println("log: " + System.getProperty("bronsein.benchmark.log", "benchmark.log")
                + " (the driver's logging; with --one-jvm also the nodes', broker's and databases'); each process of its"
                + " own logs beside it (benchmark-<database>-network-<gp|municipality|broker|peer>.log)");
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

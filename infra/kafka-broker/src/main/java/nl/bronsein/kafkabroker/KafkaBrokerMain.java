package nl.bronsein.kafkabroker;

import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

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
 * Runs a {@link LocalKafkaBroker} as the broker of a local network until the process is stopped (SIGTERM, Ctrl-C).
 *
 * <pre>
 * KafkaBrokerMain [--port N] [--data-dir DIR] [--tls-certificate FILE --tls-key FILE --tls-ca FILE [--super-user ID]...]
 * </pre>
 *
 * With the three {@code --tls-*} files the broker is {@link LocalKafkaBroker#secured secured}; without them it is the
 * plaintext development broker.
 *
 * Exit codes: 0 after --help, 1 when the broker cannot start, 2 for bad arguments.
 */
@Command(name = "KafkaBrokerMain", mixinStandardHelpOptions = true, sortOptions = false,
        versionProvider = KafkaBrokerMain.Version.class,
        description = "Runs a single-node KRaft broker on 127.0.0.1 until it is stopped (SIGTERM, Ctrl-C).",
        exitCodeOnInvalidInput = KafkaBrokerMain.EXIT_USAGE, exitCodeOnExecutionException = KafkaBrokerMain.EXIT_START_FAILED)
public final class KafkaBrokerMain implements Callable<Integer> {

    /** The start of the line printed once clients can connect (a launcher that runs this as a process waits for it). */
    public static final String READY = "Kafka broker ready on ";
    static final int DEFAULT_PORT = 9092;
    static final String DEFAULT_DATA_DIR = "./data/kafka";
    static final int EXIT_START_FAILED = 1;
    static final int EXIT_USAGE = 2;

    private static final List<String> TLS_FILE_OPTIONS = List.of("--tls-certificate", "--tls-key", "--tls-ca");

    @Option(names = "--port", paramLabel = "N", defaultValue = "" + DEFAULT_PORT, converter = PortConverter.class,
            description = "client port on 127.0.0.1 (default ${DEFAULT-VALUE}; 0 = any free port)")
    int port;

    @Option(names = "--data-dir", paramLabel = "DIR", defaultValue = DEFAULT_DATA_DIR, converter = PathConverter.class,
            description = "where the cluster id, topics and offsets are kept (default ${DEFAULT-VALUE})")
    Path dataDir;

    @Option(names = "--tls-certificate", paramLabel = "FILE", converter = PathConverter.class,
            description = {"the broker's PEM certificate chain (leaf first, naming an OIN/KvK participant); with "
                    + "--tls-key and --tls-ca the broker is secured: mutual TLS only, principals are participant ids, "
                    + "nothing is allowed without an ACL"})
    Path certificateChain;

    @Option(names = "--tls-key", paramLabel = "FILE", converter = PathConverter.class,
            description = "the broker's unencrypted PKCS#8 PEM key")
    Path privateKey;

    @Option(names = "--tls-ca", paramLabel = "FILE", converter = PathConverter.class,
            description = "the PEM CA certificate(s) client certificates must chain to")
    Path trustedCertificates;

    @Option(names = "--super-user", paramLabel = "ID",
            description = "a participant id (urn:nld:oin:..., urn:nld:kvk:...) allowed everything; repeatable")
    List<String> superUsers = new ArrayList<>();

    @Spec
    CommandSpec spec;

    private PrintStream out = System.out;
    private PrintStream err = System.err;

    /** The PEM files of a secured broker, as given on the command line (read when the broker is made). */
    record TlsFiles(Path certificateChain, Path privateKey, Path trustedCertificates, Set<String> superUsers) {

        BrokerSecurity load() {
            return new BrokerSecurity(read(certificateChain, "--tls-certificate"), read(privateKey, "--tls-key"),
                    read(trustedCertificates, "--tls-ca"), superUsers);
        }

        private static String read(Path file, String option) {
            try {
                return Files.readString(file, StandardCharsets.US_ASCII);
            } catch (IOException e) {
                throw new IllegalArgumentException(option + ": cannot read " + file + " (" + e.getMessage() + ")", e);
            }
        }
    }

    /** The version of this jar (its manifest), or a development build's. */
    static final class Version implements IVersionProvider {
        @Override
        public String[] getVersion() {
            String version = KafkaBrokerMain.class.getPackage().getImplementationVersion();
            return new String[] {"KafkaBrokerMain " + (version == null ? "(development build)" : version)};
        }
    }

    /** A client port: 0 (any free port) to 65535. */
    static final class PortConverter implements ITypeConverter<Integer> {
        @Override
        public Integer convert(String value) {
            int port;
            try {
                port = Integer.parseInt(value.strip());
            } catch (NumberFormatException e) {
                throw new TypeConversionException("must be a number, got '" + value + "'");
            }
            if (port < 0 || port > 65535) {
                throw new TypeConversionException("must be between 0 and 65535, got " + port);
            }
            return port;
        }
    }

    /** A path that is not empty. */
    static final class PathConverter implements ITypeConverter<Path> {
        @Override
        public Path convert(String value) {
            if (value.isBlank()) {
                throw new TypeConversionException("must not be empty");
            }
            try {
                return Path.of(value);
            } catch (InvalidPathException e) {
                throw new TypeConversionException("not a valid path: '" + value + "'");
            }
        }
    }

    /**
     * The files of a secured broker; null for the plaintext broker.
     *
     * @throws ParameterException when only some of the three files, or super users without them, are given
     */
    TlsFiles tls() {
        Map<String, Path> given = new LinkedHashMap<>();
        given.put("--tls-certificate", certificateChain);
        given.put("--tls-key", privateKey);
        given.put("--tls-ca", trustedCertificates);
        given.values().removeIf(Objects::isNull);
        if (given.isEmpty()) {
            if (!superUsers.isEmpty()) {
                throw new ParameterException(spec.commandLine(),
                        "--super-user needs a secured broker (--tls-certificate, --tls-key, --tls-ca)");
            }
            return null;
        }
        List<String> missing = TLS_FILE_OPTIONS.stream().filter(option -> !given.containsKey(option)).toList();
        if (!missing.isEmpty()) {
            throw new ParameterException(spec.commandLine(), "a secured broker needs "
                    + String.join(", ", TLS_FILE_OPTIONS) + "; missing " + String.join(", ", missing));
        }
        Set<String> users = new LinkedHashSet<>();
        superUsers.forEach(user -> users.add(user.strip()));
        return new TlsFiles(certificateChain, privateKey, trustedCertificates, users);
    }

    /**
     * The command that runs this broker as an OS process of its own, from the code the caller runs from: a Spring Boot
     * jar ({@code codeLocation}, run through Spring Boot's {@code PropertiesLauncher}, which runs any main class of such
     * a jar), or else this JVM's class path (tests, an IDE). The broker's own arguments follow.
     *
     * @param java       the java executable
     * @param jvmOptions options for the broker's JVM (heap, tags), placed before the class path
     */
    public static List<String> processCommand(Path java, List<String> jvmOptions, Path codeLocation) {
        List<String> command = new java.util.ArrayList<>();
        command.add(java.toString());
        command.addAll(jvmOptions);
        if (isSpringBootJar(codeLocation)) {
            command.addAll(List.of("-cp", codeLocation.toString(), "-Dloader.main=" + KafkaBrokerMain.class.getName(),
                    "org.springframework.boot.loader.launch.PropertiesLauncher"));
        } else {
            command.addAll(List.of("-cp", System.getProperty("java.class.path"), KafkaBrokerMain.class.getName()));
        }
        return command;
    }

    private static boolean isSpringBootJar(Path file) {
        if (file == null || !Files.isRegularFile(file)) {
            return false;
        }
        try (java.util.jar.JarFile jar = new java.util.jar.JarFile(file.toFile())) {
            return jar.getManifest() != null && jar.getManifest().getMainAttributes()
                    .getValue(new java.util.jar.Attributes.Name("Start-Class")) != null;
        } catch (IOException e) {
            return false;
        }
    }

    public static void main(String[] args) {
        int exitCode = run(args, System.out, System.err);
        if (exitCode != 0) {
            System.exit(exitCode);
        }
    }

    /**
     * Parses the arguments, starts the broker and blocks until the JVM shuts down (the shutdown hook stops the broker).
     * Returns at once with a non-zero exit code for bad arguments or a broker that cannot start.
     */
    static int run(String[] args, PrintStream out, PrintStream err) {
        KafkaBrokerMain command = new KafkaBrokerMain();
        command.out = out;
        command.err = err;
        return commandLine(command, out, err).execute(args);
    }

    /** The command line of {@code command}: a bad argument is one line and the usage on {@code err}. */
    static CommandLine commandLine(KafkaBrokerMain command, PrintStream out, PrintStream err) {
        return new CommandLine(command)
                .setOut(new PrintWriter(out, true, StandardCharsets.UTF_8))
                .setErr(new PrintWriter(err, true, StandardCharsets.UTF_8))
                .setParameterExceptionHandler((e, args) -> {
                    CommandLine line = e.getCommandLine();
                    line.getErr().println("KafkaBrokerMain: " + e.getMessage());
                    line.usage(line.getErr());
                    return EXIT_USAGE;
                });
    }

    @Override
    public Integer call() {
        TlsFiles tls = tls();
        LocalKafkaBroker broker;
        try {
            broker = tls == null ? new LocalKafkaBroker(dataDir, port)
                    : LocalKafkaBroker.secured(dataDir, port, tls.load());
        } catch (RuntimeException e) {
            err.println("KafkaBrokerMain: " + e.getMessage());
            return EXIT_START_FAILED;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            try {
                broker.close();
                out.println("Kafka broker on " + broker.bootstrapServers() + " stopped");
                out.flush();
            } finally {
                stopped.countDown();
            }
        }, "kafka-broker-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            broker.start();
        } catch (RuntimeException e) {
            Runtime.getRuntime().removeShutdownHook(hook);
            err.println("KafkaBrokerMain: " + rootMessage(e));
            return EXIT_START_FAILED;
        }
        out.println(READY + broker.bootstrapServers());
        broker.security().ifPresent(security -> out.println("Secured: mutual TLS only, principal of the broker "
                + security.brokerParticipant() + ", super users " + new java.util.TreeSet<>(security.superUsers())));
        out.flush();
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return 0;
    }

    private static String rootMessage(Throwable t) {
        String message = t.getMessage();
        Throwable root = t;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        if (root != t && root.getMessage() != null && (message == null || !message.contains(root.getMessage()))) {
            message = message + " (cause: " + root.getClass().getSimpleName() + ": " + root.getMessage() + ")";
        }
        return message == null ? t.getClass().getName() : message.replace(System.lineSeparator(), " ");
    }
}

package nl.bronsein.kafkabroker;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;

/**
 * Runs a {@link LocalKafkaBroker} as the broker of a local network until the process is stopped (SIGTERM, Ctrl-C).
 *
 * <pre>
 * KafkaBrokerMain [--port N] [--data-dir DIR] [--tls-certificate FILE --tls-key FILE --tls-ca FILE [--super-user ID]...]
 * </pre>
 *
 * With the three {@code --tls-*} files the broker is {@link LocalKafkaBroker#secured secured}; without them it is the
 * plaintext development broker (see {@link #USAGE}).
 *
 * Exit codes: 0 after --help, 1 when the broker cannot start, 2 for bad arguments.
 */
public final class KafkaBrokerMain {

    /** The start of the line printed once clients can connect (a launcher that runs this as a process waits for it). */
    public static final String READY = "Kafka broker ready on ";
    static final int DEFAULT_PORT = 9092;
    static final String DEFAULT_DATA_DIR = "./data/kafka";
    static final int EXIT_START_FAILED = 1;
    static final int EXIT_USAGE = 2;

    static final String USAGE = String.join(System.lineSeparator(),
            "Usage: KafkaBrokerMain [--port N] [--data-dir DIR] [--tls-certificate FILE --tls-key FILE --tls-ca FILE"
                    + " [--super-user ID]...]",
            "  --port N               client port on 127.0.0.1 (default " + DEFAULT_PORT + "; 0 = any free port)",
            "  --data-dir DIR         where the cluster id, topics and offsets are kept (default " + DEFAULT_DATA_DIR + ")",
            "  --tls-certificate FILE the broker's PEM certificate chain (leaf first, naming an OIN/KvK participant);",
            "                         with --tls-key and --tls-ca the broker is secured: mutual TLS only, principals",
            "                         are participant ids, nothing is allowed without an ACL",
            "  --tls-key FILE         the broker's unencrypted PKCS#8 PEM key",
            "  --tls-ca FILE          the PEM CA certificate(s) client certificates must chain to",
            "  --super-user ID        a participant id (urn:nld:oin:..., urn:nld:kvk:...) allowed everything; repeatable",
            "  --help                 show this help");

    private static final List<String> TLS_FILE_OPTIONS = List.of("--tls-certificate", "--tls-key", "--tls-ca");

    private KafkaBrokerMain() {
    }

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

    /** What the command line asked for: options to run with (tls null = plaintext), help, or an error message. */
    record Arguments(int port, Path dataDir, TlsFiles tls, boolean help, String error) {

        static Arguments run(int port, Path dataDir, TlsFiles tls) {
            return new Arguments(port, dataDir, tls, false, null);
        }

        static Arguments showHelp() {
            return new Arguments(DEFAULT_PORT, Path.of(DEFAULT_DATA_DIR), null, true, null);
        }

        static Arguments invalid(String error) {
            return new Arguments(-1, null, null, false, error);
        }

        boolean isError() {
            return error != null;
        }
    }

    /** Parses the command line; never exits and never throws. */
    static Arguments parse(String... args) {
        int port = DEFAULT_PORT;
        Path dataDir = Path.of(DEFAULT_DATA_DIR);
        Map<String, Path> tlsFiles = new LinkedHashMap<>();
        Set<String> superUsers = new LinkedHashSet<>();
        boolean portSeen = false;
        boolean dataDirSeen = false;
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            String name = arg;
            String value = null;
            int eq = arg.indexOf('=');
            if (arg.startsWith("--") && eq > 0) {
                name = arg.substring(0, eq);
                value = arg.substring(eq + 1);
            }
            switch (name) {
                case "--help", "-h" -> {
                    return Arguments.showHelp();
                }
                case "--port", "--data-dir", "--tls-certificate", "--tls-key", "--tls-ca", "--super-user" -> {
                    if (value == null) {
                        if (i + 1 >= args.length || args[i + 1].startsWith("--")) {
                            return Arguments.invalid("missing value for " + name);
                        }
                        value = args[++i];
                    }
                    if (name.equals("--port")) {
                        if (portSeen) {
                            return Arguments.invalid("--port given more than once");
                        }
                        portSeen = true;
                        try {
                            port = Integer.parseInt(value.trim());
                        } catch (NumberFormatException e) {
                            return Arguments.invalid("--port must be a number, got '" + value + "'");
                        }
                        if (port < 0 || port > 65535) {
                            return Arguments.invalid("--port must be between 0 and 65535, got " + port);
                        }
                    } else if (name.equals("--super-user")) {
                        superUsers.add(value.strip());
                    } else {
                        if (name.equals("--data-dir") ? dataDirSeen : tlsFiles.containsKey(name)) {
                            return Arguments.invalid(name + " given more than once");
                        }
                        if (value.isBlank()) {
                            return Arguments.invalid(name + " must not be empty");
                        }
                        Path path;
                        try {
                            path = Path.of(value);
                        } catch (InvalidPathException e) {
                            return Arguments.invalid(name + " is not a valid path: '" + value + "'");
                        }
                        if (name.equals("--data-dir")) {
                            dataDirSeen = true;
                            dataDir = path;
                        } else {
                            tlsFiles.put(name, path);
                        }
                    }
                }
                default -> {
                    return Arguments.invalid("unknown argument '" + arg + "'");
                }
            }
        }
        if (tlsFiles.isEmpty()) {
            return superUsers.isEmpty() ? Arguments.run(port, dataDir, null)
                    : Arguments.invalid("--super-user needs a secured broker (--tls-certificate, --tls-key, --tls-ca)");
        }
        List<String> missing = TLS_FILE_OPTIONS.stream().filter(option -> !tlsFiles.containsKey(option)).toList();
        if (!missing.isEmpty()) {
            return Arguments.invalid("a secured broker needs " + String.join(", ", TLS_FILE_OPTIONS) + "; missing "
                    + String.join(", ", missing));
        }
        return Arguments.run(port, dataDir, new TlsFiles(tlsFiles.get("--tls-certificate"), tlsFiles.get("--tls-key"),
                tlsFiles.get("--tls-ca"), superUsers));
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
        Arguments arguments = parse(args);
        if (arguments.isError()) {
            err.println("KafkaBrokerMain: " + arguments.error());
            err.println(USAGE);
            return EXIT_USAGE;
        }
        if (arguments.help()) {
            out.println(USAGE);
            return 0;
        }

        LocalKafkaBroker broker;
        try {
            broker = arguments.tls() == null ? new LocalKafkaBroker(arguments.dataDir(), arguments.port())
                    : LocalKafkaBroker.secured(arguments.dataDir(), arguments.port(), arguments.tls().load());
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

package nl.bronsein.kafkabroker;

import java.io.PrintStream;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * Runs a {@link LocalKafkaBroker} as the broker of a local network until the process is stopped (SIGTERM, Ctrl-C).
 *
 * <pre>
 * KafkaBrokerMain [--port N] [--data-dir DIR]
 *   --port N        client port on 127.0.0.1 (default 9092; 0 = any free port)
 *   --data-dir DIR  where the cluster id, topics and offsets are kept (default ./data/kafka)
 * </pre>
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
            "Usage: KafkaBrokerMain [--port N] [--data-dir DIR]",
            "  --port N        client port on 127.0.0.1 (default " + DEFAULT_PORT + "; 0 = any free port)",
            "  --data-dir DIR  where the cluster id, topics and offsets are kept (default " + DEFAULT_DATA_DIR + ")",
            "  --help          show this help");

    private KafkaBrokerMain() {
    }

    /** What the command line asked for: options to run with, help, or an error message. */
    record Arguments(int port, Path dataDir, boolean help, String error) {

        static Arguments run(int port, Path dataDir) {
            return new Arguments(port, dataDir, false, null);
        }

        static Arguments showHelp() {
            return new Arguments(DEFAULT_PORT, Path.of(DEFAULT_DATA_DIR), true, null);
        }

        static Arguments invalid(String error) {
            return new Arguments(-1, null, false, error);
        }

        boolean isError() {
            return error != null;
        }
    }

    /** Parses the command line; never exits and never throws. */
    static Arguments parse(String... args) {
        int port = DEFAULT_PORT;
        Path dataDir = Path.of(DEFAULT_DATA_DIR);
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
                case "--port", "--data-dir" -> {
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
                    } else {
                        if (dataDirSeen) {
                            return Arguments.invalid("--data-dir given more than once");
                        }
                        dataDirSeen = true;
                        if (value.isBlank()) {
                            return Arguments.invalid("--data-dir must not be empty");
                        }
                        try {
                            dataDir = Path.of(value);
                        } catch (InvalidPathException e) {
                            return Arguments.invalid("--data-dir is not a valid path: '" + value + "'");
                        }
                    }
                }
                default -> {
                    return Arguments.invalid("unknown argument '" + arg + "'");
                }
            }
        }
        return Arguments.run(port, dataDir);
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
            broker = new LocalKafkaBroker(arguments.dataDir(), arguments.port());
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

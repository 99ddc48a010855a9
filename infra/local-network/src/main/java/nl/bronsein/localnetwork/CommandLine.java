package nl.bronsein.localnetwork;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The launcher's command line: {@code [run] [options]}, {@code demo [options]} or {@code --help}. Parsing never
 * exits and never prints; anything wrong is a {@link UsageException} with a one-line message.
 */
final class CommandLine {

    static final String DEFAULT_DATA_DIR = "./.bronsein-network";
    static final int DEFAULT_KAFKA_PORT = 9092;
    static final int DEFAULT_GP_PORT = 8443;
    static final int DEFAULT_GP_STAFF_PORT = 8080;
    static final int DEFAULT_MUNICIPALITY_PORT = 9443;
    static final int DEFAULT_MUNICIPALITY_STAFF_PORT = 9080;
    static final int DEFAULT_PROVIDER_PORT = 7443;
    static final int DEFAULT_PROVIDER_STAFF_PORT = 7080;
    static final int DEFAULT_STARTUP_TIMEOUT_SECONDS = 120;
    static final String DEFAULT_GP_URL = "http://127.0.0.1:" + DEFAULT_GP_STAFF_PORT;
    static final String DEFAULT_MUNICIPALITY_URL = "http://127.0.0.1:" + DEFAULT_MUNICIPALITY_STAFF_PORT;
    static final String DEFAULT_PROVIDER_URL = "http://127.0.0.1:" + DEFAULT_PROVIDER_STAFF_PORT;

    /** The synopsis, printed after a bad argument. */
    static final String SHORT_USAGE = String.join(System.lineSeparator(),
            "usage: local-network [run] [--data-dir DIR] [--kafka-port N] [--gp-port N] [--gp-staff-port N]",
            "                     [--municipality-port N] [--municipality-staff-port N] [--provider-port N]",
            "                     [--provider-staff-port N] [--nodes-dir DIR] [--startup-timeout SECONDS]",
            "       local-network demo [--gp URL] [--municipality URL] [--provider URL] [--data-dir DIR]",
            "       local-network --help");

    static final String USAGE = String.join(System.lineSeparator(),
            SHORT_USAGE,
            "",
            "run (the default) starts a local network until Ctrl-C: dev PKI, participant list, a Kafka broker, a GP",
            "practice node, a municipality node and a care provider node. Everything is kept in DATA_DIR, so a second",
            "start goes on with the same certificates, topics and databases.",
            "  --data-dir DIR                 where everything is kept (default " + DEFAULT_DATA_DIR + ")",
            "  --kafka-port N                 Kafka broker port on 127.0.0.1 (default " + DEFAULT_KAFKA_PORT + ")",
            "  --gp-port N                    GP node network port, mutual TLS (default " + DEFAULT_GP_PORT + ")",
            "  --gp-staff-port N              GP node staff API port (default " + DEFAULT_GP_STAFF_PORT + ")",
            "  --municipality-port N          municipality node network port (default " + DEFAULT_MUNICIPALITY_PORT + ")",
            "  --municipality-staff-port N    municipality node staff API port (default "
                    + DEFAULT_MUNICIPALITY_STAFF_PORT + ")",
            "  --provider-port N              provider node network port (default " + DEFAULT_PROVIDER_PORT + ")",
            "  --provider-staff-port N        provider node staff API port (default " + DEFAULT_PROVIDER_STAFF_PORT
                    + ")",
            "  --nodes-dir DIR                where node-gp.jar, node-municipality.jar and node-provider.jar are",
            "                                 (default: nodes/ next to this launcher's jar)",
            "  --startup-timeout SECONDS      how long to wait for each node to become healthy (default "
                    + DEFAULT_STARTUP_TIMEOUT_SECONDS + ")",
            "",
            "demo plays Mrs De Vries's story against a running network: every node publishes its contact point; the",
            "GP refers her to the municipality (wheelchair) and directly to the provider (welfare coach); the",
            "municipality picks the case up, grants, assigns the provider and concludes; the provider accepts and",
            "starts care on both; the GP changes her contact person and every holder sees it; then the GP's two",
            "timelines and where to look.",
            "  --gp URL                       GP node staff API (default " + DEFAULT_GP_URL + ")",
            "  --municipality URL             municipality node staff API (default " + DEFAULT_MUNICIPALITY_URL + ")",
            "  --provider URL                 provider node staff API (default " + DEFAULT_PROVIDER_URL + ")",
            "  --data-dir DIR                 the running network's data directory, where the demo reads the nodes'",
            "                                 development staff tokens (default " + DEFAULT_DATA_DIR + ")");

    private CommandLine() {
    }

    /** What the command line asks for. */
    sealed interface Command permits Run, Demo, Help {
    }

    /** Start the network. */
    record Run(NetworkOptions options) implements Command {
    }

    /** Run the demo against a running network. */
    record Demo(URI gp, URI municipality, URI provider, Path dataDir) implements Command {
    }

    /** Print the usage. */
    record Help() implements Command {
    }

    /** Options of {@code run}. {@code nodesDir} null means: next to the launcher's jar. */
    record NetworkOptions(Path dataDir, int kafkaPort, int gpPort, int gpStaffPort, int municipalityPort,
                          int municipalityStaffPort, int providerPort, int providerStaffPort, Path nodesDir,
                          Duration startupTimeout) {

        NetworkOptions {
            Objects.requireNonNull(dataDir, "dataDir");
            Objects.requireNonNull(startupTimeout, "startupTimeout");
        }

        static NetworkOptions defaults() {
            return new NetworkOptions(Path.of(DEFAULT_DATA_DIR), DEFAULT_KAFKA_PORT, DEFAULT_GP_PORT,
                    DEFAULT_GP_STAFF_PORT, DEFAULT_MUNICIPALITY_PORT, DEFAULT_MUNICIPALITY_STAFF_PORT,
                    DEFAULT_PROVIDER_PORT, DEFAULT_PROVIDER_STAFF_PORT, null,
                    Duration.ofSeconds(DEFAULT_STARTUP_TIMEOUT_SECONDS));
        }

        NetworkOptions withDataDir(Path dir) {
            return new NetworkOptions(dir, kafkaPort, gpPort, gpStaffPort, municipalityPort, municipalityStaffPort,
                    providerPort, providerStaffPort, nodesDir, startupTimeout);
        }

        /** The network port of a participant's node. */
        int port(Participants.Participant participant) {
            if (participant == Participants.GP) {
                return gpPort;
            }
            if (participant == Participants.MUNICIPALITY) {
                return municipalityPort;
            }
            if (participant == Participants.PROVIDER) {
                return providerPort;
            }
            throw new IllegalArgumentException("not a participant of the local network: " + participant);
        }

        /** The staff API port of a participant's node. */
        int staffPort(Participants.Participant participant) {
            if (participant == Participants.GP) {
                return gpStaffPort;
            }
            if (participant == Participants.MUNICIPALITY) {
                return municipalityStaffPort;
            }
            if (participant == Participants.PROVIDER) {
                return providerStaffPort;
            }
            throw new IllegalArgumentException("not a participant of the local network: " + participant);
        }

        /** Every port with the option that sets it, in the order the options are listed. */
        Map<String, Integer> ports() {
            Map<String, Integer> ports = new LinkedHashMap<>();
            ports.put("--kafka-port", kafkaPort);
            ports.put("--gp-port", gpPort);
            ports.put("--gp-staff-port", gpStaffPort);
            ports.put("--municipality-port", municipalityPort);
            ports.put("--municipality-staff-port", municipalityStaffPort);
            ports.put("--provider-port", providerPort);
            ports.put("--provider-staff-port", providerStaffPort);
            return Collections.unmodifiableMap(ports);
        }
    }

    /** Bad command line; the message is one line. */
    static final class UsageException extends IllegalArgumentException {
        private static final long serialVersionUID = 1L;

        UsageException(String message) {
            super(message);
        }
    }

    static Command parse(String... args) {
        Objects.requireNonNull(args, "args");
        if (args.length > 0 && !args[0].startsWith("-")) {
            String[] rest = java.util.Arrays.copyOfRange(args, 1, args.length);
            return switch (args[0]) {
                case "run" -> parseRun(rest);
                case "demo" -> parseDemo(rest);
                case "help" -> new Help();
                default -> throw new UsageException("unknown command '" + args[0] + "' (expected run or demo)");
            };
        }
        return parseRun(args);
    }

    private static Command parseRun(String[] args) {
        Map<String, String> values = options(args, Set.of("--data-dir", "--kafka-port", "--gp-port",
                "--gp-staff-port", "--municipality-port", "--municipality-staff-port", "--provider-port",
                "--provider-staff-port", "--nodes-dir", "--startup-timeout"));
        if (values == null) {
            return new Help();
        }
        NetworkOptions defaults = NetworkOptions.defaults();
        Path dataDir = values.containsKey("--data-dir") ? path("--data-dir", values.get("--data-dir"))
                : defaults.dataDir();
        Path nodesDir = values.containsKey("--nodes-dir") ? path("--nodes-dir", values.get("--nodes-dir")) : null;
        int kafkaPort = port(values, "--kafka-port", DEFAULT_KAFKA_PORT);
        int gpPort = port(values, "--gp-port", DEFAULT_GP_PORT);
        int gpStaffPort = port(values, "--gp-staff-port", DEFAULT_GP_STAFF_PORT);
        int municipalityPort = port(values, "--municipality-port", DEFAULT_MUNICIPALITY_PORT);
        int municipalityStaffPort = port(values, "--municipality-staff-port", DEFAULT_MUNICIPALITY_STAFF_PORT);
        int providerPort = port(values, "--provider-port", DEFAULT_PROVIDER_PORT);
        int providerStaffPort = port(values, "--provider-staff-port", DEFAULT_PROVIDER_STAFF_PORT);
        int timeout = DEFAULT_STARTUP_TIMEOUT_SECONDS;
        if (values.containsKey("--startup-timeout")) {
            timeout = number("--startup-timeout", values.get("--startup-timeout"));
            if (timeout < 1 || timeout > 3600) {
                throw new UsageException("--startup-timeout must be between 1 and 3600 seconds, got " + timeout);
            }
        }
        NetworkOptions options = new NetworkOptions(dataDir, kafkaPort, gpPort, gpStaffPort, municipalityPort,
                municipalityStaffPort, providerPort, providerStaffPort, nodesDir, Duration.ofSeconds(timeout));
        Map<Integer, String> used = new HashMap<>();
        for (Map.Entry<String, Integer> port : options.ports().entrySet()) {
            String other = used.putIfAbsent(port.getValue(), port.getKey());
            if (other != null) {
                throw new UsageException(other + " and " + port.getKey() + " are both " + port.getValue()
                        + "; every port must differ");
            }
        }
        return new Run(options);
    }

    private static Command parseDemo(String[] args) {
        Map<String, String> values = options(args, Set.of("--gp", "--municipality", "--provider", "--data-dir"));
        if (values == null) {
            return new Help();
        }
        return new Demo(url("--gp", values.getOrDefault("--gp", DEFAULT_GP_URL)),
                url("--municipality", values.getOrDefault("--municipality", DEFAULT_MUNICIPALITY_URL)),
                url("--provider", values.getOrDefault("--provider", DEFAULT_PROVIDER_URL)),
                values.containsKey("--data-dir") ? path("--data-dir", values.get("--data-dir")) : Path.of(DEFAULT_DATA_DIR));
    }

    /** Option name to value; null when --help was asked for. */
    private static Map<String, String> options(String[] args, Set<String> known) {
        Map<String, String> values = new HashMap<>();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < args.length; i++) {
            String arg = Objects.requireNonNull(args[i], "argument");
            if (arg.equals("--help") || arg.equals("-h")) {
                return null;
            }
            String name = arg;
            String value = null;
            int equals = arg.indexOf('=');
            if (arg.startsWith("--") && equals > 0) {
                name = arg.substring(0, equals);
                value = arg.substring(equals + 1);
            }
            if (!known.contains(name)) {
                throw new UsageException("unknown argument '" + arg + "'");
            }
            if (value == null) {
                if (i + 1 >= args.length || args[i + 1].startsWith("--")) {
                    throw new UsageException(name + " needs a value");
                }
                value = args[++i];
            }
            if (!seen.add(name)) {
                throw new UsageException(name + " given more than once");
            }
            values.put(name, value);
        }
        return values;
    }

    private static int port(Map<String, String> values, String name, int defaultPort) {
        if (!values.containsKey(name)) {
            return defaultPort;
        }
        int port = number(name, values.get(name));
        if (port < 1 || port > 65535) {
            throw new UsageException(name + " must be between 1 and 65535, got " + port);
        }
        return port;
    }

    private static int number(String name, String value) {
        try {
            return Integer.parseInt(value.strip());
        } catch (NumberFormatException e) {
            throw new UsageException(name + " must be a number, got '" + value + "'");
        }
    }

    private static Path path(String name, String value) {
        if (value.isBlank()) {
            throw new UsageException(name + " must not be empty");
        }
        try {
            return Path.of(value);
        } catch (InvalidPathException e) {
            throw new UsageException(name + " is not a valid path: '" + value + "'");
        }
    }

    private static URI url(String name, String value) {
        URI uri;
        try {
            uri = new URI(value.strip());
        } catch (URISyntaxException e) {
            throw new UsageException(name + " is not a valid URL: '" + value + "'");
        }
        if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null) {
            throw new UsageException(name + " must be an http(s) URL such as " + DEFAULT_GP_URL + ", got '" + value
                    + "'");
        }
        String text = uri.toString();
        return URI.create(text.endsWith("/") ? text.substring(0, text.length() - 1) : text);
    }
}

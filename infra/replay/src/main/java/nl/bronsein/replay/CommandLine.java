package nl.bronsein.replay;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The tool's command line: {@code dump|publish|rewind [options]}, {@code [command] --help}. Parsing never prints and
 * never exits; anything wrong is a {@link UsageException} with a one-line message.
 */
final class CommandLine {

    static final int DEFAULT_TIMEOUT_SECONDS = 10;
    static final String EXAMPLE_INSTANT = "2026-11-23T10:00:00Z";

    private static final String N = System.lineSeparator();

    static final String DUMP_SYNOPSIS =
            "replay dump --bootstrap-server HOST:PORT [--topic T]... [--from-offset N] [--to-offset M]" + N
            + "            [--from INSTANT] [--to INSTANT] [--source URN] [--type TYPE] [--subject ID] [--out FILE]"
            + N + "            [--timeout SECONDS]";
    static final String PUBLISH_SYNOPSIS =
            "replay publish --bootstrap-server HOST:PORT --in FILE [--source-map OLD=NEW]... [--participant-list FILE]"
            + N + "               [--create-topics] [--timeout SECONDS]";
    static final String REWIND_SYNOPSIS =
            "replay rewind --bootstrap-server HOST:PORT --group G (--to INSTANT | --to-offset N | --to-beginning)" + N
            + "              [--topic T]... [--timeout SECONDS]" + N
            + "replay rewind --node STAFF-API-URL (--to INSTANT | --to-beginning) [--rebuild] [--token JWT]" + N
            + "              [--timeout SECONDS]";

    static final String COMMON_OPTIONS = String.join(N,
            "  --bootstrap-server HOST:PORT   the Kafka broker(s), e.g. 127.0.0.1:9092 (required)",
            "  --tls-certificate FILE         on a secured broker: your own PEM certificate chain (leaf first); the",
            "                                 broker knows you by the participant id in it and shows you only what",
            "                                 that identity may read. With --tls-key and --tls-ca; none = plaintext",
            "  --tls-key FILE                 your unencrypted PKCS#8 PEM key",
            "  --tls-ca FILE                  the PEM CA certificate(s) the broker's certificate chains to",
            "  --timeout SECONDS              how long to wait for Kafka before giving up (default "
                    + DEFAULT_TIMEOUT_SECONDS + ")");

    static final String DUMP_USAGE = String.join(N,
            "usage: " + DUMP_SYNOPSIS,
            "",
            "Writes the notifications on the bronsein.* topics as JSON lines, one per record, ordered by topic,",
            "partition and offset: the CloudEvents attributes, the decoded body (\"data\") and the exact value bytes",
            "(\"data_base64\"). A record that is not a CloudEvent, or whose body does not decode, is written too, with",
            "\"error\". Reads up to the end offsets found when it starts; never waits for new records.",
            COMMON_OPTIONS,
            "  --topic T                      only this topic (repeatable; default: every bronsein.* topic)",
            "  --from-offset N                per partition, start at offset N (inclusive)",
            "  --to-offset M                  per partition, stop before offset M (exclusive)",
            "  --from INSTANT                 start at the first record with a timestamp at or after INSTANT",
            "  --to INSTANT                   stop at the first record with a timestamp at or after INSTANT",
            "                                 (INSTANT is ISO-8601, e.g. " + EXAMPLE_INSTANT + ")",
            "  --source URN                   only records with this ce_source",
            "  --type TYPE                    only records with this ce_type, e.g. nl.bronsein.case.status-changed.v2",
            "  --subject ID                   only records with this ce_subject (the object id)",
            "  --out FILE                     write the lines to FILE instead of standard output");

    static final String PUBLISH_USAGE = String.join(N,
            "usage: " + PUBLISH_SYNOPSIS,
            "",
            "Publishes every line of a dump file again, in file order: to the line's topic, with the line's key, the",
            "attributes as binary-mode CloudEvents headers and data_base64 as the value, byte for byte. The whole file",
            "is checked first (JSON, attributes, a body of a known notification schema); nothing is sent if a line is",
            "wrong. acks=all, idempotent, one request in flight: the order per key is kept.",
            COMMON_OPTIONS,
            "  --in FILE                      the JSON lines to publish (as written by replay dump)",
            "  --source-map OLD=NEW           publish OLD's notifications as NEW's (repeatable): ce_source and the",
            "                                 body's owner equal to OLD become NEW (the body is re-encoded), ce_dataref",
            "                                 points at NEW's node, and a record on OLD's inbox goes to NEW's inbox",
            "  --participant-list FILE        the network's participant list, for NEW's nodeUrl (needed with",
            "                                 --source-map)",
            "  --create-topics                create topics that do not exist yet (partitions: the highest partition",
            "                                 in the file + 1, at least the broker's default)");

    static final String REWIND_USAGE = String.join(N,
            "usage: " + REWIND_SYNOPSIS,
            "",
            "Moves a consumer group's committed offsets, so a node reads notifications again when it next starts.",
            "Only while the group has no active members: stop the node first.",
            COMMON_OPTIONS,
            "  --group G                      the consumer group (a node's bronsein.consumer-group, by default",
            "                                 bronsein-<participant id>)",
            "  --to INSTANT                   to the first record at or after INSTANT (the end where there is none)",
            "  --to-offset N                  to offset N in every partition (kept within the partition's offsets)",
            "  --to-beginning                 to the first offset of every partition",
            "  --topic T                      only this topic (repeatable; default: every bronsein.* topic the group",
            "                                 has committed offsets for)",
            "",
            "With --node, asks a running node to rewind itself through its staff API (POST /api/v1/admin/rewind): it",
            "moves its own group, forgets what it handled from then and handles it again, without duplicates.",
            "  --node URL                     the node's staff API, e.g. http://127.0.0.1:8080",
            "  --rebuild                      also forget everything the node derived from others, and rebuild it",
            "  --token JWT                    a staff token with the NODE_ADMIN role (the staff API's identity provider)");

    static final String USAGE = String.join(N,
            "usage: replay dump|publish|rewind [options]    (replay COMMAND --help for a command's options)",
            "",
            "A tool for integration testers of the Bronsein notification topics.",
            "  dump       write notifications as JSON lines: attributes, decoded body, exact bytes",
            "  publish    publish a dump file again, optionally as another source",
            "  rewind     move a stopped node's consumer group back (to a time, an offset or the beginning)",
            "",
            DUMP_SYNOPSIS,
            PUBLISH_SYNOPSIS,
            REWIND_SYNOPSIS,
            "",
            "Exit codes: 0 done, 1 refused (the consumer group is in use), 2 bad arguments or input, 3 Kafka failed",
            "or cannot be reached.");

    private CommandLine() {
    }

    /** What the command line asks for. */
    sealed interface Command permits Help, Dump, Publish, Rewind, NodeRewind {
    }

    /** Print a usage text. */
    record Help(String text) implements Command {
    }

    /**
     * Where Kafka is, how long to wait for it, and the TLS client settings of the tester's identity on a secured
     * broker (empty: plaintext).
     */
    record Connection(String bootstrapServers, Duration timeout, Map<String, String> tls) {

        Connection(String bootstrapServers, Duration timeout) {
            this(bootstrapServers, timeout, Map.of());
        }

        Connection {
            tls = Map.copyOf(tls);
        }
    }

    record Dump(Connection connection, List<String> topics, Long fromOffset, Long toOffset, Instant from, Instant to,
                String source, String type, String subject, Path out) implements Command {
    }

    record Publish(Connection connection, Path in, Map<String, String> sourceMap, Path participantList,
                   boolean createTopics) implements Command {
    }

    /** Exactly one of {@code to}, {@code toOffset} and {@code toBeginning} is set. */
    record Rewind(Connection connection, String group, Instant to, Long toOffset, boolean toBeginning,
                  List<String> topics) implements Command {
    }

    /** Ask a running node to rewind itself; {@code to} null means the beginning. */
    record NodeRewind(URI node, Instant to, boolean rebuild, String token, Duration timeout) implements Command {
    }

    /** Bad command line; the message is one line. */
    static final class UsageException extends IllegalArgumentException {
        private static final long serialVersionUID = 1L;

        UsageException(String message) {
            super(message);
        }
    }

    private enum Kind { VALUE, REPEATABLE, FLAG }

    static Command parse(String... args) {
        Objects.requireNonNull(args, "args");
        if (args.length == 0) {
            throw new UsageException("no command given (expected dump, publish or rewind; replay --help for more)");
        }
        String command = Objects.requireNonNull(args[0], "argument");
        String[] rest = Arrays.copyOfRange(args, 1, args.length);
        return switch (command) {
            case "--help", "-h", "help" -> new Help(USAGE);
            case "dump" -> parseDump(rest);
            case "publish" -> parsePublish(rest);
            case "rewind" -> parseRewind(rest);
            default -> throw new UsageException((command.startsWith("-") ? "expected a command before '" + command
                    + "'" : "unknown command '" + command + "'") + " (expected dump, publish or rewind)");
        };
    }

    private static Command parseDump(String[] args) {
        Map<String, List<String>> values = options("dump", args, kinds(
                "--topic", Kind.REPEATABLE, "--from-offset", Kind.VALUE, "--to-offset", Kind.VALUE,
                "--from", Kind.VALUE, "--to", Kind.VALUE, "--source", Kind.VALUE, "--type", Kind.VALUE,
                "--subject", Kind.VALUE, "--out", Kind.VALUE));
        if (values == null) {
            return new Help(DUMP_USAGE);
        }
        Connection connection = connection(values);
        Long fromOffset = offset(values, "--from-offset");
        Long toOffset = offset(values, "--to-offset");
        Instant from = instant(values, "--from");
        Instant to = instant(values, "--to");
        if ((fromOffset != null || toOffset != null) && (from != null || to != null)) {
            throw new UsageException("give either --from-offset/--to-offset or --from/--to, not both");
        }
        if (fromOffset != null && toOffset != null && toOffset < fromOffset) {
            throw new UsageException("--to-offset (" + toOffset + ") is before --from-offset (" + fromOffset + ")");
        }
        if (from != null && to != null && to.isBefore(from)) {
            throw new UsageException("--to (" + to + ") is before --from (" + from + ")");
        }
        Path out = values.containsKey("--out") ? path("--out", single(values, "--out")) : null;
        return new Dump(connection, topics(values), fromOffset, toOffset, from, to, text(values, "--source"),
                text(values, "--type"), text(values, "--subject"), out);
    }

    private static Command parsePublish(String[] args) {
        Map<String, List<String>> values = options("publish", args, kinds("--in", Kind.VALUE,
                "--source-map", Kind.REPEATABLE, "--participant-list", Kind.VALUE, "--create-topics", Kind.FLAG));
        if (values == null) {
            return new Help(PUBLISH_USAGE);
        }
        Connection connection = connection(values);
        if (!values.containsKey("--in")) {
            throw new UsageException("publish needs --in FILE");
        }
        Path in = path("--in", single(values, "--in"));
        Map<String, String> sourceMap = new LinkedHashMap<>();
        for (String mapping : values.getOrDefault("--source-map", List.of())) {
            int equals = mapping.indexOf('=');
            String oldSource = equals < 0 ? "" : mapping.substring(0, equals).strip();
            String newSource = equals < 0 ? "" : mapping.substring(equals + 1).strip();
            if (oldSource.isEmpty() || newSource.isEmpty()) {
                throw new UsageException("--source-map must be OLD=NEW, e.g. urn:nld:kvk:11111111=urn:nld:kvk:22222222,"
                        + " got '" + mapping + "'");
            }
            if (sourceMap.put(oldSource, newSource) != null) {
                throw new UsageException("--source-map: " + oldSource + " mapped more than once");
            }
        }
        Path participantList = values.containsKey("--participant-list")
                ? path("--participant-list", single(values, "--participant-list")) : null;
        if (!sourceMap.isEmpty() && participantList == null) {
            throw new UsageException("--source-map needs --participant-list FILE (for the new source's nodeUrl)");
        }
        return new Publish(connection, in, Map.copyOf(sourceMap), participantList,
                values.containsKey("--create-topics"));
    }

    private static Command parseRewind(String[] args) {
        Map<String, List<String>> values = options("rewind", args, kinds("--group", Kind.VALUE, "--to", Kind.VALUE,
                "--to-offset", Kind.VALUE, "--to-beginning", Kind.FLAG, "--topic", Kind.REPEATABLE,
                "--node", Kind.VALUE, "--rebuild", Kind.FLAG, "--token", Kind.VALUE));
        if (values == null) {
            return new Help(REWIND_USAGE);
        }
        if (values.containsKey("--node")) {
            return parseNodeRewind(values);
        }
        if (values.containsKey("--rebuild")) {
            throw new UsageException("--rebuild needs --node URL: only a running node can rebuild what it derived");
        }
        Connection connection = connection(values);
        String group = text(values, "--group");
        if (group == null || group.isBlank()) {
            throw new UsageException("rewind needs --group G");
        }
        Instant to = instant(values, "--to");
        Long toOffset = offset(values, "--to-offset");
        boolean toBeginning = values.containsKey("--to-beginning");
        int targets = (to != null ? 1 : 0) + (toOffset != null ? 1 : 0) + (toBeginning ? 1 : 0);
        if (targets != 1) {
            throw new UsageException("rewind needs exactly one of --to INSTANT, --to-offset N and --to-beginning");
        }
        return new Rewind(connection, group, to, toOffset, toBeginning, topics(values));
    }

    private static Command parseNodeRewind(Map<String, List<String>> values) {
        for (String kafkaOnly : List.of("--bootstrap-server", "--group", "--to-offset", "--topic", "--tls-certificate",
                "--tls-key", "--tls-ca")) {
            if (values.containsKey(kafkaOnly)) {
                throw new UsageException("--node and " + kafkaOnly + " do not go together: the node rewinds its own group");
            }
        }
        URI node;
        try {
            node = URI.create(single(values, "--node"));
        } catch (IllegalArgumentException e) {
            throw new UsageException("--node: not a URL such as http://127.0.0.1:8080");
        }
        if (!"http".equals(node.getScheme()) && !"https".equals(node.getScheme()) || node.getHost() == null) {
            throw new UsageException("--node: not a URL such as http://127.0.0.1:8080");
        }
        Instant to = instant(values, "--to");
        boolean toBeginning = values.containsKey("--to-beginning");
        if ((to != null) == toBeginning) {
            throw new UsageException("rewind --node needs exactly one of --to INSTANT and --to-beginning");
        }
        return new NodeRewind(node, to, values.containsKey("--rebuild"), text(values, "--token"), timeout(values));
    }

    private static Map<String, Kind> kinds(Object... namesAndKinds) {
        Map<String, Kind> kinds = new HashMap<>();
        kinds.put("--bootstrap-server", Kind.VALUE);
        kinds.put("--timeout", Kind.VALUE);
        TLS_FILES.forEach(option -> kinds.put(option, Kind.VALUE));
        for (int i = 0; i < namesAndKinds.length; i += 2) {
            kinds.put((String) namesAndKinds[i], (Kind) namesAndKinds[i + 1]);
        }
        return kinds;
    }

    /** Option name to its values (empty for a flag); null when --help was asked for. */
    private static Map<String, List<String>> options(String command, String[] args, Map<String, Kind> known) {
        if (Arrays.asList(args).contains("--help") || Arrays.asList(args).contains("-h")) {
            return null;
        }
        Map<String, List<String>> values = new HashMap<>();
        for (int i = 0; i < args.length; i++) {
            String arg = Objects.requireNonNull(args[i], "argument");
            String name = arg;
            String value = null;
            int equals = arg.indexOf('=');
            if (arg.startsWith("--") && equals > 0) {
                name = arg.substring(0, equals);
                value = arg.substring(equals + 1);
            }
            Kind kind = known.get(name);
            if (kind == null) {
                throw new UsageException((arg.startsWith("-") ? "unknown option '" + arg + "'"
                        : "unexpected argument '" + arg + "'") + " for " + command + " (replay " + command
                        + " --help lists the options)");
            }
            if (kind == Kind.FLAG) {
                if (value != null) {
                    throw new UsageException(name + " takes no value");
                }
            } else if (value == null) {
                if (i + 1 >= args.length || args[i + 1].startsWith("--")) {
                    throw new UsageException(name + " needs a value");
                }
                value = args[++i];
            }
            if (kind != Kind.REPEATABLE && values.containsKey(name)) {
                throw new UsageException(name + " given more than once");
            }
            List<String> list = values.computeIfAbsent(name, k -> new ArrayList<>());
            if (value != null) {
                list.add(value);
            }
        }
        return values;
    }

    private static Connection connection(Map<String, List<String>> values) {
        String servers = text(values, "--bootstrap-server");
        if (servers == null) {
            throw new UsageException("--bootstrap-server HOST:PORT is required");
        }
        for (String server : servers.split(",", -1)) {
            int colon = server.lastIndexOf(':');
            boolean valid = colon > 0 && colon < server.length() - 1;
            if (valid) {
                try {
                    int port = Integer.parseInt(server.substring(colon + 1));
                    valid = port >= 1 && port <= 65535;
                } catch (NumberFormatException e) {
                    valid = false;
                }
            }
            if (!valid) {
                throw new UsageException("--bootstrap-server must be HOST:PORT[,HOST:PORT...], e.g. 127.0.0.1:9092, got '"
                        + servers + "'");
            }
        }
        return new Connection(servers, timeout(values), tls(values));
    }

    private static final List<String> TLS_FILES = List.of("--tls-certificate", "--tls-key", "--tls-ca");

    /** Kafka's client settings for mutual TLS with the given PEM files; all three or none. */
    private static Map<String, String> tls(Map<String, List<String>> values) {
        long given = TLS_FILES.stream().filter(values::containsKey).count();
        if (given == 0) {
            return Map.of();
        }
        if (given < TLS_FILES.size()) {
            throw new UsageException("--tls-certificate, --tls-key and --tls-ca go together: give all three, or none "
                    + "for a plaintext broker");
        }
        Map<String, String> tls = new LinkedHashMap<>();
        tls.put("security.protocol", "SSL");
        tls.put("ssl.keystore.type", "PEM");
        tls.put("ssl.keystore.certificate.chain", pem(values, "--tls-certificate", "-----BEGIN CERTIFICATE-----"));
        tls.put("ssl.keystore.key", pem(values, "--tls-key", "-----BEGIN PRIVATE KEY-----"));
        tls.put("ssl.truststore.type", "PEM");
        tls.put("ssl.truststore.certificates", pem(values, "--tls-ca", "-----BEGIN CERTIFICATE-----"));
        return tls;
    }

    private static String pem(Map<String, List<String>> values, String option, String expected) {
        String content;
        Path file = null;
        try {
            file = Path.of(single(values, option));
            content = Files.readString(file, StandardCharsets.US_ASCII);
        } catch (IOException | UncheckedIOException | InvalidPathException e) {
            throw new UsageException(option + ": cannot read " + file + " (" + e.getMessage() + ")");
        }
        if (!content.contains(expected)) {
            throw new UsageException(option + ": " + file + " holds no " + expected.replace("-", "").strip()
                    + (expected.contains("PRIVATE") ? " (an unencrypted PKCS#8 key)" : ""));
        }
        return content;
    }

    private static Duration timeout(Map<String, List<String>> values) {
        int timeout = DEFAULT_TIMEOUT_SECONDS;
        if (values.containsKey("--timeout")) {
            String value = single(values, "--timeout");
            try {
                timeout = Integer.parseInt(value.strip());
            } catch (NumberFormatException e) {
                throw new UsageException("--timeout must be a number of seconds, got '" + value + "'");
            }
            if (timeout < 1 || timeout > 3600) {
                throw new UsageException("--timeout must be between 1 and 3600 seconds, got " + timeout);
            }
        }
        return Duration.ofSeconds(timeout);
    }

    private static List<String> topics(Map<String, List<String>> values) {
        List<String> topics = new ArrayList<>();
        for (String topic : values.getOrDefault("--topic", List.of())) {
            if (topic.isBlank()) {
                throw new UsageException("--topic must not be empty");
            }
            if (!topics.contains(topic.strip())) {
                topics.add(topic.strip());
            }
        }
        return List.copyOf(topics);
    }

    private static String single(Map<String, List<String>> values, String name) {
        return values.get(name).get(0);
    }

    private static String text(Map<String, List<String>> values, String name) {
        return values.containsKey(name) ? single(values, name).strip() : null;
    }

    private static Long offset(Map<String, List<String>> values, String name) {
        if (!values.containsKey(name)) {
            return null;
        }
        String value = single(values, name);
        try {
            long offset = Long.parseLong(value.strip());
            if (offset < 0) {
                throw new NumberFormatException();
            }
            return offset;
        } catch (NumberFormatException e) {
            throw new UsageException(name + " must be an offset (a number, 0 or more), got '" + value + "'");
        }
    }

    private static Instant instant(Map<String, List<String>> values, String name) {
        return values.containsKey(name) ? instant(name, single(values, name)) : null;
    }

    /** An ISO-8601 instant ({@code 2026-11-23T10:00:00Z}) or date-time with offset ({@code …T11:00:00+01:00}). */
    static Instant instant(String name, String value) {
        String text = value.strip();
        try {
            return Instant.parse(text);
        } catch (DateTimeException e) {
            try {
                return OffsetDateTime.parse(text).toInstant();
            } catch (DateTimeException again) {
                throw new UsageException(name + ": not an ISO-8601 instant such as " + EXAMPLE_INSTANT + " (got '"
                        + value + "')");
            }
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
}

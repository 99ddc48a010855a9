package nl.bronsein.replay;

import java.io.BufferedOutputStream;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import nl.bronsein.replay.ReplayOptions.Connection;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.HelpCommand;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code java -jar replay.jar dump|publish|rewind|verify-log [options]}, a tool for integration testers of the
 * notification topics, and for an operator who verifies a node's processing log.
 *
 * <p>Exit codes: 0 done (and after --help), 1 refused (the consumer group to rewind is in use) or a processing log whose
 * chain is broken, 2 bad arguments or input (an option, a file, a line, a topic), 3 Kafka or the database failed or
 * cannot be reached. Every failure is one line on
 * standard error, never a stack trace.
 */
@Command(name = "replay", mixinStandardHelpOptions = true, versionProvider = ReplayMain.Version.class,
        subcommands = {ReplayMain.Dump.class, ReplayMain.Publish.class, ReplayMain.Rewind.class, ReplayMain.VerifyLog.class,
                HelpCommand.class},
        description = "A tool for integration testers of the Bronsein notification topics.",
        footer = {"", "Exit codes: 0 done, 1 refused (the consumer group is in use) or a broken processing log, 2 bad "
                + "arguments or input, 3 Kafka or the database failed or cannot be reached."},
        exitCodeOnInvalidInput = ReplayMain.EXIT_USAGE, exitCodeOnExecutionException = ReplayMain.EXIT_KAFKA)
public final class ReplayMain implements Callable<Integer> {

    static final int EXIT_OK = 0;
    static final int EXIT_REFUSED = 1;
    static final int EXIT_USAGE = 2;
    static final int EXIT_KAFKA = 3;

    @Spec
    CommandSpec spec;

    private PrintStream out = System.out;
    private PrintStream err = System.err;

    /** The version of this jar (its manifest), or a development build's. */
    static final class Version implements IVersionProvider {
        @Override
        public String[] getVersion() {
            String version = ReplayMain.class.getPackage().getImplementationVersion();
            return new String[] {"replay " + (version == null ? "(development build)" : version)};
        }
    }

    public static void main(String[] args) {
        // JSON is UTF-8, whatever the platform's default
        PrintStream out = new PrintStream(new BufferedOutputStream(new FileOutputStream(FileDescriptor.out), 1 << 16),
                false, StandardCharsets.UTF_8);
        PrintStream err = new PrintStream(new FileOutputStream(FileDescriptor.err), true, StandardCharsets.UTF_8);
        int code = run(args, out, err);
        out.flush();
        err.flush();
        System.exit(code);
    }

    /** Runs one command; prints results on {@code out}, messages on {@code err}; returns the exit code. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        ReplayMain main = new ReplayMain();
        main.out = out;
        main.err = err;
        int code = new CommandLine(main)
                .setUsageHelpWidth(120)
                .setOut(new PrintWriter(out, true, StandardCharsets.UTF_8))
                .setErr(new PrintWriter(err, true, StandardCharsets.UTF_8))
                .setParameterExceptionHandler((e, arguments) -> {
                    out.flush();
                    err.println("replay: " + ReplayException.oneLine(e.getMessage()));
                    return EXIT_USAGE;
                })
                .setExecutionExceptionHandler((e, line, parsed) -> {
                    out.flush();
                    if (e instanceof ReplayException failure) {
                        err.println("replay: " + failure.getMessage());
                        return failure.exitCode();
                    }
                    err.println("replay: unexpected failure: " + ReplayException.oneLine(String.valueOf(e)));
                    return EXIT_KAFKA;
                })
                .execute(args);
        out.flush();
        return code;
    }

    @Override
    public Integer call() {
        throw new ParameterException(spec.commandLine(),
                "no command given (expected dump, publish, rewind or verify-log; replay --help for more)");
    }

    /** {@code replay dump}: the topics as JSON lines. */
    @Command(name = "dump", mixinStandardHelpOptions = true, sortOptions = false,
            versionProvider = ReplayMain.Version.class,
            description = {"Writes the notifications on the bronsein.* topics as JSON lines, one per record, ordered "
                    + "by topic, partition and offset: the CloudEvents attributes, the decoded body (\"data\") and the "
                    + "exact value bytes (\"data_base64\"). A record that is not a CloudEvent, or whose body does not "
                    + "decode, is written too, with \"error\". Reads up to the end offsets found when it starts; never "
                    + "waits for new records.", "INSTANT is ISO-8601, e.g. " + ReplayOptions.EXAMPLE_INSTANT + "."})
    static final class Dump implements Callable<Integer> {

        @Mixin
        KafkaOptions kafka;

        @Option(names = "--topic", paramLabel = "T", converter = ReplayConverters.TextConverter.class,
                description = "only this topic (repeatable; default: every bronsein.* topic)")
        List<String> topics = new ArrayList<>();

        @Option(names = "--from-offset", paramLabel = "N", converter = ReplayConverters.OffsetConverter.class,
                description = "per partition, start at offset N (inclusive)")
        Long fromOffset;

        @Option(names = "--to-offset", paramLabel = "M", converter = ReplayConverters.OffsetConverter.class,
                description = "per partition, stop before offset M (exclusive)")
        Long toOffset;

        @Option(names = "--from", paramLabel = "INSTANT", converter = ReplayConverters.InstantConverter.class,
                description = "start at the first record with a timestamp at or after INSTANT")
        Instant from;

        @Option(names = "--to", paramLabel = "INSTANT", converter = ReplayConverters.InstantConverter.class,
                description = "stop at the first record with a timestamp at or after INSTANT")
        Instant to;

        @Option(names = "--source", paramLabel = "URN", converter = ReplayConverters.TextConverter.class,
                description = "only records with this ce_source")
        String source;

        @Option(names = "--type", paramLabel = "TYPE", converter = ReplayConverters.TextConverter.class,
                description = "only records with this ce_type, e.g. nl.bronsein.case.status-changed.v2")
        String type;

        @Option(names = "--subject", paramLabel = "ID", converter = ReplayConverters.TextConverter.class,
                description = "only records with this ce_subject (the object id)")
        String subject;

        @Option(names = "--out", paramLabel = "FILE", converter = ReplayConverters.PathConverter.class,
                description = "write the lines to FILE instead of standard output")
        Path file;

        @Spec
        CommandSpec spec;

        @ParentCommand
        ReplayMain main;

        ReplayOptions.Dump options() {
            Connection connection = kafka.connection();
            if ((fromOffset != null || toOffset != null) && (from != null || to != null)) {
                throw new ParameterException(spec.commandLine(),
                        "give either --from-offset/--to-offset or --from/--to, not both");
            }
            if (fromOffset != null && toOffset != null && toOffset < fromOffset) {
                throw new ParameterException(spec.commandLine(),
                        "--to-offset (" + toOffset + ") is before --from-offset (" + fromOffset + ")");
            }
            if (from != null && to != null && to.isBefore(from)) {
                throw new ParameterException(spec.commandLine(), "--to (" + to + ") is before --from (" + from + ")");
            }
            return new ReplayOptions.Dump(connection, distinct(topics), fromOffset, toOffset, from, to, source, type,
                    subject, file);
        }

        @Override
        public Integer call() {
            return new DumpCommand(options(), main.out, main.err).run();
        }
    }

    /** {@code replay publish}: a dump file on the topics again. */
    @Command(name = "publish", mixinStandardHelpOptions = true, sortOptions = false,
            versionProvider = ReplayMain.Version.class,
            description = "Publishes every line of a dump file again, in file order: to the line's topic, with the "
                    + "line's key, the attributes as binary-mode CloudEvents headers and data_base64 as the value, byte "
                    + "for byte. The whole file is checked first (JSON, attributes, a body of a known notification "
                    + "schema); nothing is sent if a line is wrong. acks=all, idempotent, one request in flight: the "
                    + "order per key is kept.")
    static final class Publish implements Callable<Integer> {

        @Mixin
        KafkaOptions kafka;

        @Option(names = "--in", paramLabel = "FILE", converter = ReplayConverters.PathConverter.class,
                description = "the JSON lines to publish (as written by replay dump)")
        Path in;

        @Option(names = "--source-map", paramLabel = "OLD=NEW",
                description = "publish OLD's notifications as NEW's (repeatable): ce_source and the body's owner equal "
                        + "to OLD become NEW (the body is re-encoded), ce_dataref points at NEW's node, and a record "
                        + "on OLD's inbox goes to NEW's inbox")
        List<String> sourceMap = new ArrayList<>();

        @Option(names = "--participant-list", paramLabel = "FILE", converter = ReplayConverters.PathConverter.class,
                description = "the network's participant list, for NEW's nodeUrl (needed with --source-map)")
        Path participantList;

        @Option(names = "--create-topics", description = "create topics that do not exist yet (partitions: the "
                + "highest partition in the file + 1, at least the broker's default)")
        boolean createTopics;

        @Spec
        CommandSpec spec;

        @ParentCommand
        ReplayMain main;

        ReplayOptions.Publish options() {
            Connection connection = kafka.connection();
            if (in == null) {
                throw new ParameterException(spec.commandLine(), "publish needs --in FILE");
            }
            Map<String, String> sources = new LinkedHashMap<>();
            for (String mapping : sourceMap) {
                int equals = mapping.indexOf('=');
                String oldSource = equals < 0 ? "" : mapping.substring(0, equals).strip();
                String newSource = equals < 0 ? "" : mapping.substring(equals + 1).strip();
                if (oldSource.isEmpty() || newSource.isEmpty()) {
                    throw new ParameterException(spec.commandLine(), "--source-map must be OLD=NEW, e.g. "
                            + "urn:nld:kvk:11111111=urn:nld:kvk:22222222, got '" + mapping + "'");
                }
                if (sources.put(oldSource, newSource) != null) {
                    throw new ParameterException(spec.commandLine(),
                            "--source-map: " + oldSource + " mapped more than once");
                }
            }
            if (!sources.isEmpty() && participantList == null) {
                throw new ParameterException(spec.commandLine(),
                        "--source-map needs --participant-list FILE (for the new source's nodeUrl)");
            }
            return new ReplayOptions.Publish(connection, in, Map.copyOf(sources), participantList, createTopics);
        }

        @Override
        public Integer call() {
            return new PublishCommand(options(), main.err).run();
        }
    }

    /** {@code replay rewind}: a stopped node's consumer group back, or a running node asked to rewind itself. */
    @Command(name = "rewind", mixinStandardHelpOptions = true, sortOptions = false,
            versionProvider = ReplayMain.Version.class,
            description = {"Moves a consumer group's committed offsets, so a node reads notifications again when it "
                    + "next starts. Only while the group has no active members: stop the node first.",
                    "With --node, asks a running node to rewind itself through its staff API (POST "
                            + "/api/v1/admin/rewind): it moves its own group, forgets what it handled from then and "
                            + "handles it again, without duplicates."})
    static final class Rewind implements Callable<Integer> {

        @Mixin
        KafkaOptions kafka;

        @Option(names = "--group", paramLabel = "G", converter = ReplayConverters.TextConverter.class,
                description = "the consumer group (a node's bronsein.consumer-group, by default "
                        + "bronsein-<participant id>)")
        String group;

        @Option(names = "--to", paramLabel = "INSTANT", converter = ReplayConverters.InstantConverter.class,
                description = "to the first record at or after INSTANT (the end where there is none)")
        Instant to;

        @Option(names = "--to-offset", paramLabel = "N", converter = ReplayConverters.OffsetConverter.class,
                description = "to offset N in every partition (kept within the partition's offsets)")
        Long toOffset;

        @Option(names = "--to-beginning", description = "to the first offset of every partition")
        boolean toBeginning;

        @Option(names = "--topic", paramLabel = "T", converter = ReplayConverters.TextConverter.class,
                description = "only this topic (repeatable; default: every bronsein.* topic the group has committed "
                        + "offsets for)")
        List<String> topics = new ArrayList<>();

        @Option(names = "--node", paramLabel = "URL", converter = ReplayConverters.NodeUrlConverter.class,
                description = "the node's staff API, e.g. http://127.0.0.1:8080")
        URI node;

        @Option(names = "--rebuild", description = "with --node: also forget everything the node derived from "
                + "others, and rebuild it")
        boolean rebuild;

        @Option(names = "--token", paramLabel = "JWT", converter = ReplayConverters.TextConverter.class,
                description = "with --node: a staff token with the NODE_ADMIN role (the staff API's identity provider)")
        String token;

        @Spec
        CommandSpec spec;

        @ParentCommand
        ReplayMain main;

        ReplayOptions.Command options() {
            if (node != null) {
                return nodeRewind();
            }
            if (rebuild) {
                throw new ParameterException(spec.commandLine(),
                        "--rebuild needs --node URL: only a running node can rebuild what it derived");
            }
            Connection connection = kafka.connection();
            if (group == null) {
                throw new ParameterException(spec.commandLine(), "rewind needs --group G");
            }
            int targets = (to != null ? 1 : 0) + (toOffset != null ? 1 : 0) + (toBeginning ? 1 : 0);
            if (targets != 1) {
                throw new ParameterException(spec.commandLine(),
                        "rewind needs exactly one of --to INSTANT, --to-offset N and --to-beginning");
            }
            return new ReplayOptions.Rewind(connection, group, to, toOffset, toBeginning, distinct(topics));
        }

        private ReplayOptions.NodeRewind nodeRewind() {
            List<String> kafkaOnly = new ArrayList<>(kafka.given());
            if (group != null) {
                kafkaOnly.add(0, "--group");
            }
            if (toOffset != null) {
                kafkaOnly.add("--to-offset");
            }
            if (!topics.isEmpty()) {
                kafkaOnly.add("--topic");
            }
            if (!kafkaOnly.isEmpty()) {
                throw new ParameterException(spec.commandLine(), "--node and " + kafkaOnly.get(0)
                        + " do not go together: the node rewinds its own group");
            }
            if ((to != null) == toBeginning) {
                throw new ParameterException(spec.commandLine(),
                        "rewind --node needs exactly one of --to INSTANT and --to-beginning");
            }
            return new ReplayOptions.NodeRewind(node, to, rebuild, token, kafka.timeout());
        }

        @Override
        public Integer call() {
            ReplayOptions.Command options = options();
            if (options instanceof ReplayOptions.NodeRewind nodeRewind) {
                return new NodeRewindCommand(nodeRewind, main.out).run();
            }
            return new RewindCommand((ReplayOptions.Rewind) options, main.out, main.err).run();
        }
    }

    /** {@code replay verify-log}: a node's processing log against its hash chain. */
    @Command(name = "verify-log", mixinStandardHelpOptions = true, sortOptions = false,
            versionProvider = ReplayMain.Version.class,
            description = {"Verifies a node's processing log against its hash chain: in the node's database (read "
                    + "only, from the latest retention checkpoint to the chain's head) and/or in an exported range (JSON "
                    + "lines: a {\"chain_before\": {...}} header, then one processing record a line). Prints OK with the "
                    + "number of sealed records and the head's seq and hash — keep the hash: a chain that later no "
                    + "longer passes through it was rewritten — or the first record that was changed, removed or "
                    + "inserted. Records not sealed yet are counted, not judged.",
                    "Exit codes: 0 intact, 1 broken, 2 bad arguments or an unreadable export, 3 the database cannot "
                            + "be read."})
    static final class VerifyLog implements Callable<Integer> {

        @Option(names = "--jdbc-url", paramLabel = "URL", converter = ReplayConverters.TextConverter.class,
                description = "the node's database, e.g. jdbc:postgresql://db:5432/gp or jdbc:h2:file:./data/gp")
        String jdbcUrl;

        @Option(names = "--user", paramLabel = "USER", converter = ReplayConverters.TextConverter.class,
                description = "the database account (read access to the runtime's audit tables is enough)")
        String user;

        @Option(names = "--password", paramLabel = "PASSWORD", defaultValue = "${env:BRONSEIN_DB_PASSWORD}",
                description = "its password (default: the environment variable BRONSEIN_DB_PASSWORD, which keeps it "
                        + "out of the process list)")
        String password;

        @Option(names = "--file", paramLabel = "FILE", converter = ReplayConverters.PathConverter.class,
                description = "an exported range of processing records to verify")
        Path file;

        @Option(names = "--head", paramLabel = "SEQ:HASH", converter = ReplayConverters.TextConverter.class,
                description = "with --jdbc-url: a head an earlier verification printed, kept outside the node; the "
                        + "chain must still pass through it, or it was rewritten")
        String head;

        @Spec
        CommandSpec spec;

        @ParentCommand
        ReplayMain main;

        ReplayOptions.VerifyLog options() {
            if (jdbcUrl == null && file == null) {
                throw new ParameterException(spec.commandLine(), "verify-log needs --jdbc-url URL, --file FILE or both");
            }
            if (jdbcUrl != null && !jdbcUrl.startsWith("jdbc:")) {
                throw new ParameterException(spec.commandLine(), "--jdbc-url must start with jdbc:, got '" + jdbcUrl + "'");
            }
            if (jdbcUrl == null && (user != null || head != null)) {
                throw new ParameterException(spec.commandLine(), (user != null ? "--user" : "--head")
                        + " goes with --jdbc-url");
            }
            Long headSeq = null;
            String headHash = null;
            if (head != null) {
                java.util.regex.Matcher parts = java.util.regex.Pattern.compile("(\\d{1,18}):([0-9a-f]{64})").matcher(head);
                if (!parts.matches()) {
                    throw new ParameterException(spec.commandLine(), "--head must be SEQ:HASH as verify-log prints them "
                            + "(a seq, a colon, 64 hex digits), got '" + head + "'");
                }
                headSeq = Long.parseLong(parts.group(1));
                headHash = parts.group(2);
            }
            return new ReplayOptions.VerifyLog(jdbcUrl, user, password, file, headSeq, headHash);
        }

        @Override
        public Integer call() {
            return new VerifyLogCommand(options(), main.out).run();
        }
    }

    private static List<String> distinct(List<String> topics) {
        return topics.stream().distinct().toList();
    }
}

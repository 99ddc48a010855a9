package nl.bronsein.replay;

import static nl.bronsein.replay.ReplayTestSupport.CASES;
import static nl.bronsein.replay.ReplayTestSupport.REFERRALS;
import static nl.bronsein.replay.ReplayTestSupport.replay;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import nl.bronsein.kafkabroker.LocalKafkaBroker;
import nl.bronsein.replay.ReplayTestSupport.Run;
import nl.bronsein.replay.ReplayTestSupport.Sent;
import tools.jackson.databind.node.ObjectNode;

/** Every way to get it wrong: a clear one-line message on stderr, the right exit code, never a stack trace. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BadInputTest {

    private static final String UNREACHABLE = "127.0.0.1:1";

    @TempDir
    static Path dir;

    private LocalKafkaBroker broker;
    private String good;
    private Path validFile;
    private KafkaConsumer<String, byte[]> offsets;

    @BeforeAll
    void start() throws Exception {
        broker = ReplayTestSupport.startBroker(dir.resolve("kafka"));
        ReplayTestSupport.createTopics(broker, 1, REFERRALS, CASES);
        List<Sent> sent = ReplayTestSupport.fixture();
        ReplayTestSupport.produce(broker, List.of(sent.get(0).record()));
        Run dumped = replay("dump", "--bootstrap-server", broker.bootstrapServers());
        assertThat(dumped.exit()).as(dumped.err()).isZero();
        good = dumped.out().lines().findFirst().orElseThrow();
        validFile = write("valid.jsonl", good);
        offsets = ReplayTestSupport.consumer(broker, null);
    }

    @AfterAll
    void stop() {
        if (offsets != null) {
            offsets.close();
        }
        if (broker != null) {
            broker.close();
        }
    }

    Stream<Arguments> cases() throws Exception {
        String kafka = broker.bootstrapServers();
        byte[] random = new byte[64];
        new Random(42).nextBytes(random);
        ObjectNode wrongSchema = (ObjectNode) ReplayTestSupport.JSON.readTree(good);
        wrongSchema.put("data_base64", Base64.getEncoder().encodeToString(random));
        ObjectNode unknownFingerprint = (ObjectNode) ReplayTestSupport.JSON.readTree(good);
        byte[] header = {(byte) 0xC3, 0x01, 1, 2, 3, 4, 5, 6, 7, 8, 0};
        unknownFingerprint.put("data_base64", Base64.getEncoder().encodeToString(header));
        ObjectNode noId = (ObjectNode) ReplayTestSupport.JSON.readTree(good);
        noId.remove("id");
        ObjectNode badTime = (ObjectNode) ReplayTestSupport.JSON.readTree(good);
        badTime.put("time", "yesterday");
        ObjectNode otherTopic = (ObjectNode) ReplayTestSupport.JSON.readTree(good);
        otherTopic.put("topic", "bronsein.inbox.provider.kvk.87654321");
        String missing = dir.resolve("missing.jsonl").toString();
        String participants = write("participants.json", "{\"participants\":[]}").toString();

        return Stream.of(
                bad("no command", 2, "no command given"),
                bad("unknown command", 2, "Unmatched argument at index 0: 'frobnicate'",
                        "frobnicate"),
                bad("option before the command", 2, "Unknown option",
                        "--bootstrap-server", kafka, "dump"),
                bad("unknown option", 2, "Unknown option: '--frob'", "dump", "--bootstrap-server", kafka,
                        "--frob"),
                bad("stray argument", 2, "Unmatched argument at index 1: 'extra'", "rewind", "extra"),
                bad("option without its value", 2, "Missing required parameter for option '--topic' (T)", "dump", "--bootstrap-server", kafka,
                        "--topic"),
                bad("no bootstrap server", 2, "--bootstrap-server HOST:PORT is required", "dump"),
                bad("bootstrap server without port", 2, "Invalid value for option '--bootstrap-server': must be HOST:PORT", "dump",
                        "--bootstrap-server", "localhost"),
                bad("unknown topic", 2, "no such topic: bronsein.nope.v1", "dump", "--bootstrap-server", kafka,
                        "--topic", "bronsein.nope.v1"),
                bad("bad time", 2, "Invalid value for option '--from': not an ISO-8601 instant such as 2026-11-23T10:00:00Z", "dump",
                        "--bootstrap-server", kafka, "--from", "yesterday"),
                bad("bad rewind time", 2, "Invalid value for option '--to': not an ISO-8601 instant such as 2026-11-23T10:00:00Z", "rewind",
                        "--bootstrap-server", kafka, "--group", "g", "--to", "2026-13-01"),
                bad("window upside down", 2, "--to (2026-11-23T09:00:00Z) is before --from", "dump",
                        "--bootstrap-server", kafka, "--from", "2026-11-23T10:00:00Z", "--to",
                        "2026-11-23T09:00:00Z"),
                bad("offsets and times", 2, "give either --from-offset/--to-offset or --from/--to", "dump",
                        "--bootstrap-server", kafka, "--from-offset", "1", "--to", "2026-11-23T09:00:00Z"),
                bad("negative offset", 2, "Invalid value for option '--from-offset': must be an offset (a number, 0 or more), got '-1'", "dump",
                        "--bootstrap-server", kafka, "--from-offset", "-1"),
                bad("rewind without a target", 2, "rewind needs exactly one of --to INSTANT, --to-offset N and"
                        + " --to-beginning", "rewind", "--bootstrap-server", kafka, "--group", "g"),
                bad("rewind with two targets", 2, "rewind needs exactly one of", "rewind", "--bootstrap-server",
                        kafka, "--group", "g", "--to-beginning", "--to-offset", "3"),
                bad("publish without --in", 2, "publish needs --in FILE", "publish", "--bootstrap-server", kafka),
                bad("unreadable file", 2, "cannot read --in " + missing + ": no such file", "publish",
                        "--bootstrap-server", kafka, "--in", missing),
                bad("a directory as file", 2, "cannot read --in " + dir + ":", "publish", "--bootstrap-server",
                        kafka, "--in", dir.toString()),
                bad("unwritable --out", 2, "cannot write --out " + missing + "/x.jsonl: no such file", "dump",
                        "--bootstrap-server", kafka, "--out", missing + "/x.jsonl"),
                bad("invalid JSON line", 2, "line 2: not valid JSON", "publish", "--bootstrap-server", kafka, "--in",
                        write("invalid.jsonl", good, "{\"topic\": oops", good).toString()),
                bad("a line that is no object", 2, "line 1: not a JSON object", "publish", "--bootstrap-server",
                        kafka, "--in", write("array.jsonl", "[1,2]").toString()),
                bad("missing attribute", 2, "line 3: missing \"id\"", "publish", "--bootstrap-server", kafka, "--in",
                        write("no-id.jsonl", good, "", noId.toString()).toString()),
                bad("bad time attribute", 2, "line 1: \"time\" is not an RFC 3339 time", "publish",
                        "--bootstrap-server", kafka, "--in", write("bad-time.jsonl", badTime.toString()).toString()),
                bad("wrong schema", 2, "line 2: body is not a known notification schema: body is not Avro"
                        + " single-object encoded", "publish", "--bootstrap-server", kafka, "--in",
                        write("random.jsonl", good, wrongSchema.toString()).toString()),
                bad("unknown schema fingerprint", 2, "line 1: body is not a known notification schema: unknown schema"
                        + " fingerprint", "publish", "--bootstrap-server", kafka, "--in",
                        write("fingerprint.jsonl", unknownFingerprint.toString()).toString()),
                bad("publish to a topic that does not exist", 2, "no such topic: bronsein.inbox.provider.kvk.87654321 (line 2;"
                        + " create it first, or pass --create-topics)", "publish", "--bootstrap-server", kafka, "--in",
                        write("other-topic.jsonl", good, otherTopic.toString()).toString()),
                bad("source map without participant list", 2, "--source-map needs --participant-list FILE",
                        "publish", "--bootstrap-server", kafka, "--in", validFile.toString(), "--source-map",
                        "urn:nld:kvk:1=urn:nld:kvk:2"),
                bad("source map that is no mapping", 2, "--source-map must be OLD=NEW", "publish",
                        "--bootstrap-server", kafka, "--in", validFile.toString(), "--source-map", "urn:nld:kvk:1"),
                bad("source map to an unlisted participant", 2, "--source-map: urn:nld:kvk:2 is not in the"
                        + " participant list", "publish", "--bootstrap-server", kafka, "--in", validFile.toString(),
                        "--source-map", "urn:nld:kvk:1=urn:nld:kvk:2", "--participant-list", participants),
                bad("unreadable participant list", 2, "cannot read --participant-list " + missing + ": no such file",
                        "publish", "--bootstrap-server", kafka, "--in", validFile.toString(), "--source-map",
                        "urn:nld:kvk:1=urn:nld:kvk:2", "--participant-list", missing),
                bad("unreachable broker: dump", 3, "cannot reach Kafka at 127.0.0.1:1", "dump",
                        "--bootstrap-server", UNREACHABLE, "--timeout", "2"),
                bad("unreachable broker: publish", 3, "cannot reach Kafka at 127.0.0.1:1", "publish",
                        "--bootstrap-server", UNREACHABLE, "--timeout", "2", "--in", validFile.toString()),
                bad("unreachable broker: rewind", 3, "cannot reach Kafka at 127.0.0.1:1", "rewind",
                        "--bootstrap-server", UNREACHABLE, "--timeout", "2", "--group", "g", "--to-beginning"),
                bad("rebuild without a node", 2, "--rebuild needs --node URL", "rewind", "--bootstrap-server", kafka,
                        "--group", "g", "--to-beginning", "--rebuild"),
                bad("node and group together", 2, "--node and --group do not go together", "rewind", "--node",
                        "http://127.0.0.1:8080", "--group", "g", "--to-beginning"),
                bad("node that is no URL", 2, "Invalid value for option '--node': not a URL such as http://127.0.0.1:8080", "rewind", "--node",
                        "127.0.0.1:8080", "--to-beginning"),
                bad("node rewind to an offset", 2, "--node and --to-offset do not go together", "rewind", "--node",
                        "http://127.0.0.1:8080", "--to-offset", "3"),
                bad("unreachable node", 3, "cannot reach the node at http://127.0.0.1:1", "rewind", "--node",
                        "http://127.0.0.1:1", "--to-beginning", "--timeout", "2"),
                bad("unresolvable broker", 3, "cannot reach Kafka at no-such-host.invalid:9092", "dump",
                        "--bootstrap-server", "no-such-host.invalid:9092", "--timeout", "2"));
    }

    private static Arguments bad(String name, int exit, String message, String... args) {
        return Arguments.of(name, exit, message, args);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void saysWhatIsWrongInOneLine(String name, int exit, String message, String[] args) throws Exception {
        long before = records();
        Run run = replay(args);
        assertThat(run.exit()).as(run.err()).isEqualTo(exit);
        assertThat(run.err()).startsWith("replay: " + message).endsWith(System.lineSeparator());
        assertThat(run.err().lines()).as("one line").hasSize(1);
        assertThat(run.err()).doesNotContain("\tat ", "Exception:");
        assertThat(run.out()).isEmpty();
        assertThat(records()).as("nothing published").isEqualTo(before);
    }

    @Test
    void helpExitsZero() {
        Run help = replay("--help");
        assertThat(help.exit()).isZero();
        assertThat(help.out()).startsWith("Usage: replay").contains("dump", "publish", "rewind", "Exit codes");
        assertThat(help.err()).isEmpty();
        for (String command : List.of("dump", "publish", "rewind")) {
            Run commandHelp = replay(command, "--help");
            assertThat(commandHelp.exit()).isZero();
            assertThat(commandHelp.out()).startsWith("Usage: replay " + command).contains("--bootstrap-server");
            // --help wins over anything else on the line
            assertThat(replay(command, "--frob", "--help").exit()).isZero();
        }
    }

    @Test
    void aValidFileIsPublished() {
        long before = records();
        Run run = replay("publish", "--bootstrap-server", broker.bootstrapServers(), "--in", validFile.toString());
        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.err()).isEqualTo("published 1 record" + System.lineSeparator());
        assertThat(records()).isEqualTo(before + 1);
    }

    /** How many records the topics hold: the sum of their end offsets. */
    private long records() {
        return offsets.endOffsets(List.of(new TopicPartition(REFERRALS, 0), new TopicPartition(CASES, 0)))
                .values().stream().mapToLong(Long::longValue).sum();
    }

    private static Path write(String name, String... lines) throws Exception {
        Path file = dir.resolve(name);
        Files.write(file, List.of(lines));
        return file;
    }
}

package nl.bronsein.replay;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import nl.bronsein.replay.ReplayOptions.Connection;
import nl.bronsein.replay.ReplayOptions.Dump;
import nl.bronsein.replay.ReplayOptions.NodeRewind;
import nl.bronsein.replay.ReplayOptions.Publish;
import nl.bronsein.replay.ReplayOptions.Rewind;
import picocli.CommandLine;

/** The tool's command line ({@link ReplayMain}, picocli) and the {@link ReplayOptions} it makes; no Kafka. */
class CommandLineTest {

    private static final Connection LOCAL = new Connection("127.0.0.1:9092", Duration.ofSeconds(10));

    @Test
    void dumpWithEveryOptionInBothForms() {
        assertThat(parse("dump", "--bootstrap-server=127.0.0.1:9092", "--topic", "bronsein.case.v1",
                "--topic=bronsein.referral.v1", "--from", "2026-11-23T10:00:00Z", "--to=2026-11-23T12:00:00+01:00",
                "--source", "urn:nld:kvk:12345678", "--type", "nl.bronsein.case.status-changed.v1", "--subject", "c-1",
                "--out", "dump.jsonl", "--timeout", "3"))
                .isEqualTo(new Dump(new Connection("127.0.0.1:9092", Duration.ofSeconds(3)),
                        List.of("bronsein.case.v1", "bronsein.referral.v1"), null, null,
                        Instant.parse("2026-11-23T10:00:00Z"), Instant.parse("2026-11-23T11:00:00Z"),
                        "urn:nld:kvk:12345678", "nl.bronsein.case.status-changed.v1", "c-1", Path.of("dump.jsonl")));
        assertThat(parse("dump", "--bootstrap-server", "127.0.0.1:9092", "--from-offset", "2", "--to-offset", "5"))
                .isEqualTo(new Dump(LOCAL, List.of(), 2L, 5L, null, null, null, null, null, null));
    }

    @Test
    void publishWithSourceMaps() {
        assertThat(parse("publish", "--bootstrap-server", "127.0.0.1:9092", "--in", "in.jsonl",
                "--source-map", "urn:a=urn:b", "--source-map=urn:c=urn:d", "--participant-list", "p.json",
                "--create-topics"))
                .isEqualTo(new Publish(LOCAL, Path.of("in.jsonl"), Map.of("urn:a", "urn:b", "urn:c", "urn:d"),
                        Path.of("p.json"), true));
        assertThat(parse("publish", "--bootstrap-server", "127.0.0.1:9092", "--in", "in.jsonl"))
                .isEqualTo(new Publish(LOCAL, Path.of("in.jsonl"), Map.of(), null, false));
    }

    @Test
    void rewindTargets() {
        assertThat(parse("rewind", "--bootstrap-server", "127.0.0.1:9092", "--group", "node-gp",
                "--to-beginning", "--topic", "bronsein.case.v1"))
                .isEqualTo(new Rewind(LOCAL, "node-gp", null, null, true, List.of("bronsein.case.v1")));
        assertThat(parse("rewind", "--bootstrap-server", "127.0.0.1:9092", "--group", "node-gp",
                "--to-offset", "7")).isEqualTo(new Rewind(LOCAL, "node-gp", null, 7L, false, List.of()));
        assertThat(parse("rewind", "--bootstrap-server", "127.0.0.1:9092", "--group", "node-gp",
                "--to", "2026-11-23T10:00:00Z"))
                .isEqualTo(new Rewind(LOCAL, "node-gp", Instant.parse("2026-11-23T10:00:00Z"), null, false, List.of()));
        assertThat(parse("rewind", "--node", "http://127.0.0.1:8080", "--to-beginning", "--rebuild", "--token", "t",
                "--timeout", "4")).isEqualTo(new NodeRewind(URI.create("http://127.0.0.1:8080"), null, true, "t",
                Duration.ofSeconds(4)));
    }

    @Test
    void helpAndVersion() {
        for (String[] args : List.of(new String[] {"--help"}, new String[] {"help"}, new String[] {"dump", "-h"},
                new String[] {"publish", "--help"}, new String[] {"rewind", "--help"}, new String[] {"help", "dump"})) {
            Run run = run(args);
            assertThat(run.exit()).isZero();
            assertThat(run.out()).startsWith("Usage: replay");
            assertThat(run.err()).isEmpty();
        }
        assertThat(run("--version").out()).startsWith("replay ");
    }

    @Test
    void mistakes() {
        assertThat(run("dump", "--bootstrap-server", "h:1", "--out", "a", "--out", "b").err())
                .isEqualTo("replay: option '--out' (FILE) should be specified only once" + System.lineSeparator());
        assertThat(run("publish", "--bootstrap-server", "h:1", "--in", "f", "--create-topics=yes").err())
                .startsWith("replay: Invalid value for option '--create-topics': 'yes' is not a boolean");
        assertThat(run("dump", "--bootstrap-server", "h:1", "--timeout", "0").err())
                .startsWith("replay: Invalid value for option '--timeout': must be between 1 and 3600 seconds, got 0");
        assertThat(run("dump", "--bootstrap-server", "h:99999").err())
                .startsWith("replay: Invalid value for option '--bootstrap-server': must be HOST:PORT");
        assertThat(run("dump", "--bootstrap-server", "h:1", "--from-offset", "5", "--to-offset", "4").err())
                .startsWith("replay: --to-offset (4) is before --from-offset (5)");
        assertThat(run("rewind", "--bootstrap-server", "h:1", "--to-beginning").err())
                .startsWith("replay: rewind needs --group G");
        assertThat(run("publish", "--bootstrap-server", "h:1", "--in", "f", "--source-map", "a=b", "--source-map",
                "a=c", "--participant-list", "p").err()).startsWith("replay: --source-map: a mapped more than once");
        assertThat(run("dump", "--bootstrap-server", "h:1", "--tls-key", "k").err())
                .startsWith("replay: --tls-certificate, --tls-key and --tls-ca go together");
    }

    /** The options a command line makes, without running the command. */
    private static ReplayOptions.Command parse(String... args) {
        CommandLine.ParseResult parsed = new CommandLine(new ReplayMain()).parseArgs(args);
        Object command = parsed.subcommand().commandSpec().userObject();
        if (command instanceof ReplayMain.Dump dump) {
            return dump.options();
        }
        if (command instanceof ReplayMain.Publish publish) {
            return publish.options();
        }
        return ((ReplayMain.Rewind) command).options();
    }

    private record Run(int exit, String out, String err) {
    }

    private static Run run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = ReplayMain.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }
}

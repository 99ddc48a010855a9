package nl.bronsein.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import nl.bronsein.replay.CommandLine.Connection;
import nl.bronsein.replay.CommandLine.Dump;
import nl.bronsein.replay.CommandLine.Help;
import nl.bronsein.replay.CommandLine.Publish;
import nl.bronsein.replay.CommandLine.Rewind;
import nl.bronsein.replay.CommandLine.UsageException;

class CommandLineTest {

    private static final Connection LOCAL = new Connection("127.0.0.1:9092", Duration.ofSeconds(10));

    @Test
    void dumpWithEveryOptionInBothForms() {
        assertThat(CommandLine.parse("dump", "--bootstrap-server=127.0.0.1:9092", "--topic", "bronsein.case.v1",
                "--topic=bronsein.referral.v1", "--from", "2026-11-23T10:00:00Z", "--to=2026-11-23T12:00:00+01:00",
                "--source", "urn:nld:kvk:12345678", "--type", "nl.bronsein.case.status-changed.v1", "--subject", "c-1",
                "--out", "dump.jsonl", "--timeout", "3"))
                .isEqualTo(new Dump(new Connection("127.0.0.1:9092", Duration.ofSeconds(3)),
                        List.of("bronsein.case.v1", "bronsein.referral.v1"), null, null,
                        Instant.parse("2026-11-23T10:00:00Z"), Instant.parse("2026-11-23T11:00:00Z"),
                        "urn:nld:kvk:12345678", "nl.bronsein.case.status-changed.v1", "c-1", Path.of("dump.jsonl")));
        assertThat(CommandLine.parse("dump", "--bootstrap-server", "127.0.0.1:9092", "--from-offset", "2",
                "--to-offset", "5")).isEqualTo(new Dump(LOCAL, List.of(), 2L, 5L, null, null, null, null, null, null));
    }

    @Test
    void publishWithSourceMaps() {
        assertThat(CommandLine.parse("publish", "--bootstrap-server", "127.0.0.1:9092", "--in", "in.jsonl",
                "--source-map", "urn:a=urn:b", "--source-map=urn:c=urn:d", "--participant-list", "p.json",
                "--create-topics"))
                .isEqualTo(new Publish(LOCAL, Path.of("in.jsonl"), Map.of("urn:a", "urn:b", "urn:c", "urn:d"),
                        Path.of("p.json"), true));
        assertThat(CommandLine.parse("publish", "--bootstrap-server", "127.0.0.1:9092", "--in", "in.jsonl"))
                .isEqualTo(new Publish(LOCAL, Path.of("in.jsonl"), Map.of(), null, false));
    }

    @Test
    void rewindTargets() {
        assertThat(CommandLine.parse("rewind", "--bootstrap-server", "127.0.0.1:9092", "--group", "node-gp",
                "--to-beginning", "--topic", "bronsein.case.v1"))
                .isEqualTo(new Rewind(LOCAL, "node-gp", null, null, true, List.of("bronsein.case.v1")));
        assertThat(CommandLine.parse("rewind", "--bootstrap-server", "127.0.0.1:9092", "--group", "node-gp",
                "--to-offset", "7")).isEqualTo(new Rewind(LOCAL, "node-gp", null, 7L, false, List.of()));
        assertThat(CommandLine.parse("rewind", "--bootstrap-server", "127.0.0.1:9092", "--group", "node-gp",
                "--to", "2026-11-23T10:00:00Z"))
                .isEqualTo(new Rewind(LOCAL, "node-gp", Instant.parse("2026-11-23T10:00:00Z"), null, false, List.of()));
    }

    @Test
    void help() {
        assertThat(CommandLine.parse("--help")).isEqualTo(new Help(CommandLine.USAGE));
        assertThat(CommandLine.parse("help")).isEqualTo(new Help(CommandLine.USAGE));
        assertThat(CommandLine.parse("dump", "-h")).isEqualTo(new Help(CommandLine.DUMP_USAGE));
        assertThat(CommandLine.parse("publish", "--help")).isEqualTo(new Help(CommandLine.PUBLISH_USAGE));
        assertThat(CommandLine.parse("rewind", "--help")).isEqualTo(new Help(CommandLine.REWIND_USAGE));
    }

    @Test
    void mistakes() {
        assertThatThrownBy(() -> CommandLine.parse("dump", "--bootstrap-server", "h:1", "--out", "a", "--out", "b"))
                .isInstanceOf(UsageException.class).hasMessage("--out given more than once");
        assertThatThrownBy(() -> CommandLine.parse("publish", "--bootstrap-server", "h:1", "--in", "f",
                "--create-topics=yes")).isInstanceOf(UsageException.class).hasMessage("--create-topics takes no value");
        assertThatThrownBy(() -> CommandLine.parse("dump", "--bootstrap-server", "h:1", "--timeout", "0"))
                .isInstanceOf(UsageException.class).hasMessage("--timeout must be between 1 and 3600 seconds, got 0");
        assertThatThrownBy(() -> CommandLine.parse("dump", "--bootstrap-server", "h:99999"))
                .isInstanceOf(UsageException.class).hasMessageStartingWith("--bootstrap-server must be HOST:PORT");
        assertThatThrownBy(() -> CommandLine.parse("dump", "--bootstrap-server", "h:1", "--from-offset", "5",
                "--to-offset", "4")).isInstanceOf(UsageException.class)
                .hasMessage("--to-offset (4) is before --from-offset (5)");
        assertThatThrownBy(() -> CommandLine.parse("rewind", "--bootstrap-server", "h:1", "--to-beginning"))
                .isInstanceOf(UsageException.class).hasMessage("rewind needs --group G");
        assertThatThrownBy(() -> CommandLine.parse("publish", "--bootstrap-server", "h:1", "--in", "f",
                "--source-map", "a=b", "--source-map", "a=c", "--participant-list", "p"))
                .isInstanceOf(UsageException.class).hasMessage("--source-map: a mapped more than once");
    }
}

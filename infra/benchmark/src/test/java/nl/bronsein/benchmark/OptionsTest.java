package nl.bronsein.benchmark;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;


/** The benchmark's command line ({@link BenchmarkMain}) and the {@link Options} it makes. */
class OptionsTest {

    @Test
    void defaultsAreTheFullRunOnBothDatabases() {
        Options options = parse();
        assertThat(options.databases()).containsExactly(DatabaseKind.H2, DatabaseKind.POSTGRES);
        // issue 21: every node, the broker and the peer in a process of its own unless --one-jvm; the million then go
        // through the staff API, so fewer by default
        assertThat(options.oneJvm()).isFalse();
        assertThat(options.million()).isEqualTo(100_000);
        assertThat(parse("--one-jvm").oneJvm()).isTrue();
        assertThat(parse("--one-jvm").million()).isEqualTo(1_000_000);
        assertThat(options.clients()).isZero();
        assertThat(options.participants()).isEqualTo(1_500);
        assertThat(options.millionPath()).isNull();
        assertThat(options.parts()).containsExactlyInAnyOrderElementsOf(Part.all());
        assertThat(Part.all()).containsExactlyInAnyOrder(Part.values());
        assertThat(options.processingLogRows()).isEqualTo(10_000_000);
        assertThat(parse("--quick").processingLogRows()).isEqualTo(100_000);
        assertThat(parse("--processing-log-rows", "1,000").processingLogRows()).isEqualTo(1_000);
        // issue 21: a day's notifications for one node
        assertThat(options.catchUp()).isEqualTo(100_000);
        assertThat(parse("--quick").catchUp()).isEqualTo(2_000);
        assertThat(parse("--catch-up", "5000").catchUp()).isEqualTo(5_000);
    }

    @Test
    void partsRunOnlyWhatIsComparedAndRefuseAPartWithoutTheFigureItRestsOn() {
        Options options = parse("--parts", "throughput,pulls", "--databases", "postgres");
        assertThat(options.parts()).containsExactlyInAnyOrder(Part.THROUGHPUT, Part.PULLS);
        assertThat(options.runs(Part.MILLION)).isFalse();
        assertThat(parse("--parts", "pulls,broker-scale").parts()).containsExactlyInAnyOrder(Part.PULLS,
                Part.BROKER_SCALE);
        // the peer alone gives its figures without Bronsein's beside them
        assertThat(parse("--parts", "peer").parts()).containsExactly(Part.PEER);
        assertThat(parse("--parts", "throughput,others-traffic").parts()).containsExactlyInAnyOrder(Part.THROUGHPUT,
                Part.OTHERS_TRAFFIC);
        assertThat(refused("--parts", "latency"))
                .startsWith("benchmark: --parts: latency needs throughput (its rate is half the sustained rate)");
        assertThat(refused("--parts", "case-opened")).startsWith("benchmark: --parts: case-opened needs throughput");
        assertThat(parse("--parts", "throughput,case-opened").parts()).containsExactlyInAnyOrder(Part.THROUGHPUT,
                Part.CASE_OPENED);
        assertThat(refused("--parts", "pulls,plaintext,throughput")).startsWith("benchmark: --parts: plaintext needs");
        assertThat(refused("--parts", "coffee")).startsWith("benchmark: Invalid value for option '--parts' (LIST): "
                + "unknown part coffee (throughput, plain-jdbc");
    }

    @Test
    void quickShrinksTheCountsButExplicitOptionsWin() {
        Options options = parse("--quick", "--changes=800", "--databases", "postgres", "--million-via", "service",
                "--one-jvm");
        assertThat(options.changes()).isEqualTo(800);
        assertThat(options.million()).isEqualTo(5_000);
        assertThat(options.databases()).isEqualTo(List.of(DatabaseKind.POSTGRES));
        assertThat(options.participants()).isEqualTo(150);
        assertThat(options.millionPath()).isEqualTo(MillionChanges.Path.SERVICE);
        assertThat(parse("--participants", "0").participants()).isZero();
        assertThat(parse("--million", "100_000").million()).isEqualTo(100_000);
        assertThat(parse("--databases", "postgresql,h2,h2").databases())
                .containsExactly(DatabaseKind.POSTGRES, DatabaseKind.H2);
    }

    @Test
    void badInputIsRefusedNamingTheOptionAndTheReason() {
        assertThat(refused("--databases", "oracle"))
                .startsWith("benchmark: Invalid value for option '--databases' (LIST): unknown database oracle");
        assertThat(refused("--changes", "0")).startsWith("benchmark: --changes must be at least 1: 0");
        assertThat(refused("--changes", "many"))
                .startsWith("benchmark: Invalid value for option '--changes': must be a whole number: many");
        assertThat(refused("--million-via", "service")).startsWith("benchmark: --million-via service calls the GP node's "
                + "service in this JVM: add --one-jvm");
        assertThat(refused("--million-via", "mail"))
                .startsWith("benchmark: Invalid value for option '--million-via': api or service, not mail");
        assertThat(refused("--changes")).startsWith("benchmark: Missing required parameter for option '--changes'");
        assertThat(refused("--fast")).startsWith("benchmark: Unknown option: '--fast'");
    }

    @Test
    void helpListsTheOptions() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int code = BenchmarkMain.run(new String[] {"--help"}, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
        assertThat(code).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).startsWith("Usage: ./benchmark").contains("--quick",
                "--databases=LIST", "--million-via=PATH", "--participants=N", "--one-jvm", "--version");
    }

    private static Options parse(String... args) {
        BenchmarkMain command = new BenchmarkMain();
        new picocli.CommandLine(command).parseArgs(args);
        return command.options();
    }

    /** What a refused command line prints on standard error; it exits 2 and runs nothing. */
    private static String refused(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = BenchmarkMain.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        assertThat(code).isEqualTo(2);
        assertThat(out.toString(StandardCharsets.UTF_8)).isEmpty();
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("Usage: ./benchmark");
        return err.toString(StandardCharsets.UTF_8);
    }
}

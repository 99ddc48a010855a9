package nl.bronsein.localnetwork;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;


/** The launcher's command line ({@link LocalNetworkMain}, picocli). */
class CommandLineTest {

    @Test
    void noArgumentsRunsWithTheDefaults() {
        NetworkOptions options = run();
        assertThat(options.dataDir()).isEqualTo(Path.of("./.bronsein-network"));
        assertThat(options.kafkaPort()).isEqualTo(9092);
        assertThat(options.idpPort()).isEqualTo(9000);
        assertThat(options.idpIssuer()).isEqualTo("http://127.0.0.1:9000");
        assertThat(options.gpPort()).isEqualTo(8443);
        assertThat(options.gpStaffPort()).isEqualTo(8080);
        assertThat(options.municipalityPort()).isEqualTo(9443);
        assertThat(options.municipalityStaffPort()).isEqualTo(9080);
        assertThat(options.providerPort()).isEqualTo(7443);
        assertThat(options.providerStaffPort()).isEqualTo(7080);
        assertThat(options.nodesDir()).isNull();
        assertThat(options.startupTimeout()).isEqualTo(Duration.ofSeconds(120));
        assertThat(run("run")).isEqualTo(options);
    }

    @Test
    void everyOptionInBothForms() {
        NetworkOptions options = run("run", "--data-dir", "/tmp/net", "--kafka-port=19092", "--idp-port", "19000",
                "--gp-port", "18443",
                "--gp-staff-port=18080", "--municipality-port", "19443", "--municipality-staff-port", "19080",
                "--provider-port=17443", "--provider-staff-port", "17080", "--nodes-dir=/opt/nodes",
                "--startup-timeout", "30");
        assertThat(options).isEqualTo(new NetworkOptions(Path.of("/tmp/net"), 19092, 19000, 18443, 18080, 19443,
                19080, 17443, 17080, Path.of("/opt/nodes"), Duration.ofSeconds(30)));
        assertThat(options.port(Participants.GP)).isEqualTo(18443);
        assertThat(options.staffPort(Participants.GP)).isEqualTo(18080);
        assertThat(options.port(Participants.MUNICIPALITY)).isEqualTo(19443);
        assertThat(options.staffPort(Participants.MUNICIPALITY)).isEqualTo(19080);
        assertThat(options.port(Participants.PROVIDER)).isEqualTo(17443);
        assertThat(options.staffPort(Participants.PROVIDER)).isEqualTo(17080);
        assertThat(options.ports()).containsExactly(Map.entry("--kafka-port", 19092), Map.entry("--idp-port", 19000),
                Map.entry("--gp-port", 18443), Map.entry("--gp-staff-port", 18080),
                Map.entry("--municipality-port", 19443),
                Map.entry("--municipality-staff-port", 19080),
                Map.entry("--provider-port", 17443), Map.entry("--provider-staff-port", 17080));
    }

    @Test
    void demoDefaultsAndUrls() {
        LocalNetworkMain.DemoCommand defaults = demo("demo");
        assertThat(List.of(defaults.gp, defaults.municipality, defaults.provider)).containsExactly(
                URI.create("http://127.0.0.1:8080"), URI.create("http://127.0.0.1:9080"),
                URI.create("http://127.0.0.1:7080"));
        assertThat(defaults.dataDir).isEqualTo(Path.of("./.bronsein-network"));
        LocalNetworkMain.DemoCommand given = demo("demo", "--gp", "http://localhost:18080/",
                "--municipality=http://h:1", "--provider", "https://p:2/", "--data-dir", "/tmp/net");
        assertThat(List.of(given.gp, given.municipality, given.provider)).containsExactly(
                URI.create("http://localhost:18080"), URI.create("http://h:1"), URI.create("https://p:2"));
        assertThat(given.dataDir).isEqualTo(Path.of("/tmp/net"));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
            "--help", "-h", "run --kafka-port 1 --help", "demo --help", "help", "help demo", "--version"})
    void helpAndVersionAnywhere(String line) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        assertThat(LocalNetworkMain.run(split(line), print(out), print(err))).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).startsWith(line.equals("--version") ? "local-network "
                : "Usage: local-network");
        assertThat(err.toString(StandardCharsets.UTF_8)).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
            "bogus                                  | Unmatched argument at index 0: 'bogus'",
            "--bogus                                | Unknown option: '--bogus'",
            "run --bogus=1                          | Unknown option: '--bogus=1'",
            "--kafka-port                           | Missing required parameter for option '--kafka-port' (N)",
            "--data-dir --kafka-port 1              | Expected parameter for option '--data-dir' but found '--kafka-port'",
            "--kafka-port x                         | Invalid value for option '--kafka-port': must be a number, got 'x'",
            "--gp-port 0                            | Invalid value for option '--gp-port': must be between 1 and 65535, got 0",
            "--gp-staff-port 70000                  | Invalid value for option '--gp-staff-port': must be between 1 and 65535, got 70000",
            "--kafka-port 1 --kafka-port 2          | option '--kafka-port' (N) should be specified only once",
            "--gp-port 9443                         | --gp-port and --municipality-port are both 9443; every port must differ",
            "--municipality-staff-port 8080         | --gp-staff-port and --municipality-staff-port are both 8080; every port must differ",
            "--provider-port 8443                   | --gp-port and --provider-port are both 8443; every port must differ",
            "run --provider-staff-port 9092         | --kafka-port and --provider-staff-port are both 9092; every port must differ",
            "--provider-port 7080                   | --provider-port and --provider-staff-port are both 7080; every port must differ",
            "--provider-staff-port x                | Invalid value for option '--provider-staff-port': must be a number, got 'x'",
            "--provider-port 65536                  | Invalid value for option '--provider-port': must be between 1 and 65535, got 65536",
            "--data-dir=                            | Invalid value for option '--data-dir': must not be empty",
            "--startup-timeout 0                    | Invalid value for option '--startup-timeout': must be between 1 and 3600 seconds, got 0",
            "demo --gp ftp://x                      | Invalid value for option '--gp': must be an http(s) URL such as http://127.0.0.1:8080, got 'ftp://x'",
            "demo --municipality 'a b'              | Invalid value for option '--municipality': not a valid URL: 'a b'",
            "demo --provider file:///x              | Invalid value for option '--provider': must be an http(s) URL such as http://127.0.0.1:8080, got 'file:///x'",
            "demo --provider-port 1                 | Unknown options: '--provider-port', '1'",
            "demo --kafka-port 1                    | Unknown options: '--kafka-port', '1'",
            "demo extra                             | Unmatched argument at index 1: 'extra'",
    })
    void badArguments(String line, String message) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = LocalNetworkMain.run(split(line), print(out), print(err));
        assertThat(code).isEqualTo(2);
        assertThat(out.toString(StandardCharsets.UTF_8)).isEmpty();
        String stderr = err.toString(StandardCharsets.UTF_8);
        assertThat(stderr.lines().findFirst()).contains("local-network: " + message);
        assertThat(stderr).contains("Usage: local-network").contains("(--help for all options)")
                .doesNotContain("Exception").doesNotContain("\tat ");
    }

    @Test
    void helpExitsZeroWithTheUsageOnStdout() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        assertThat(LocalNetworkMain.run(new String[] {"--help"}, print(out), print(err))).isZero();
        String usage = out.toString(StandardCharsets.UTF_8).replaceAll("\\s+", " ");
        assertThat(usage).contains("--data-dir=DIR", "--kafka-port=N", "--gp-staff-port=N", "--provider-port=N",
                "--provider-staff-port=N", "(default 7443)", "(default 7080)", "node-provider.jar", "run", "demo",
                "Starts a local network until Ctrl-C");
        assertThat(err.toString(StandardCharsets.UTF_8)).isEmpty();

        ByteArrayOutputStream demo = new ByteArrayOutputStream();
        assertThat(LocalNetworkMain.run(new String[] {"demo", "--help"}, print(demo), print(err))).isZero();
        assertThat(demo.toString(StandardCharsets.UTF_8).replaceAll("\\s+", " ")).contains("--gp=URL",
                "--municipality=URL", "--provider=URL",
                "--provider=URL provider node staff API (default http://127.0.0.1:7080)",
                "--data-dir=DIR the running network's data directory, where the demo reads the nodes'");
    }

    private static NetworkOptions run(String... args) {
        LocalNetworkMain main = new LocalNetworkMain();
        picocli.CommandLine.ParseResult parsed = new picocli.CommandLine(main).parseArgs(args);
        if (parsed.hasSubcommand()) {
            return ((LocalNetworkMain.RunCommand) parsed.subcommand().commandSpec().userObject()).network.options();
        }
        return main.network.options();
    }

    private static LocalNetworkMain.DemoCommand demo(String... args) {
        picocli.CommandLine.ParseResult parsed = new picocli.CommandLine(new LocalNetworkMain()).parseArgs(args);
        return (LocalNetworkMain.DemoCommand) parsed.subcommand().commandSpec().userObject();
    }

    /** Splits on spaces, keeping 'single quoted' parts together. */
    static String[] split(String line) {
        java.util.List<String> parts = new java.util.ArrayList<>();
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("'([^']*)'|(\\S+)").matcher(line.strip());
        while (m.find()) {
            parts.add(m.group(1) != null ? m.group(1) : m.group(2));
        }
        return parts.toArray(String[]::new);
    }

    static PrintStream print(ByteArrayOutputStream buffer) {
        return new PrintStream(buffer, true, StandardCharsets.UTF_8);
    }
}

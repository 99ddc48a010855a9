package nl.bronsein.kafkabroker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import nl.bronsein.devpki.DevCertificateAuthority;
import nl.bronsein.devpki.NodeCertificateRequest;
import nl.bronsein.devpki.NodeCredentials;
import nl.bronsein.devpki.PemFiles;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KafkaBrokerMainTest {

    @TempDir
    Path tmp;

    @Test
    void defaults() {
        KafkaBrokerMain args = parse();
        assertThat(args.port).isEqualTo(9092);
        assertThat(args.dataDir).isEqualTo(Path.of("./data/kafka"));
    }

    @Test
    void parsesBothForms() {
        KafkaBrokerMain spaced = parse("--port", "19092", "--data-dir", "/var/tmp/k");
        assertThat(spaced.port).isEqualTo(19092);
        assertThat(spaced.dataDir).isEqualTo(Path.of("/var/tmp/k"));

        KafkaBrokerMain joined = parse("--data-dir=d", "--port=0");
        assertThat(joined.port).isZero();
        assertThat(joined.dataDir).isEqualTo(Path.of("d"));
    }

    @Test
    void helpAndVersionExitZero() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertThat(KafkaBrokerMain.run(new String[] {"--help"}, new PrintStream(out, true, StandardCharsets.UTF_8),
                System.err)).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).startsWith("Usage: KafkaBrokerMain")
                .contains("--port=N", "--data-dir=DIR", "--tls-certificate=FILE", "--super-user=ID");
        ByteArrayOutputStream version = new ByteArrayOutputStream();
        assertThat(KafkaBrokerMain.run(new String[] {"--version"},
                new PrintStream(version, true, StandardCharsets.UTF_8), System.err)).isZero();
        assertThat(version.toString(StandardCharsets.UTF_8)).startsWith("KafkaBrokerMain ");
    }

    @Test
    void badArgumentsGiveAClearError() {
        assertThat(error("--port", "abc")).isEqualTo("Invalid value for option '--port': must be a number, got 'abc'");
        assertThat(error("--port", "65536"))
                .isEqualTo("Invalid value for option '--port': must be between 0 and 65535, got 65536");
        assertThat(error("--port", "-1"))
                .isEqualTo("Invalid value for option '--port': must be between 0 and 65535, got -1");
        assertThat(error("--port")).isEqualTo("Missing required parameter for option '--port' (N)");
        assertThat(error("--port", "--data-dir", "x")).isEqualTo("Expected parameter for option '--port' but found"
                + " '--data-dir'");
        assertThat(error("--data-dir")).isEqualTo("Missing required parameter for option '--data-dir' (DIR)");
        assertThat(error("--data-dir=")).isEqualTo("Invalid value for option '--data-dir': must not be empty");
        assertThat(error("--port", "1", "--port", "2")).isEqualTo("option '--port' (N) should be specified only once");
        assertThat(error("--verbose")).isEqualTo("Unknown option: '--verbose'");
        assertThat(error("9092")).isEqualTo("Unmatched argument at index 0: '9092'");
    }

    /** The command after parsing {@code args}, not run. */
    private static KafkaBrokerMain parse(String... args) {
        KafkaBrokerMain command = new KafkaBrokerMain();
        new picocli.CommandLine(command).parseArgs(args);
        return command;
    }

    /** The one-line message, without its prefix, of a command line that is refused with exit code 2. */
    private static String error(String... args) {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = KafkaBrokerMain.run(args, new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        assertThat(code).as(err.toString(StandardCharsets.UTF_8)).isEqualTo(2);
        String first = err.toString(StandardCharsets.UTF_8).lines().findFirst().orElseThrow();
        assertThat(first).startsWith("KafkaBrokerMain: ");
        return first.substring("KafkaBrokerMain: ".length());
    }

    @Test
    void runWithBadArgumentsReturnsTwoAndPrintsMessageAndUsageOnStderr() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = KafkaBrokerMain.run(new String[] {"--port", "x"},
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        assertThat(code).isEqualTo(2);
        assertThat(out.toString(StandardCharsets.UTF_8)).isEmpty();
        List<String> lines = err.toString(StandardCharsets.UTF_8).lines().toList();
        assertThat(lines.get(0)).isEqualTo("KafkaBrokerMain: Invalid value for option '--port': must be a number, got 'x'");
        assertThat(lines.get(1)).startsWith("Usage: KafkaBrokerMain");
        assertThat(String.join("\n", lines)).contains("--port=N", "--data-dir=DIR").doesNotContain("Exception");
    }

    @Test
    void runWithABusyPortReturnsOneWithAOneLineMessage() throws Exception {
        try (ServerSocket squatter = new ServerSocket()) {
            squatter.bind(new InetSocketAddress("127.0.0.1", 0));
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            int code = KafkaBrokerMain.run(new String[] {"--port", Integer.toString(squatter.getLocalPort()),
                            "--data-dir", tmp.resolve("busy").toString()},
                    new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
            assertThat(code).isEqualTo(1);
            assertThat(out.toString(StandardCharsets.UTF_8)).isEmpty();
            assertThat(err.toString(StandardCharsets.UTF_8).lines().toList()).singleElement().asString()
                    .startsWith("KafkaBrokerMain: Could not start Kafka broker: client port 127.0.0.1:" + squatter.getLocalPort()
                            + " is already in use");
        }
    }

    @Test
    void tlsOptionsMakeASecuredBroker() {
        KafkaBrokerMain secured = parse("--tls-certificate", "b.crt", "--tls-key=b.key", "--tls-ca", "ca.crt",
                "--super-user", "urn:nld:kvk:99990000", "--super-user=urn:nld:oin:00000001234567890000");
        assertThat(secured.tls()).isEqualTo(new KafkaBrokerMain.TlsFiles(Path.of("b.crt"), Path.of("b.key"),
                Path.of("ca.crt"), Set.of("urn:nld:kvk:99990000", "urn:nld:oin:00000001234567890000")));
        assertThat(parse().tls()).as("without them: the plaintext broker, as before").isNull();

        assertThat(error("--tls-certificate", "b.crt", "--tls-key", "b.key"))
                .isEqualTo("a secured broker needs --tls-certificate, --tls-key, --tls-ca; missing --tls-ca");
        assertThat(error("--super-user", "urn:nld:kvk:99990000"))
                .isEqualTo("--super-user needs a secured broker (--tls-certificate, --tls-key, --tls-ca)");
        assertThat(error("--tls-key", "a", "--tls-key", "b"))
                .isEqualTo("option '--tls-key' (FILE) should be specified only once");
        assertThat(error("--tls-ca=")).isEqualTo("Invalid value for option '--tls-ca': must not be empty");
    }

    @Test
    void runWithAMissingCertificateFileReturnsOneWithAOneLineMessage() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Path missing = tmp.resolve("missing.crt");
        int code = KafkaBrokerMain.run(new String[] {"--port", "0", "--data-dir", tmp.resolve("k").toString(),
                        "--tls-certificate", missing.toString(), "--tls-key", missing.toString(),
                        "--tls-ca", missing.toString()},
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        assertThat(code).isEqualTo(1);
        assertThat(out.toString(StandardCharsets.UTF_8)).isEmpty();
        assertThat(err.toString(StandardCharsets.UTF_8).lines().toList()).singleElement().asString()
                .startsWith("KafkaBrokerMain: --tls-certificate: cannot read " + missing);
    }

    @Test
    void processRunsASecuredBrokerFromPemFiles() throws Exception {
        DevCertificateAuthority ca = DevCertificateAuthority.generate("Test CA");
        ca.writeTo(tmp.resolve("ca.crt"), tmp.resolve("ca.key"));
        ca.issue(NodeCertificateRequest.of("Bronsein netwerkbeheer", "00000009999999999999"))
                .writePem(tmp.resolve("broker.crt"), tmp.resolve("broker.key"));
        NodeCredentials operator = ca.issue(NodeCertificateRequest.of("Beheerder", "99990000"));
        Path stdoutFile = tmp.resolve("stdout.txt");
        Path stderrFile = tmp.resolve("stderr.txt");
        Process process = javaProcess("--port", "0", "--data-dir", tmp.resolve("kafka").toString(),
                "--tls-certificate", tmp.resolve("broker.crt").toString(), "--tls-key", tmp.resolve("broker.key").toString(),
                "--tls-ca", tmp.resolve("ca.crt").toString(), "--super-user", "urn:nld:kvk:99990000")
                .redirectOutput(stdoutFile.toFile())
                .redirectError(stderrFile.toFile())
                .start();
        try {
            int port = awaitReady(process, stdoutFile, stderrFile);
            assertThat(Files.readAllLines(stdoutFile)).contains("Secured: mutual TLS only, principal of the broker "
                    + "urn:nld:oin:00000009999999999999, super users [urn:nld:kvk:99990000]");
            Map<String, Object> props = new HashMap<>(BrokerSecurity.clientSslProperties(
                    PemFiles.toPem(operator.chain()), PemFiles.toPem(operator.privateKey()), PemFiles.toPem(ca.certificate())));
            props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:" + port);
            try (Admin admin = Admin.create(props)) {
                // creating a topic needs CREATE on the cluster: granted to the super user only
                admin.createTopics(List.of(new NewTopic("t", 1, (short) 1))).all().get(30, TimeUnit.SECONDS);
                assertThat(admin.listTopics().names().get(30, TimeUnit.SECONDS)).contains("t");
            }
            try (Admin plaintext = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:" + port,
                    AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 3_000,
                    AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 2_000))) {
                assertThatThrownBy(() -> plaintext.listTopics().names().get(30, TimeUnit.SECONDS))
                        .hasCauseInstanceOf(TimeoutException.class);
            }
        } finally {
            process.destroy();
            process.waitFor(30, TimeUnit.SECONDS);
            process.destroyForcibly();
        }
    }

    @Test
    void processWithBadArgumentsExitsWithTwoAndNoStackTrace() throws Exception {
        Process process = javaProcess("--port", "notaport").start();
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        String stderr = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        String stdout = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.exitValue()).isEqualTo(2);
        assertThat(stderr.lines().findFirst()).contains("KafkaBrokerMain: Invalid value for option '--port': must be a number, got 'notaport'");
        assertThat(stderr).contains("Usage: KafkaBrokerMain").doesNotContain("Exception").doesNotContain("\tat ");
        assertThat(stdout).isEmpty();
    }

    @Test
    void processRunsTheBrokerAndStopsCleanlyOnSigterm() throws Exception {
        Path dataDir = tmp.resolve("kafka");
        // Files, not pipes: Process.destroy() closes the pipes, which would lose what the shutdown hook prints.
        Path stdoutFile = tmp.resolve("stdout.txt");
        Path stderrFile = tmp.resolve("stderr.txt");
        Process process = javaProcess("--port", "0", "--data-dir", dataDir.toString())
                .redirectOutput(stdoutFile.toFile())
                .redirectError(stderrFile.toFile())
                .start();
        try {
            int port = awaitReady(process, stdoutFile, stderrFile);
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 2_000);
                assertThat(socket.isConnected()).isTrue();
            }

            process.destroy(); // SIGTERM
            assertThat(process.waitFor(30, TimeUnit.SECONDS)).as("process ends after SIGTERM").isTrue();
            assertThat(process.exitValue()).isEqualTo(143); // 128 + SIGTERM: the JVM's normal exit on a signal
            List<String> stdout = Files.readAllLines(stdoutFile);
            assertThat(stdout).as("stdout; stderr: %s", Files.readString(stderrFile))
                    .containsSubsequence("Kafka broker ready on 127.0.0.1:" + port, "Kafka broker on 127.0.0.1:" + port + " stopped");
            assertThat(Files.readString(stderrFile)).doesNotContain("Exception");
            int closedPort = port;
            assertThatThrownBy(() -> {
                try (Socket socket = new Socket()) {
                    socket.connect(new InetSocketAddress("127.0.0.1", closedPort), 1_000);
                }
            }).isInstanceOf(ConnectException.class);

            // it shut down cleanly: the same data directory opens again (lock released), with the same cluster
            try (LocalKafkaBroker again = new LocalKafkaBroker(dataDir, port)) {
                String clusterId = again.clusterId().orElseThrow();
                again.start();
                assertThat(again.isRunning()).isTrue();
                assertThat(again.clusterId()).contains(clusterId);
            }
        } finally {
            process.destroyForcibly();
        }
    }

    /** The port of the "ready" line the broker process prints, waited for at most 60 s. */
    private static int awaitReady(Process process, Path stdoutFile, Path stderrFile) throws Exception {
        Pattern ready = Pattern.compile("^Kafka broker ready on 127\\.0\\.0\\.1:(\\d+)$", Pattern.MULTILINE);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            Matcher m = ready.matcher(Files.readString(stdoutFile));
            if (m.find()) {
                return Integer.parseInt(m.group(1));
            }
            assertThat(process.isAlive()).as("broker process alive; stdout: %s; stderr: %s",
                    Files.readString(stdoutFile), Files.readString(stderrFile)).isTrue();
            Thread.sleep(100);
        }
        throw new AssertionError("no ready line within 60 s; stdout: " + Files.readString(stdoutFile));
    }

    private static ProcessBuilder javaProcess(String... args) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xmx512m");
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(KafkaBrokerMain.class.getName());
        command.addAll(List.of(args));
        return new ProcessBuilder(command);
    }
}

package nl.bronsein.localnetwork;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;


class NodeProcessTest {

    @TempDir
    Path dir;

    @Test
    void commandRunsTheNodeJarWithItsPropertiesAndAbsolutePaths() {
        NetworkFiles files = new NetworkFiles(dir.resolve("data"));
        NetworkOptions options = new NetworkOptions(dir.resolve("data"), 19092, 19000, 18443, 18080, 19443, 19080,
                17443, 17080, null, Duration.ofSeconds(5));
        String d = files.dataDir().toString();
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();

        assertThat(NodeProcess.command(Participants.GP, files, options, dir.resolve("nodes"), "127.0.0.1:19092"))
                .containsExactly(java, "-XX:TieredStopAtLevel=1", "-jar", dir.resolve("nodes/node-gp.jar").toString(),
                        "--bronsein.node.participant-id=urn:nld:kvk:12345678",
                        "--bronsein.node.participant-list=file:" + d + "/participants.json",
                        "--spring.ssl.bundle.pem.network.keystore.certificate=file:" + d + "/pki/gp.crt",
                        "--spring.ssl.bundle.pem.network.keystore.private-key=file:" + d + "/pki/gp.key",
                        "--spring.ssl.bundle.pem.network.truststore.certificate=file:" + d + "/pki/ca.crt",
                        "--server.port=18443",
                        "--bronsein.staff-api.port=18080",
                        "--spring.kafka.bootstrap-servers=127.0.0.1:19092",
                        "--bronsein.data-dir=" + d + "/gp",
                        "--bronsein.staff.issuer=http://127.0.0.1:19000",
                        "--bronsein.staff.audience=urn:nld:kvk:12345678",
                        "--bronsein.staff.public-key=file:" + d + "/pki/staff-issuer.pub",
                        "--bronsein.staff.max-token-lifetime=30d",
                        "--logging.structured.format.console=");

        NodeProcess municipality = NodeProcess.of(Participants.MUNICIPALITY, files, options, dir.resolve("nodes"),
                "127.0.0.1:19092", "municipality-secret");
        assertThat(municipality.command()).contains(dir.resolve("nodes/node-municipality.jar").toString(),
                "--bronsein.node.participant-id=urn:nld:oin:00000001001234567000",
                "--spring.ssl.bundle.pem.network.keystore.certificate=file:" + d + "/pki/municipality.crt",
                "--server.port=19443", "--bronsein.staff-api.port=19080",
                "--bronsein.data-dir=" + d + "/municipality");
        assertThat(municipality.health()).hasToString("http://127.0.0.1:19080/actuator/health");
        assertThat(municipality.log()).isEqualTo(files.dataDir().resolve("logs/municipality.log"));

        NodeProcess provider = NodeProcess.of(Participants.PROVIDER, files, options, dir.resolve("nodes"),
                "127.0.0.1:19092", "provider-secret");
        assertThat(provider.command()).containsExactly(java, "-XX:TieredStopAtLevel=1", "-jar",
                dir.resolve("nodes/node-provider.jar").toString(),
                "--bronsein.node.participant-id=urn:nld:kvk:87654321",
                "--bronsein.node.participant-list=file:" + d + "/participants.json",
                "--spring.ssl.bundle.pem.network.keystore.certificate=file:" + d + "/pki/provider.crt",
                "--spring.ssl.bundle.pem.network.keystore.private-key=file:" + d + "/pki/provider.key",
                "--spring.ssl.bundle.pem.network.truststore.certificate=file:" + d + "/pki/ca.crt",
                "--server.port=17443",
                "--bronsein.staff-api.port=17080",
                "--spring.kafka.bootstrap-servers=127.0.0.1:19092",
                "--bronsein.data-dir=" + d + "/provider",
                        "--bronsein.staff.issuer=http://127.0.0.1:19000",
                        "--bronsein.staff.audience=urn:nld:kvk:87654321",
                        // signed in by the identity provider, the staff API's tokens verified at its JWKS
                        "--spring.security.oauth2.client.registration.staff.client-id=provider",
                        "--spring.security.oauth2.client.registration.staff.authorization-grant-type="
                                + "authorization_code",
                        "--spring.security.oauth2.client.registration.staff.scope=openid,profile",
                        "--spring.security.oauth2.client.registration.staff.redirect-uri="
                                + "{baseUrl}/login/oauth2/code/{registrationId}",
                        "--spring.security.oauth2.client.provider.staff.authorization-uri="
                                + "http://127.0.0.1:19000/oauth2/authorize",
                        "--spring.security.oauth2.client.provider.staff.token-uri=http://127.0.0.1:19000/oauth2/token",
                        "--spring.security.oauth2.client.provider.staff.jwk-set-uri=http://127.0.0.1:19000/oauth2/jwks",
                        "--spring.security.oauth2.client.provider.staff.user-info-uri=http://127.0.0.1:19000/userinfo",
                        "--spring.security.oauth2.client.provider.staff.user-name-attribute=sub",
                        "--bronsein.staff-pages.sign-out-uri=http://127.0.0.1:19000/connect/logout",
                        "--bronsein.staff.jwk-set-uri=http://127.0.0.1:19000/oauth2/jwks",
                        "--bronsein.staff.max-token-lifetime=30d",
                        "--logging.structured.format.console=");
        // the client secret in the environment only: a command line is in every user's ps, and in the node's log
        assertThat(provider.environment()).containsExactly(
                Map.entry("SPRING_SECURITY_OAUTH2_CLIENT_REGISTRATION_STAFF_CLIENTSECRET", "provider-secret"));
        assertThat(String.join(" ", provider.command())).doesNotContain("provider-secret");
        assertThat(provider.health()).hasToString("http://127.0.0.1:17080/actuator/health");
        assertThat(provider.log()).isEqualTo(files.dataDir().resolve("logs/provider.log"));
    }

    @Test
    void logTailShowsTheLastLinesOfTheLastRunOnly() throws Exception {
        Path log = dir.resolve("gp.log");
        StringBuilder text = new StringBuilder();
        text.append(ChildProcess.START_MARKER).append("gp at earlier\n");
        IntStream.range(0, 50).forEach(i -> text.append("old ").append(i).append('\n'));
        text.append(ChildProcess.START_MARKER).append("gp at now\n");
        IntStream.range(0, 40).forEach(i -> text.append("new ").append(i).append('\n'));
        Files.writeString(log, text);

        List<String> tail = ChildProcess.tail(log, 30);
        assertThat(tail).hasSize(30).startsWith("new 10").endsWith("new 39");

        Files.writeString(log, ChildProcess.START_MARKER + "gp at now\nonly line\n");
        assertThat(ChildProcess.tail(log, 30)).containsExactly("only line");
        assertThat(ChildProcess.tail(dir.resolve("missing.log"), 30)).isEmpty();
    }

    @Test
    void aNodeProcessAppendsItsOutputToItsLog() throws Exception {
        Path log = dir.resolve("logs/echo.log");
        Files.createDirectories(log.getParent());
        Files.writeString(log, "from before\n");
        String java = NodeProcess.javaExecutable().toString();
        NodeProcess node = new NodeProcess(Participants.GP, List.of(java, "-version"), dir, log,
                URI.create("http://127.0.0.1:1/actuator/health"));
        Process process = node.start();
        assertThat(process.waitFor()).isZero();
        String content = Files.readString(log);
        assertThat(content).startsWith("from before\n").contains(ChildProcess.START_MARKER + "gp at ");
        assertThat(node.logTail(30)).anyMatch(line -> line.contains("version"));
        assertThat(node.awaitStop(System.nanoTime())).isTrue();
    }

    @Test
    void missingNodeJarsAreReportedBeforeAnythingStarts() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = LocalNetworkMain.run(new String[] {"--data-dir", dir.resolve("data").toString(), "--nodes-dir",
                dir.resolve("nowhere").toString()}, CommandLineTest.print(out), CommandLineTest.print(err));
        assertThat(code).isEqualTo(1);
        assertThat(err.toString()).startsWith("local-network: node jar not found: "
                + dir.resolve("nowhere/node-gp.jar"))
                .contains("node-gp.jar, node-municipality.jar and node-provider.jar")
                .doesNotContain("Exception");
        assertThat(out.toString()).contains("stopped");
        assertThat(dir.resolve("data")).doesNotExist();
    }

    @Test
    void aMissingProviderJarIsReportedToo() throws Exception {
        Path nodes = Files.createDirectories(dir.resolve("nodes"));
        Files.writeString(nodes.resolve("node-gp.jar"), "x");
        Files.writeString(nodes.resolve("node-municipality.jar"), "x");
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = LocalNetworkMain.run(new String[] {"--data-dir", dir.resolve("data").toString(), "--nodes-dir",
                nodes.toString()}, CommandLineTest.print(new ByteArrayOutputStream()), CommandLineTest.print(err));
        assertThat(code).isEqualTo(1);
        assertThat(err.toString()).startsWith("local-network: node jar not found: "
                + nodes.resolve("node-provider.jar"));
        assertThat(dir.resolve("data")).doesNotExist();
    }

    @Test
    void aMissingIdentityProviderJarIsReportedBeforeAnythingStarts() throws Exception {
        Path nodes = Files.createDirectories(dir.resolve("nodes"));
        for (Participants.Participant participant : Participants.ALL) {
            Files.writeString(nodes.resolve(participant.nodeJar()), "x");
        }
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = LocalNetworkMain.run(new String[] {"--data-dir", dir.resolve("data").toString(), "--nodes-dir",
                nodes.toString()}, CommandLineTest.print(new ByteArrayOutputStream()), CommandLineTest.print(err));
        assertThat(code).isEqualTo(1);
        assertThat(err.toString()).startsWith("local-network: identity provider jar not found: "
                + nodes.resolve("identity-provider.jar"));
        assertThat(dir.resolve("data")).doesNotExist();
    }
}

package nl.bronsein.devpki;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DevPkiMainTest {

    @TempDir
    Path dir;

    /** Exit code plus what went to stdout and stderr. */
    record Run(int exitCode, String out, String err) {
        List<String> outLines() {
            return out.lines().toList();
        }
    }

    static Run run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = DevPkiMain.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    // ---- parsing -------------------------------------------------------------------------------------------------

    @Test
    void parsesRepeatedParticipantsSplittingAtTheLastTwoColons() {
        DevPkiMain.Options options = DevPkiMain.parse("--out", "target/pki",
                "--participant", "Gemeente Testdam:00000001234567890000:municipality",
                "--participant=Praktijk: De Linde:12345678:gp",
                "--dns", "gp.local", "--ca-name", "My CA");

        assertThat(options.out()).isEqualTo(Path.of("target/pki"));
        assertThat(options.participants()).containsExactly(
                new DevPkiMain.Participant("Gemeente Testdam", "00000001234567890000", "municipality"),
                new DevPkiMain.Participant("Praktijk: De Linde", "12345678", "gp"));
        assertThat(options.dnsNames()).containsExactly("gp.local");
        assertThat(options.caName()).isEqualTo("My CA");
        assertThat(DevPkiMain.parse("--out", "x").caName()).isEqualTo(DevPkiMain.DEFAULT_CA_NAME);
    }

    @Test
    void rejectsBadArgumentsNamingTheOptionAndTheReason() {
        assertUsage("Missing required option: '--out=DIR'", "--participant", "A:1:a");
        assertUsage("Missing required parameter for option '--out' (DIR)", "--out");
        assertUsage("Unknown option: '--frobnicate'", "--out", "x", "--frobnicate");
        assertUsage("Invalid value for option '--participant' (O:S:F): must be ORGANISATION:SERIALNUMBER:FILESTEM", "--out",
                "x", "--participant", "A:1");
        assertUsage("ORGANISATION:SERIALNUMBER:FILESTEM", "--out", "x", "--participant", "A:1");
        assertUsage("organisation name is empty", "--out", "x", "--participant", ":1:a");
        assertUsage("serial number", "--out", "x", "--participant", "A::a");
        assertUsage("serial number", "--out", "x", "--participant", "A:12_34:a");
        assertUsage("file stem", "--out", "x", "--participant", "A:1:../evil");
        assertUsage("file stem", "--out", "x", "--participant", "A:1:ca");
        assertUsage("file stem used twice", "--out", "x", "--participant", "A:1:a", "--participant", "B:2:a");
        assertUsage("serial number used twice", "--out", "x", "--participant", "A:1:a", "--participant", "B:1:b");
        assertUsage("option '--out' (DIR) should be specified only once", "--out", "x", "--out", "y");
        assertUsage("Invalid value for option '--ca-name': must not be empty", "--out", "x", "--ca-name", " ");
    }

    private static void assertUsage(String messagePart, String... args) {
        assertThatThrownBy(() -> DevPkiMain.parse(args))
                .isInstanceOf(picocli.CommandLine.ParameterException.class)
                .hasMessageContaining(messagePart)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    }

    @Test
    void badArgumentsExitTwoWithOneLineMessageThenUsageAndNoStackTrace() {
        Run run = run("--out", dir.toString(), "--participant", "nonsense");

        assertThat(run.exitCode()).isEqualTo(DevPkiMain.EXIT_USAGE).isEqualTo(2);
        assertThat(run.out()).isEmpty();
        List<String> errLines = run.err().lines().toList();
        assertThat(errLines.get(0)).startsWith("dev-pki: Invalid value for option '--participant' (O:S:F): must be");
        assertThat(errLines.get(1)).startsWith("Usage: dev-pki").contains("--out=DIR");
        assertThat(run.err()).doesNotContain("Exception").doesNotContain("\tat ");
        try (var files = Files.list(dir)) {
            assertThat(files).as("nothing written").isEmpty();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void helpPrintsUsageAndExitsZero() {
        Run run = run("--help");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).startsWith("Usage: dev-pki").contains("--participant=O:S:F", "--dns=NAME",
                "--ca-name=NAME");

        Run version = run("--version");
        assertThat(version.exitCode()).isZero();
        assertThat(version.out()).startsWith("dev-pki ");
    }

    // ---- running -------------------------------------------------------------------------------------------------

    @Test
    void createsCaAndParticipantsAndPrintsFingerprints() throws Exception {
        Run run = run("--out", dir.toString(),
                "--participant", "Gemeente Testdam:00000001234567890000:municipality",
                "--participant", "Huisartsenpraktijk De Linde:12345678:gp",
                "--dns", "gp.bronsein.test");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.err()).isEmpty();
        assertThat(dir.resolve("ca.crt")).exists();
        assertThat(dir.resolve("ca.key")).exists();
        DevCertificateAuthority ca = DevCertificateAuthority.load(dir.resolve("ca.crt"), dir.resolve("ca.key"));
        assertThat(CertificateSubjects.commonName(ca.certificate().getSubjectX500Principal()))
                .contains(DevPkiMain.DEFAULT_CA_NAME);

        NodeCredentials municipality = NodeCredentials.load(dir.resolve("municipality.crt"), dir.resolve("municipality.key"));
        NodeCredentials gp = NodeCredentials.load(dir.resolve("gp.crt"), dir.resolve("gp.key"));
        municipality.certificate().verify(ca.certificate().getPublicKey());
        gp.certificate().verify(ca.certificate().getPublicKey());
        assertThat(municipality.serialNumber()).isEqualTo("00000001234567890000");
        assertThat(gp.serialNumber()).isEqualTo("12345678");
        assertThat(CertificateSubjects.organisationName(gp.certificate().getSubjectX500Principal()))
                .contains("Huisartsenpraktijk De Linde");
        assertThat(gp.certificate().getSubjectAlternativeNames()).extracting(san -> (Object) san.get(1))
                .containsExactlyInAnyOrder("localhost", "gp.bronsein.test", "127.0.0.1");

        assertThat(run.outLines()).containsExactly(
                "municipality 00000001234567890000 " + municipality.sha256Fingerprint() + " issued",
                "gp 12345678 " + gp.sha256Fingerprint() + " issued");
    }

    @Test
    void secondRunReusesCaAndCertificatesAndOnlyIssuesNewParticipants() throws Exception {
        Run first = run("--out", dir.toString(), "--participant", "Gemeente Testdam:00000001234567890000:municipality");
        String caPem = Files.readString(dir.resolve("ca.crt"));
        String municipalityPem = Files.readString(dir.resolve("municipality.crt"));

        Run second = run("--out", dir.toString(),
                "--participant", "Gemeente Testdam:00000001234567890000:municipality",
                "--participant", "Huisartsenpraktijk De Linde:12345678:gp");

        assertThat(second.exitCode()).as(second.err()).isZero();
        assertThat(Files.readString(dir.resolve("ca.crt"))).isEqualTo(caPem);
        assertThat(Files.readString(dir.resolve("municipality.crt"))).isEqualTo(municipalityPem);
        String firstLine = first.outLines().get(0);
        assertThat(second.outLines().get(0)).isEqualTo(firstLine.replace(" issued", " existing"));
        assertThat(second.outLines().get(1)).startsWith("gp 12345678 ").endsWith(" issued");
        X509Certificate gp = PemFiles.readCertificate(dir.resolve("gp.crt"));
        gp.verify(PemFiles.readCertificate(dir.resolve("ca.crt")).getPublicKey());
    }

    @Test
    void onlyCaIsCreatedWithoutParticipants() {
        Run run = run("--out", dir.resolve("nested/pki").toString(), "--ca-name", "Laptop CA");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).isEmpty();
        DevCertificateAuthority ca = DevCertificateAuthority.load(dir.resolve("nested/pki/ca.crt"),
                dir.resolve("nested/pki/ca.key"));
        assertThat(CertificateSubjects.commonName(ca.certificate().getSubjectX500Principal())).contains("Laptop CA");
    }

    @Test
    void halfPresentCaFailsWithExitOne() throws Exception {
        Files.writeString(dir.resolve("ca.crt"), "junk");

        Run run = run("--out", dir.toString(), "--participant", "A:1:a");

        assertThat(run.exitCode()).isEqualTo(DevPkiMain.EXIT_FAILURE);
        assertThat(run.err()).startsWith("dev-pki: ").contains("ca.key does not").doesNotContain("\tat ");
        assertThat(run.err().lines()).hasSize(1);
        assertThat(dir.resolve("a.crt")).doesNotExist();
    }

    @Test
    void certificateFromAnotherCaOrWithAnotherSerialIsNotSilentlyReused() {
        assertThat(run("--out", dir.toString(), "--participant", "A:11111111:a").exitCode()).isZero();
        DevCertificateAuthority.generate("Other").issue(NodeCertificateRequest.of("B", "22222222"))
                .writePem(dir.resolve("b.crt"), dir.resolve("b.key"));

        Run foreign = run("--out", dir.toString(), "--participant", "B:22222222:b");
        Run renumbered = run("--out", dir.toString(), "--participant", "A:33333333:a");

        assertThat(foreign.exitCode()).isEqualTo(1);
        assertThat(foreign.err()).contains("was not issued by the CA");
        assertThat(renumbered.exitCode()).isEqualTo(1);
        assertThat(renumbered.err()).contains("has serialNumber 11111111, not 33333333");
    }

    @Test
    void expiredExistingCertificateIsReusedWithAWarning() {
        assertThat(run("--out", dir.toString()).exitCode()).isZero();
        DevCertificateAuthority ca = DevCertificateAuthority.load(dir.resolve("ca.crt"), dir.resolve("ca.key"));
        Instant now = Instant.now();
        ca.issue(NodeCertificateRequest.of("A", "11111111").withValidity(now.minus(Duration.ofDays(9)),
                now.minus(Duration.ofDays(1)))).writePem(dir.resolve("a.crt"), dir.resolve("a.key"));

        Run run = run("--out", dir.toString(), "--participant", "A:11111111:a");

        assertThat(run.exitCode()).isZero();
        assertThat(run.err()).contains("warning").contains("expired");
        assertThat(run.out()).endsWith("existing" + System.lineSeparator());
    }
}

package nl.bronsein.devpki;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.security.cert.CertPathBuilderException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateExpiredException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Real mutual TLS over loopback with nothing but the JDK: the SSLContexts are built from the PEM files as written,
 * parsed by the JDK itself ({@link JdkPem}).
 */
class MutualTlsHandshakeTest {

    static final String MUNICIPALITY_OIN = "00000001234567890000";
    static final String GP_KVK = "12345678";

    @TempDir
    static Path dir;

    static DevCertificateAuthority ca;
    static SSLContext server;
    static SSLContext trustedClient;

    @BeforeAll
    static void writeNetwork() throws Exception {
        ca = DevCertificateAuthority.generate("Test CA");
        ca.writeTo(dir.resolve("ca.crt"), dir.resolve("ca.key"));
        ca.issue(NodeCertificateRequest.of("Gemeente Testdam", MUNICIPALITY_OIN))
                .writePem(dir.resolve("municipality.crt"), dir.resolve("municipality.key"));
        ca.issue(NodeCertificateRequest.of("Huisartsenpraktijk De Linde", GP_KVK))
                .writePem(dir.resolve("gp.crt"), dir.resolve("gp.key"));
        server = JdkPem.sslContext(dir.resolve("municipality.crt"), dir.resolve("municipality.key"),
                dir.resolve("ca.crt"));
        trustedClient = JdkPem.sslContext(dir.resolve("gp.crt"), dir.resolve("gp.key"), dir.resolve("ca.crt"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"TLSv1.3", "TLSv1.2"})
    void clientCertificateFromTheSameCaIsAcceptedAndIdentifiedBySerialNumber(String protocol) throws Exception {
        TlsHandshake.Outcome outcome = TlsHandshake.connect(server, trustedClient, protocol);

        assertThat(outcome.serverFailure()).isNull();
        assertThat(outcome.clientFailure()).isNull();
        assertThat(outcome.serverHandshakeCompleted()).isTrue();
        assertThat(outcome.clientSerialSeenByServer()).isEqualTo(GP_KVK);
        assertThat(outcome.lineReceivedByClient()).isEqualTo("hello " + GP_KVK);
    }

    @ParameterizedTest
    @ValueSource(strings = {"TLSv1.3", "TLSv1.2"})
    void selfSignedClientCertificateIsRejected(String protocol) throws Exception {
        NodeCredentials impostor = NodeCredentials.selfSigned(
                NodeCertificateRequest.of("Huisartsenpraktijk De Linde", GP_KVK));
        impostor.writePem(dir.resolve("impostor.crt"), dir.resolve("impostor.key"));
        // The impostor trusts the real CA, so only its own certificate can make the handshake fail.
        SSLContext ordinary = JdkPem.sslContext(dir.resolve("impostor.crt"), dir.resolve("impostor.key"),
                dir.resolve("ca.crt"));
        SSLContext insistent = JdkPem.insistentSslContext(dir.resolve("impostor.crt"), dir.resolve("impostor.key"),
                dir.resolve("ca.crt"));

        // a normal JDK client does not even offer a certificate the server's CA did not issue
        TlsHandshake.Outcome withheld = TlsHandshake.connect(server, ordinary, protocol);
        assertThat(withheld.serverFailure()).isInstanceOf(SSLHandshakeException.class);
        assertThat(withheld.succeeded()).isFalse();

        // offered anyway, the server's PKIX trust manager finds no path to the CA
        TlsHandshake.Outcome offered = TlsHandshake.connect(server, insistent, protocol);
        assertThat(offered.serverHandshakeCompleted()).isFalse();
        assertThat(offered.serverFailure()).isInstanceOf(SSLHandshakeException.class)
                .hasRootCauseInstanceOf(CertPathBuilderException.class);
        assertThat(offered.clientSerialSeenByServer()).isNull();
        assertThat(offered.lineReceivedByClient()).isNull();
        assertThat(offered.succeeded()).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"TLSv1.3", "TLSv1.2"})
    void certificateFromAnotherCaIsRejected(String protocol) throws Exception {
        DevCertificateAuthority otherCa = DevCertificateAuthority.generate("Other CA");
        otherCa.issue(NodeCertificateRequest.of("Huisartsenpraktijk De Linde", GP_KVK))
                .writePem(dir.resolve("other.crt"), dir.resolve("other.key"));
        SSLContext client = JdkPem.insistentSslContext(dir.resolve("other.crt"), dir.resolve("other.key"),
                dir.resolve("ca.crt"));

        TlsHandshake.Outcome outcome = TlsHandshake.connect(server, client, protocol);

        assertThat(outcome.serverFailure()).isInstanceOf(SSLHandshakeException.class)
                .hasRootCauseInstanceOf(CertPathBuilderException.class);
        assertThat(outcome.succeeded()).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"TLSv1.3", "TLSv1.2"})
    void expiredClientCertificateIsRejected(String protocol) throws Exception {
        Instant now = Instant.now();
        ca.issue(NodeCertificateRequest.of("Huisartsenpraktijk De Linde", GP_KVK)
                        .withValidity(now.minus(Duration.ofDays(30)), now.minus(Duration.ofDays(1))))
                .writePem(dir.resolve("expired.crt"), dir.resolve("expired.key"));
        SSLContext client = JdkPem.sslContext(dir.resolve("expired.crt"), dir.resolve("expired.key"),
                dir.resolve("ca.crt"));

        TlsHandshake.Outcome outcome = TlsHandshake.connect(server, client, protocol);

        assertThat(outcome.serverFailure()).isInstanceOf(SSLHandshakeException.class)
                .hasRootCauseInstanceOf(CertificateExpiredException.class);
        assertThat(outcome.succeeded()).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"TLSv1.3", "TLSv1.2"})
    void clientRejectsServerWhoseCertificateLacksTheAddressItWasReachedAt(String protocol) throws Exception {
        // Trusted CA, but the SAN only names another host: the client's endpoint identification must refuse it.
        ca.issue(NodeCertificateRequest.of("Gemeente Testdam", MUNICIPALITY_OIN)
                        .withDnsNames(List.of("elsewhere.example")).withIpAddresses(List.of("192.0.2.7")))
                .writePem(dir.resolve("wrong-san.crt"), dir.resolve("wrong-san.key"));
        SSLContext wrongServer = JdkPem.sslContext(dir.resolve("wrong-san.crt"), dir.resolve("wrong-san.key"),
                dir.resolve("ca.crt"));

        TlsHandshake.Outcome outcome = TlsHandshake.connect(wrongServer, trustedClient, protocol);

        assertThat(outcome.clientFailure()).isInstanceOf(SSLHandshakeException.class)
                .hasRootCauseInstanceOf(CertificateException.class)
                .hasStackTraceContaining("127.0.0.1");
        assertThat(outcome.succeeded()).isFalse();
    }
}

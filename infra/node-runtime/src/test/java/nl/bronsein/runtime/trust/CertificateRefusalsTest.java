package nl.bronsein.runtime.trust;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.ArgumentMatchers.isNull;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;

import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.mockito.ArgumentCaptor;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import nl.bronsein.devpki.DevCertificateAuthority;
import nl.bronsein.devpki.NodeCertificateRequest;
import nl.bronsein.devpki.NodeCredentials;
import nl.bronsein.runtime.audit.AuditOutcome;
import nl.bronsein.runtime.audit.AuditTrail;
import nl.bronsein.runtime.metrics.RuntimeMetrics;

/**
 * The network port's trust manager against the JDK's own PKIX trust manager over a dev CA: what it refuses is audited
 * with the right reason and still refused; what it trusts is not audited; refusals are written at the next interval,
 * each certificate once with its count, and the rows of a flood are bounded.
 */
class CertificateRefusalsTest {

    private static final DevCertificateAuthority CA = DevCertificateAuthority.generate("Bronsein test CA");
    private static final String OIN = "00000001001234567000";

    private final AuditTrail audit = mock(AuditTrail.class);
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    private final RefusedHandshakeProperties properties = new RefusedHandshakeProperties(null, null);
    private CertificateRefusals refusals;
    private AuditingTrustManager trustManager;

    @BeforeEach
    void trustTheCa() throws Exception {
        refusals = new CertificateRefusals(audit, new RuntimeMetrics(meters), properties);
        TrustManagerFactory factory = TrustManagerFactory.getInstance("PKIX");
        factory.init(CA.trustStore());
        trustManager = new AuditingTrustManager((X509ExtendedTrustManager) factory.getTrustManagers()[0], refusals);
    }

    static Stream<Arguments> refusedCertificates() {
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        NodeCertificateRequest municipality = NodeCertificateRequest.of("Gemeente Zwolle", OIN);
        NodeCertificateRequest expired = municipality.withValidity(now.minus(Duration.ofDays(30)), now.minus(Duration.ofDays(1)));
        NodeCertificateRequest notYetValid = municipality.withValidity(now.plus(Duration.ofDays(1)), now.plus(Duration.ofDays(30)));
        DevCertificateAuthority unknown = DevCertificateAuthority.generate("Some other CA");
        return Stream.of(
                Arguments.of("expired", CA.issue(expired), "certificate expired", "expired", "names issuer CN=Bronsein test CA"),
                Arguments.of("not yet valid", CA.issue(notYetValid), "certificate not yet valid", "not-yet-valid",
                        "names issuer CN=Bronsein test CA"),
                Arguments.of("self-signed", NodeCredentials.selfSigned(municipality), "self-signed certificate", "self-signed",
                        "self-issued"),
                Arguments.of("another CA", unknown.issue(municipality), "untrusted issuer", "untrusted-issuer",
                        "names issuer CN=Some other CA"),
                // another key under our CA's very name: a forgery, refused for its signature
                Arguments.of("another CA of the same name", DevCertificateAuthority.generate("Bronsein test CA").issue(municipality),
                        "untrusted issuer", "untrusted-issuer", "names issuer CN=Bronsein test CA"),
                // refused for its issuer first: saying "expired" would suggest it came from our CA
                Arguments.of("another CA, and expired", unknown.issue(expired), "untrusted issuer", "untrusted-issuer",
                        "names issuer CN=Some other CA"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refusedCertificates")
    void aRefusedCertificateIsAuditedAndStillRefused(String what, NodeCredentials presented, String reason, String tag,
                                                     String issuer) {
        X509Certificate[] chain = presented.chain().toArray(X509Certificate[]::new);

        assertThatThrownBy(() -> trustManager.checkClientTrusted(chain, "EC")).isInstanceOf(CertificateException.class);
        refusals.write();

        ArgumentCaptor<String> written = ArgumentCaptor.forClass(String.class);
        verify(audit).record(eq("untrusted:" + presented.sha256Fingerprint()), isNull(), isNull(), isNull(),
                eq(AuditOutcome.UNTRUSTED_CERTIFICATE), written.capture());
        assertThat(written.getValue()).startsWith(reason + "; refused once; claims " + OIN + "; ").contains(issuer)
                .doesNotContain("Gemeente Zwolle"); // the subject's names are the presenter's to choose: not recorded
        assertThat(meters.counter(RuntimeMetrics.HANDSHAKES_REFUSED, "reason", tag).count()).isEqualTo(1);
    }

    @Test
    void aTrustedCertificateIsNotAudited() throws Exception {
        NodeCredentials listed = CA.issue(NodeCertificateRequest.of("Gemeente Zwolle", OIN));

        trustManager.checkClientTrusted(listed.chain().toArray(X509Certificate[]::new), "EC");
        refusals.write();

        verify(audit, never()).record(any(), any(), any(), any(), any(), any());
    }

    @Test
    void aBurstIsOneRowPerCertificateWithItsCountWrittenAtTheNextIntervalAndNotAgain() {
        X509Certificate[] expired = expired();
        for (int i = 0; i < 5; i++) {
            assertThatThrownBy(() -> trustManager.checkClientTrusted(expired, "EC")).isInstanceOf(CertificateException.class);
        }
        verify(audit, never()).record(any(), any(), any(), any(), any(), any()); // the handshake never waits for it

        refusals.write();
        refusals.write();

        ArgumentCaptor<String> reasons = ArgumentCaptor.forClass(String.class);
        verify(audit, times(1)).record(eq("untrusted:" + CertificateFingerprint.sha256(expired[0])), isNull(), isNull(),
                isNull(), eq(AuditOutcome.UNTRUSTED_CERTIFICATE), reasons.capture());
        assertThat(reasons.getValue()).startsWith("certificate expired; refused 5 times; claims " + OIN);
        assertThat(meters.counter(RuntimeMetrics.HANDSHAKES_REFUSED, "reason", "expired").count()).isEqualTo(5);
    }

    @Test
    void rowsPerIntervalAreBoundedAndTheRefusalsOfFurtherCertificatesAreOneRow() {
        List<X509Certificate[]> strangers = new ArrayList<>();
        for (int i = 0; i < properties.maxRows() + 3; i++) {
            strangers.add(new X509Certificate[] {NodeCredentials.selfSigned(NodeCertificateRequest.of("Stranger", "S" + i)).certificate()});
        }
        strangers.forEach(chain -> refusals.refused(chain, new CertificateException("untrusted")));
        refusals.refused(strangers.get(properties.maxRows() + 2), new CertificateException("untrusted"));

        refusals.write();

        ArgumentCaptor<String> callers = ArgumentCaptor.forClass(String.class);
        ArgumentCaptor<String> reasons = ArgumentCaptor.forClass(String.class);
        verify(audit, times(properties.maxRows() + 1)).record(callers.capture(), any(), any(), any(), any(),
                reasons.capture());
        assertThat(callers.getValue()).isEqualTo("untrusted:not-itemised");
        assertThat(reasons.getValue()).startsWith("refused 4 times for certificates beyond the " + properties.maxRows());
    }

    @Test
    void anAuditThatFailsDoesNotChangeTheRefusalAndItsRowIsWrittenNextTime() {
        doThrow(new IllegalStateException("database away")).doReturn(null).when(audit)
                .record(any(), any(), any(), any(), any(), any());
        X509Certificate[] expired = expired();

        assertThatThrownBy(() -> trustManager.checkClientTrusted(expired, "EC")).isInstanceOf(CertificateException.class);
        refusals.write();
        assertThatThrownBy(() -> trustManager.checkClientTrusted(expired, "EC")).isInstanceOf(CertificateException.class);
        refusals.write();

        ArgumentCaptor<String> reasons = ArgumentCaptor.forClass(String.class);
        verify(audit, times(2)).record(anyString(), isNull(), isNull(), isNull(), eq(AuditOutcome.UNTRUSTED_CERTIFICATE),
                reasons.capture());
        assertThat(reasons.getValue()).startsWith("certificate expired; refused 2 times");
    }

    private X509Certificate[] expired() {
        return CA.issue(NodeCertificateRequest.of("Gemeente Zwolle", OIN).withValidity(now.minus(Duration.ofDays(30)),
                now.minus(Duration.ofDays(1)))).chain().toArray(X509Certificate[]::new);
    }

}

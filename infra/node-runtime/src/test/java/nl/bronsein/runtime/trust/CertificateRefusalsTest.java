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
import static org.mockito.Mockito.when;

import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Clock;
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
import nl.bronsein.runtime.operations.RuntimeMetrics;

/**
 * The network port's trust manager against the JDK's own PKIX trust manager over a dev CA: what it refuses is audited
 * with the right reason and still refused; what it trusts is not audited; repeated refusals are bounded.
 */
class CertificateRefusalsTest {

    private static final DevCertificateAuthority CA = DevCertificateAuthority.generate("Bronsein test CA");
    private static final String OIN = "00000001001234567000";

    private final AuditTrail audit = mock(AuditTrail.class);
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    private CertificateRefusals refusals;
    private AuditingTrustManager trustManager;

    @BeforeEach
    void trustTheCa() throws Exception {
        Clock clock = mock(Clock.class);
        when(clock.instant()).thenAnswer(i -> now);
        refusals = new CertificateRefusals(audit, new RuntimeMetrics(meters), clock);
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

        ArgumentCaptor<String> written = ArgumentCaptor.forClass(String.class);
        verify(audit).record(eq("untrusted:" + presented.sha256Fingerprint()), isNull(), isNull(), isNull(),
                eq(AuditOutcome.UNTRUSTED_CERTIFICATE), written.capture());
        assertThat(written.getValue()).startsWith(reason + "; claims " + OIN + "; ").contains(issuer)
                .doesNotContain("Gemeente Zwolle"); // the subject's names are the presenter's to choose: not recorded
        assertThat(meters.counter(RuntimeMetrics.HANDSHAKES_REFUSED, "reason", tag).count()).isEqualTo(1);
    }

    @Test
    void aTrustedCertificateIsNotAudited() throws Exception {
        NodeCredentials listed = CA.issue(NodeCertificateRequest.of("Gemeente Zwolle", OIN));

        trustManager.checkClientTrusted(listed.chain().toArray(X509Certificate[]::new), "EC");

        verify(audit, never()).record(any(), any(), any(), any(), any(), any());
    }

    @Test
    void aCertificateRefusedAgainWithinAMinuteIsCountedIntoItsNextRow() {
        X509Certificate[] expired = expired();
        for (int i = 0; i < 5; i++) {
            assertThatThrownBy(() -> trustManager.checkClientTrusted(expired, "EC")).isInstanceOf(CertificateException.class);
        }
        verify(audit, times(1)).record(anyString(), isNull(), isNull(), isNull(), eq(AuditOutcome.UNTRUSTED_CERTIFICATE),
                anyString());

        now = now.plus(CertificateRefusals.WINDOW);
        assertThatThrownBy(() -> trustManager.checkClientTrusted(expired, "EC")).isInstanceOf(CertificateException.class);

        ArgumentCaptor<String> reasons = ArgumentCaptor.forClass(String.class);
        verify(audit, times(2)).record(anyString(), isNull(), isNull(), isNull(), eq(AuditOutcome.UNTRUSTED_CERTIFICATE),
                reasons.capture());
        assertThat(reasons.getAllValues().get(1)).startsWith("certificate expired; refused 4 more times since its previous row");
        assertThat(meters.counter(RuntimeMetrics.HANDSHAKES_REFUSED, "reason", "expired").count()).isEqualTo(6);
    }

    @Test
    void rowsPerMinuteAreBoundedAndWhatIsNotWrittenIsCountedIntoTheNextRow() {
        List<X509Certificate[]> strangers = new ArrayList<>();
        for (int i = 0; i <= CertificateRefusals.MAX_ROWS_PER_WINDOW; i++) {
            strangers.add(new X509Certificate[] {NodeCredentials.selfSigned(NodeCertificateRequest.of("Stranger", "S" + i)).certificate()});
        }
        strangers.forEach(chain -> refusals.refused(chain, new CertificateException("untrusted")));
        verify(audit, times(CertificateRefusals.MAX_ROWS_PER_WINDOW)).record(anyString(), any(), any(), any(), any(), anyString());

        now = now.plus(CertificateRefusals.WINDOW);
        refusals.refused(expired(), new CertificateException("expired"));

        ArgumentCaptor<String> reasons = ArgumentCaptor.forClass(String.class);
        verify(audit, times(CertificateRefusals.MAX_ROWS_PER_WINDOW + 1)).record(anyString(), any(), any(), any(), any(),
                reasons.capture());
        assertThat(reasons.getValue()).contains("; 1 other refusals not written separately");
    }

    @Test
    void anAuditThatFailsDoesNotChangeTheRefusal() {
        doThrow(new IllegalStateException("database away")).when(audit).record(any(), any(), any(), any(), any(), any());
        X509Certificate[] expired = expired();

        assertThatThrownBy(() -> trustManager.checkClientTrusted(expired, "EC")).isInstanceOf(CertificateException.class);
    }

    private X509Certificate[] expired() {
        return CA.issue(NodeCertificateRequest.of("Gemeente Zwolle", OIN).withValidity(now.minus(Duration.ofDays(30)),
                now.minus(Duration.ofDays(1)))).chain().toArray(X509Certificate[]::new);
    }

}

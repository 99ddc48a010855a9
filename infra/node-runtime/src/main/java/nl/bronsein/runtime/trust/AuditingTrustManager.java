package nl.bronsein.runtime.trust;

import java.net.Socket;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.Arrays;

import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * The network port's trust manager with one addition: a client certificate it refuses is reported to
 * {@link CertificateRefusals} before the refusal is thrown on, so the handshake still fails exactly as it would have.
 * Every decision stays with the wrapped trust manager.
 */
public final class AuditingTrustManager extends X509ExtendedTrustManager {

    private final X509ExtendedTrustManager trusted;
    private final CertificateRefusals refusals;

    public AuditingTrustManager(X509ExtendedTrustManager trusted, CertificateRefusals refusals) {
        this.trusted = trusted;
        this.refusals = refusals;
    }

    /** The given trust managers with each X.509 one wrapped; {@code null} (no trust store) stays {@code null}. */
    public static TrustManager[] wrap(TrustManager[] managers, CertificateRefusals refusals) {
        return managers == null ? null : Arrays.stream(managers)
                .map(m -> m instanceof X509ExtendedTrustManager x509 ? new AuditingTrustManager(x509, refusals) : m)
                .toArray(TrustManager[]::new);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        audited(chain, () -> trusted.checkClientTrusted(chain, authType));
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
        audited(chain, () -> trusted.checkClientTrusted(chain, authType, socket));
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
        audited(chain, () -> trusted.checkClientTrusted(chain, authType, engine));
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        trusted.checkServerTrusted(chain, authType);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
        trusted.checkServerTrusted(chain, authType, socket);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
        trusted.checkServerTrusted(chain, authType, engine);
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
        return trusted.getAcceptedIssuers();
    }

    private void audited(X509Certificate[] chain, Check check) throws CertificateException {
        try {
            check.run();
        } catch (CertificateException refusal) {
            refusals.refused(chain, refusal);
            throw refusal;
        }
    }

    @FunctionalInterface
    private interface Check {
        void run() throws CertificateException;
    }
}

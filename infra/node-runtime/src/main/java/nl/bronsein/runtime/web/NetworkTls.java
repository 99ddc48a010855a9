package nl.bronsein.runtime.web;

import java.util.List;

import javax.net.ssl.TrustManager;

import org.apache.catalina.connector.Connector;
import org.apache.coyote.http11.AbstractHttp11Protocol;
import org.apache.tomcat.util.net.SSLContext;
import org.apache.tomcat.util.net.SSLHostConfig;
import org.apache.tomcat.util.net.SSLHostConfigCertificate;
import org.apache.tomcat.util.net.jsse.JSSEUtil;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;

import nl.bronsein.runtime.trust.AuditingTrustManager;
import nl.bronsein.runtime.trust.CertificateRefusals;

/**
 * Makes the network connector's TLS handshake audit the client certificates it refuses. Spring Boot gives Tomcat the
 * SSL bundle's key and trust stores, not trust managers, and Tomcat builds its own from them — there is no place to
 * hand it a trust manager. So once Boot has configured the connector (connector customizers run after its SSL
 * set-up), each of its certificates gets an SSL context that Tomcat's own JSSE utility builds from that same
 * configuration, with the trust managers wrapped in an {@link AuditingTrustManager}. Protocols, ciphers, client-auth
 * and the trust decision itself stay Tomcat's and the JDK's.
 *
 * <p>The context is built once, at start-up: the node does not reload its SSL bundle while running (a new certificate
 * means a restart, as a new participant list does).
 */
class NetworkTls implements WebServerFactoryCustomizer<TomcatServletWebServerFactory> {

    private final CertificateRefusals refusals;

    public NetworkTls(CertificateRefusals refusals) {
        this.refusals = refusals;
    }

    @Override
    public void customize(TomcatServletWebServerFactory factory) {
        factory.addConnectorCustomizers(this::auditRefusals);
    }

    private void auditRefusals(Connector connector) {
        if (!(connector.getProtocolHandler() instanceof AbstractHttp11Protocol<?> protocol) || !protocol.isSSLEnabled()) {
            return;
        }
        for (SSLHostConfig host : protocol.findSslHostConfigs()) {
            for (SSLHostConfigCertificate certificate : host.getCertificates()) {
                certificate.setSslContext(auditingContext(certificate));
            }
        }
    }

    private SSLContext auditingContext(SSLHostConfigCertificate certificate) {
        JSSEUtil tomcats = new JSSEUtil(certificate) {
            @Override
            public TrustManager[] getTrustManagers() throws Exception {
                return AuditingTrustManager.wrap(super.getTrustManagers(), refusals);
            }
        };
        try {
            // no protocols to negotiate: the network port speaks HTTP/1.1
            return tomcats.createSSLContext(List.of());
        } catch (Exception e) {
            throw new IllegalStateException("cannot build the TLS context of the network port: " + e.getMessage(), e);
        }
    }
}

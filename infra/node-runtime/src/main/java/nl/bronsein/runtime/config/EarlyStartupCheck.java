package nl.bronsein.runtime.config;

import org.springframework.boot.web.server.WebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;

import nl.bronsein.runtime.trust.NodeIdentity;

/**
 * Makes the node establish its identity — participant list, own entry, certificate (see {@link StartupChecks}) —
 * before the web server is created. The web server opens the network port with the SSL bundle; without this, a
 * missing or wrong certificate would surface as a TLS stack trace from the server instead of a line naming the
 * property. It changes nothing on the server.
 */
class EarlyStartupCheck implements WebServerFactoryCustomizer<WebServerFactory> {

    private final NodeIdentity identity;

    public EarlyStartupCheck(NodeIdentity identity) {
        this.identity = identity;
    }

    @Override
    public void customize(WebServerFactory factory) {
        // nothing: being created (with the node's identity, checked) before the web server is the point
    }

    public NodeIdentity identity() {
        return identity;
    }
}

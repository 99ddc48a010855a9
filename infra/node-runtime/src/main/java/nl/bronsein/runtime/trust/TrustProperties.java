package nl.bronsein.runtime.trust;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.core.io.Resource;

/**
 * Settings of this node's place in the network.
 *
 * @param participantId this node's own identifier; must be listed in the participant list
 * @param participantList location of the participant list published by governance (JSON), e.g. {@code file:/etc/bronsein/participants.json}
 * @param sslBundle the Spring SSL bundle holding this node's certificate and the network's CA; used for the network
 *                  port (set {@code server.ssl.bundle} to the same name) and for outgoing pulls
 */
@ConfigurationProperties("bronsein.node")
public record TrustProperties(String participantId, Resource participantList, String sslBundle) {

    public TrustProperties {
        sslBundle = sslBundle == null ? "network" : sslBundle;
    }
}

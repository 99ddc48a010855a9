package nl.bronsein.runtime.config;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.ssl.SslProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.ResourceLoader;

import nl.bronsein.runtime.trust.NodeIdentity;
import nl.bronsein.runtime.trust.ParticipantList;
import nl.bronsein.runtime.trust.RefusedHandshakeProperties;
import nl.bronsein.runtime.trust.TrustProperties;

/**
 * Who this node is and who else is on the network: the participant list and this node's own entry of it, checked at
 * start-up before anything else uses them.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({TrustProperties.class, RefusedHandshakeProperties.class})
public class IdentityConfiguration {

    @Bean
    ParticipantList participantList(TrustProperties trust) {
        return StartupChecks.participantList(trust);
    }

    /** This node's own entry of the participant list, with the certificate of its SSL bundle checked against it. */
    @Bean
    NodeIdentity nodeIdentity(TrustProperties trust, ParticipantList participants, ObjectProvider<SslProperties> ssl,
                              ObjectProvider<SslBundles> bundles, ResourceLoader resources) {
        NodeIdentity identity = StartupChecks.nodeIdentity(trust, participants);
        StartupChecks.networkCertificate(trust, identity, ssl.getIfAvailable(), bundles.getIfAvailable(), resources);
        return identity;
    }

    @Bean
    EarlyStartupCheck earlyStartupCheck(NodeIdentity identity) {
        return new EarlyStartupCheck(identity);
    }
}

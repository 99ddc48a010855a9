package nl.bronsein.runtime.kafka;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.boot.ssl.NoSuchSslBundleException;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.context.annotation.Bean;
import org.springframework.util.StringUtils;

import nl.bronsein.runtime.config.InvalidNodeConfigurationException;
import nl.bronsein.runtime.trust.TrustProperties;

/**
 * The node's connection to Kafka, before Spring Boot's Kafka auto-configuration so that its beans use it. Secured by
 * default: TLS with the SSL bundle {@code spring.kafka.ssl.bundle}, by default the node's own network bundle
 * ({@code bronsein.node.ssl-bundle}), whose certificate the participant list pins and the broker maps to the node's
 * participant id. Plaintext only with {@code bronsein.kafka.plaintext-for-development=true}, logged as a warning.
 */
@AutoConfiguration(before = KafkaAutoConfiguration.class)
@EnableConfigurationProperties(KafkaSecurityProperties.class)
public class NodeKafkaConfiguration {

    static final String PLAINTEXT_WARNING = "KAFKA IN PLAINTEXT (bronsein.kafka.plaintext-for-development=true): this "
            + "node reaches {} without TLS and without its certificate. The broker cannot tell it from anyone else and "
            + "anyone on the path reads its notifications. For a development broker only, never on a network.";

    private static final Logger log = LoggerFactory.getLogger(NodeKafkaConfiguration.class);

    @Bean
    NodeKafkaConnection nodeKafkaConnection(KafkaProperties kafka, KafkaSecurityProperties security,
                                            TrustProperties trust, ObjectProvider<SslBundles> bundles) {
        String protocol = kafka.getSecurity().getProtocol();
        if (security.plaintextForDevelopment()) {
            if (StringUtils.hasText(kafka.getSsl().getBundle())) {
                throw new InvalidNodeConfigurationException("bronsein.kafka.plaintext-for-development", true,
                        "contradicts spring.kafka.ssl.bundle=" + kafka.getSsl().getBundle(),
                        "Remove bronsein.kafka.plaintext-for-development to connect over TLS with that bundle.");
            }
            log.warn(PLAINTEXT_WARNING, kafka.getBootstrapServers());
            return new NodeKafkaConnection(kafka.getBootstrapServers(), null, protocol != null ? protocol : "PLAINTEXT");
        }
        if (protocol != null && !"SSL".equals(protocol)) {
            throw new InvalidNodeConfigurationException("spring.kafka.security.protocol", protocol,
                    "is not SSL: a node reaches Kafka over mutual TLS with its own certificate",
                    "Remove spring.kafka.security.protocol, or, for a development broker without TLS only, set "
                            + "bronsein.kafka.plaintext-for-development=true.");
        }
        boolean named = StringUtils.hasText(kafka.getSsl().getBundle());
        String bundle = named ? kafka.getSsl().getBundle() : trust.sslBundle();
        String property = named ? "spring.kafka.ssl.bundle" : "bronsein.node.ssl-bundle";
        SslBundles available = bundles.getIfAvailable();
        try {
            if (available == null) {
                throw new NoSuchSslBundleException(bundle, "no SSL bundles are configured");
            }
            return new NodeKafkaConnection(kafka.getBootstrapServers(), available.getBundle(bundle), "SSL");
        } catch (NoSuchSslBundleException e) {
            throw new InvalidNodeConfigurationException(property, bundle, "names no SSL bundle, so the node cannot "
                    + "reach Kafka over TLS", "Configure spring.ssl.bundle.pem." + bundle + ".* (the node's certificate "
                    + "chain, key and the network's CA), or name a configured bundle in spring.kafka.ssl.bundle; for a "
                    + "development broker without TLS only, set bronsein.kafka.plaintext-for-development=true.", e);
        }
    }
}

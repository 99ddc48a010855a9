package nl.bronsein.runtime.kafka;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.common.config.SslConfigs;
import org.springframework.boot.kafka.autoconfigure.KafkaConnectionDetails;
import org.springframework.boot.kafka.autoconfigure.SslBundleSslEngineFactory;
import org.springframework.boot.ssl.SslBundle;

/**
 * Where and how this node's Kafka clients connect: the bootstrap servers and, unless the node runs in the plaintext
 * development mode, mutual TLS with the node's SSL bundle. Spring Boot's own Kafka beans (the {@code KafkaAdmin} the
 * health check and the rewind use) take it as their {@link KafkaConnectionDetails}; the node's own producer and
 * consumers get the same through {@link #producer}, {@link #consumer}, so no client connects another way.
 */
public final class NodeKafkaConnection implements KafkaConnectionDetails {

    private final List<String> bootstrapServers;
    private final SslBundle sslBundle;
    private final String securityProtocol;

    NodeKafkaConnection(List<String> bootstrapServers, SslBundle sslBundle, String securityProtocol) {
        this.bootstrapServers = List.copyOf(bootstrapServers);
        this.sslBundle = sslBundle;
        this.securityProtocol = securityProtocol;
    }

    @Override
    public List<String> getBootstrapServers() {
        return bootstrapServers;
    }

    @Override
    public SslBundle getSslBundle() {
        return sslBundle;
    }

    @Override
    public String getSecurityProtocol() {
        return securityProtocol;
    }

    /** True when the clients use TLS with the node's certificate (the broker then knows the node, and ACLs apply). */
    public boolean secured() {
        return sslBundle != null;
    }

    /** {@code base} (Spring Boot's {@code spring.kafka.producer.*} settings) with this connection applied. */
    public Map<String, Object> producer(Map<String, Object> base) {
        return applied(base);
    }

    /** {@code base} (Spring Boot's {@code spring.kafka.consumer.*} settings) with this connection applied. */
    public Map<String, Object> consumer(Map<String, Object> base) {
        return applied(base);
    }

    // as Spring Boot's KafkaAutoConfiguration applies connection details to the clients it makes
    private Map<String, Object> applied(Map<String, Object> base) {
        Map<String, Object> config = new HashMap<>(base);
        config.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(CommonClientConfigs.SECURITY_PROTOCOL_CONFIG, securityProtocol);
        if (sslBundle != null) {
            config.put(SslConfigs.SSL_ENGINE_FACTORY_CLASS_CONFIG, SslBundleSslEngineFactory.class);
            config.put(SslBundle.class.getName(), sslBundle);
        }
        return config;
    }
}

package nl.bronsein.runtime;

import java.util.Map;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Defaults every node shares, at the lowest precedence so any node or operator setting wins: the network port is
 * TLS with a client certificate required, unknown JSON fields are refused, a new consumer group reads from the start.
 * A peer keeps its TLS connection for many pulls: Tomcat's default closes it after 100 requests, and the new mutual-TLS
 * handshake that follows was the slowest pull of every hundred; the keep-alive timeout still closes idle ones.
 */
public class RuntimeDefaults implements EnvironmentPostProcessor {

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        environment.getPropertySources().addLast(new MapPropertySource("bronseinRuntimeDefaults", Map.ofEntries(
                Map.entry("server.ssl.bundle", "${bronsein.node.ssl-bundle:network}"),
                Map.entry("server.ssl.client-auth", "need"),
                Map.entry("server.tomcat.max-keep-alive-requests", "10000"),
                Map.entry("spring.jackson.deserialization.fail-on-unknown-properties", "true"),
                Map.entry("spring.jackson.deserialization.fail-on-null-for-primitives", "true"),
                Map.entry("spring.kafka.consumer.auto-offset-reset", "earliest"),
                Map.entry("spring.kafka.admin.fail-fast", "false"),
                Map.entry("spring.kafka.admin.operation-timeout", "10s"),
                Map.entry("server.shutdown", "graceful"),
                // the staff pages' session: every node of a local network and its identity provider share the host
                // 127.0.0.1 in a browser, where a shared JSESSIONID made each sign-in overwrite the other's
                Map.entry("server.servlet.session.cookie.name", "BRONSEIN_STAFF_${bronsein.staff-api.port:0}"),
                Map.entry("server.servlet.session.cookie.same-site", "lax"),
                // the staff pages' Dutch: the runtime's messages, then a node's own (ScreenLocale)
                Map.entry("spring.messages.basename", "messages/screens,messages/node-screens"),
                Map.entry("spring.messages.fallback-to-system-locale", "false"),
                Map.entry("spring.lifecycle.timeout-per-shutdown-phase", "10s"))));
        environment.getPropertySources().addLast(new MapPropertySource("bronseinOperationsDefaults",
                nl.bronsein.runtime.operations.OperationsDefaults.PROPERTIES));
        environment.getPropertySources().addLast(new MapPropertySource("bronseinLoggingDefaults",
                nl.bronsein.runtime.operations.LoggingDefaults.PROPERTIES));
    }
}

package nl.bronsein.runtime.apidoc;

import java.util.Map;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * springdoc settings for deterministic documents, at the lowest precedence: only the two grouped documents (no default
 * {@code /v3/api-docs}), keys sorted, pretty-printed, JSON responses, so a served document can be compared with its checked-in copy.
 */
public class ApiDocumentDefaults implements EnvironmentPostProcessor {

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        environment.getPropertySources().addLast(new MapPropertySource("bronseinApiDocumentDefaults", Map.of(
                // said explicitly: springdoc warns about /v3/api-docs when it is on only by default (the door filter
                // keeps that path off both ports anyway; the node's documents are ApiDocumentController's)
                "springdoc.api-docs.enabled", "true",
                "springdoc.enable-default-api-docs", "false",
                "springdoc.writer-with-order-by-keys", "true",
                "springdoc.writer-with-default-pretty-printer", "true",
                "springdoc.show-actuator", "false",
                // what the controllers answer (they do not all say so in their mappings)
                "springdoc.default-produces-media-type", "application/json")));
    }
}

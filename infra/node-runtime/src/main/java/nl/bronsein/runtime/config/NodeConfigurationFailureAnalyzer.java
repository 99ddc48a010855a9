package nl.bronsein.runtime.config;

import org.springframework.boot.context.properties.source.ConfigurationProperty;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertySource;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.core.Ordered;
import org.springframework.core.env.Environment;

/**
 * Prints an {@link InvalidNodeConfigurationException} as Spring Boot's "APPLICATION FAILED TO START" report: the one
 * line naming the property and what is wrong with it, where it was set, and what to do. Ordered first, so that it
 * wins over Boot's generic bind-failure report when the check ran while a properties record was being bound.
 */
public class NodeConfigurationFailureAnalyzer extends AbstractFailureAnalyzer<InvalidNodeConfigurationException>
        implements Ordered {

    private final Environment environment;

    public NodeConfigurationFailureAnalyzer(Environment environment) {
        this.environment = environment;
    }

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, InvalidNodeConfigurationException cause) {
        String origin = origin(cause.property());
        return new FailureAnalysis(cause.getMessage() + (origin == null ? "" : "\n    (set in " + origin + ")"),
                cause.action(), cause);
    }

    /** Where the property was set; for a list element ({@code sources[1]}) set as one value, where the list was. */
    private String origin(String property) {
        if (environment == null || !ConfigurationPropertyName.isValid(property)) {
            return null;
        }
        ConfigurationPropertyName name = ConfigurationPropertyName.of(property);
        while (!name.isEmpty()) {
            for (ConfigurationPropertySource source : ConfigurationPropertySources.get(environment)) {
                ConfigurationProperty found = source.getConfigurationProperty(name);
                if (found != null) {
                    return found.getOrigin() == null ? null : found.getOrigin().toString();
                }
            }
            if (!name.isLastElementIndexed()) {
                return null;
            }
            name = name.getParent();
        }
        return null;
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE;
    }
}

package nl.bronsein.runtime.config;

import java.util.ArrayList;
import java.util.List;

import org.springframework.boot.context.properties.bind.DataObjectPropertyName;
import org.springframework.boot.context.properties.bind.validation.BindValidationException;
import org.springframework.boot.context.properties.bind.validation.ValidationErrors;
import org.springframework.boot.context.properties.source.ConfigurationProperty;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.origin.Origin;
import org.springframework.core.Ordered;
import org.springframework.validation.FieldError;
import org.springframework.validation.ObjectError;

/**
 * Reports a {@code bronsein.*} setting that fails Bean Validation (a required value not set, a size or duration out of
 * range) as one line per property, in the form an operator writes it: {@code bronsein.relay.batch-size -1 must be at
 * least 1, e.g. 500}, with where it was set. Spring Boot's own report names a record component by its Java name
 * ({@code bronsein.relay.batchSize}); other prefixes are left to it.
 */
public class NodePropertiesValidationFailureAnalyzer extends AbstractFailureAnalyzer<BindValidationException>
        implements Ordered {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, BindValidationException cause) {
        ValidationErrors errors = cause.getValidationErrors();
        String prefix = errors.getName().toString();
        if (!prefix.equals("bronsein") && !prefix.startsWith("bronsein.")) {
            return null;
        }
        List<String> lines = new ArrayList<>();
        List<String> properties = new ArrayList<>();
        for (ObjectError error : errors) {
            if (error instanceof FieldError field) {
                String property = prefix + "." + DataObjectPropertyName.toDashedForm(field.getField());
                ConfigurationProperty bound = errors.getBoundProperties().stream()
                        .filter(p -> p.getName().toString().equals(property)).findFirst().orElse(null);
                Object value = bound != null ? bound.getValue() : null;
                Origin origin = bound != null ? bound.getOrigin() : Origin.from(field);
                lines.add(property + (value == null ? "" : " " + value) + " " + field.getDefaultMessage()
                        + (origin == null ? "" : "\n    (set in " + origin + ")"));
                properties.add(property);
            } else {
                lines.add(prefix + " " + error.getDefaultMessage());
                properties.add(prefix + ".*");
            }
        }
        return new FailureAnalysis(String.join("\n", lines), "Correct " + String.join(", ", properties)
                + " in this node's configuration (docs/configuration.md lists every setting).", cause);
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE;
    }
}

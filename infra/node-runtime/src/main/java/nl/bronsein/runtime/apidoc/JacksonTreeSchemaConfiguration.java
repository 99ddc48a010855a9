package nl.bronsein.runtime.apidoc;

import org.springdoc.core.configuration.SpringDocConfiguration;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.context.annotation.Bean;

/**
 * Registers {@link JacksonTreeSchemas} after springdoc's own model converters: springdoc puts each converter bean in
 * front of the ones before it, so the last registered is the first asked.
 */
@AutoConfiguration(after = SpringDocConfiguration.class)
@ConditionalOnBean(SpringDocConfiguration.class)
public class JacksonTreeSchemaConfiguration {

    @Bean
    JacksonTreeSchemas jacksonTreeSchemas() {
        return new JacksonTreeSchemas();
    }
}

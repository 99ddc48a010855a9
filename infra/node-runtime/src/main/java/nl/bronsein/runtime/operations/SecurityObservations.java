package nl.bronsein.runtime.operations;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.observation.SecurityObservationSettings;

/**
 * Spring Security's own observations — one per filter of every request, per authentication and per authorisation —
 * are off by default ({@link OperationsDefaults}); {@code http.server.requests} still times every request. The
 * property alone only filters them: each filter of each request stays wrapped in an observation that is built and
 * named before it is found to be switched off, which a profile of the benchmark found in every staff call. With this
 * bean Spring Security wraps nothing. An operator who traces sets
 * {@code management.observations.enable.spring.security=true}: no bean, and Spring Security observes everything again.
 */
@Configuration(proxyBeanMethods = false)
class SecurityObservations {

    public static final String PROPERTY = "management.observations.enable.spring.security";

    @Bean
    @ConditionalOnProperty(name = PROPERTY, havingValue = "false")
    SecurityObservationSettings springSecurityUnobserved() {
        return SecurityObservationSettings.noObservations();
    }
}

package nl.bronsein.runtime.operations;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.core.env.MapPropertySource;
import org.springframework.security.config.observation.SecurityObservationSettings;

/**
 * Spring Security observes nothing of its own by default, and everything again when an operator sets the property.
 * That the filters are then really not wrapped shows in a profile of the benchmark: no
 * {@code ObservationFilterChainDecorator} frames in the staff calls with this bean, and in every one without it.
 */
class SecurityObservationsTest {

    /** A context with the node's operations defaults at the lowest precedence, as {@code RuntimeDefaults} adds them. */
    private final ApplicationContextRunner node = new ApplicationContextRunner()
            .withInitializer(context -> context.getEnvironment().getPropertySources()
                    .addLast(new MapPropertySource("operationsDefaults", OperationsDefaults.PROPERTIES)))
            .withUserConfiguration(SecurityObservations.class);

    @Test
    void byDefaultSpringSecurityObservesNeitherRequestsNorAuthenticationsNorAuthorisations() {
        node.run(context -> {
            SecurityObservationSettings settings = context.getBean(SecurityObservationSettings.class);
            assertThat(settings.shouldObserveRequests()).isFalse();
            assertThat(settings.shouldObserveAuthentications()).isFalse();
            assertThat(settings.shouldObserveAuthorizations()).isFalse();
        });
    }

    @Test
    void anOperatorWhoTracesGetsSpringSecuritysOwnObservationsBack() {
        node.withPropertyValues(SecurityObservations.PROPERTY + "=true")
                .run(context -> assertThat(context).doesNotHaveBean(SecurityObservationSettings.class));
    }
}

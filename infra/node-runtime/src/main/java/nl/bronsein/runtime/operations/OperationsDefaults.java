package nl.bronsein.runtime.operations;

import java.util.Map;

/**
 * Actuator defaults every node shares (added by {@code RuntimeDefaults}, at the lowest precedence). Health shows its
 * details — counts, ages and error class names only, never personal data — on the staff port, which binds to
 * 127.0.0.1 by default. {@link OutboxHealthIndicator#DEGRADED} ranks between {@code OUT_OF_SERVICE} and {@code UP} and
 * answers 200: the node still accepts and serves everything, its notifications merely wait; monitoring reads the
 * status, while a load balancer or container health check keeps the node. A broker or database that is away is
 * {@code DOWN} (503). Spring Security's own observations are off ({@link SecurityObservations}).
 */
public final class OperationsDefaults {

    public static final Map<String, Object> PROPERTIES = Map.of(
            "management.endpoints.web.exposure.include", "health,info,metrics",
            "management.endpoint.health.show-details", "always",
            "management.endpoint.health.status.order", "DOWN,OUT_OF_SERVICE,DEGRADED,UP,UNKNOWN",
            // Any http-mapping replaces Spring Boot's whole default mapping (DOWN and OUT_OF_SERVICE to 503), and an
            // unmapped status answers 200: mapping DEGRADED alone made a node with a dead broker answer 200.
            "management.endpoint.health.status.http-mapping.down", "503",
            "management.endpoint.health.status.http-mapping.out-of-service", "503",
            "management.endpoint.health.status.http-mapping.degraded", "200",
            SecurityObservations.PROPERTY, "false");

    private OperationsDefaults() {
    }
}

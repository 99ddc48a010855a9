package nl.bronsein.runtime.operations;

import java.util.Map;

import nl.bronsein.runtime.staff.StaffRole;

/**
 * Actuator defaults every node shares (added by {@code RuntimeDefaults}, at the lowest precedence). Health answers
 * anyone its status (a container health check or the launcher has no token), but its details — disk path, the Kafka
 * cluster, certificate chains, the outbox backlog: how the node is built and how it is doing — only the node's
 * administrator ({@code NODE_ADMIN}, which Spring Boot checks as the authority {@code ROLE_NODE_ADMIN} the staff
 * token's roles become). {@link OutboxHealthIndicator#DEGRADED} ranks between {@code OUT_OF_SERVICE} and {@code UP} and
 * answers 200: the node still accepts and serves everything, its notifications merely wait; monitoring reads the
 * status, while a load balancer or container health check keeps the node. A broker or database that is away is
 * {@code DOWN} (503). Spring Security's own observations are off ({@link SecurityObservations}).
 */
public final class OperationsDefaults {

    public static final Map<String, Object> PROPERTIES = Map.of(
            "management.endpoints.web.exposure.include", "health,info,metrics",
            "management.endpoint.health.show-details", "when-authorized",
            "management.endpoint.health.roles", StaffRole.NODE_ADMIN.name(),
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

package nl.bronsein.runtime.operations;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param outboxMaxAge      the outbox health turns {@code DEGRADED} when its oldest unpublished row is older than this
 * @param brokerTimeout     how long the broker health check waits for the broker to describe its cluster
 * @param brokerHealthCache how long a broker health result is reused, so {@code /actuator/health} stays cheap
 */
@ConfigurationProperties("bronsein.operations")
public record OperationsProperties(Duration outboxMaxAge, Duration brokerTimeout, Duration brokerHealthCache) {

    public OperationsProperties {
        outboxMaxAge = outboxMaxAge == null ? Duration.ofMinutes(1) : outboxMaxAge;
        brokerTimeout = brokerTimeout == null ? Duration.ofSeconds(2) : brokerTimeout;
        brokerHealthCache = brokerHealthCache == null ? Duration.ofSeconds(5) : brokerHealthCache;
    }
}

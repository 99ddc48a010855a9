package nl.bronsein.runtime.operations;

import java.time.Duration;

import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * @param outboxMaxAge      the outbox health turns {@code DEGRADED} when its oldest unpublished row is older than this
 * @param brokerTimeout     how long the broker health check waits for the broker to describe its cluster
 * @param brokerHealthCache how long a broker health result is reused, so {@code /actuator/health} stays cheap
 * @param intakeMaxStall    the intake health turns {@code DEGRADED} when the notification listener has been failing to
 *                          take in a poll, without progress, for longer than this
 */
@Validated
@ConfigurationProperties("bronsein.operations")
record OperationsProperties(Duration outboxMaxAge, Duration brokerTimeout, Duration brokerHealthCache,
                                   @DurationMin(message = "must not be negative, e.g. 1m") Duration intakeMaxStall) {

    public OperationsProperties {
        outboxMaxAge = outboxMaxAge == null ? Duration.ofMinutes(1) : outboxMaxAge;
        brokerTimeout = brokerTimeout == null ? Duration.ofSeconds(2) : brokerTimeout;
        brokerHealthCache = brokerHealthCache == null ? Duration.ofSeconds(5) : brokerHealthCache;
        intakeMaxStall = intakeMaxStall == null ? Duration.ofMinutes(1) : intakeMaxStall;
    }
}

package nl.bronsein.runtime.inbox;

import java.time.Duration;

import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

import jakarta.validation.constraints.Positive;

/**
 * Handling received notifications ({@code bronsein.inbox.*}).
 *
 * @param interval       how often the inbox looks for due entries when nothing woke it
 * @param batchSize      entries handled per round
 * @param retryDelay     first delay after a failed attempt (owner unreachable, database away); doubles each time
 * @param maxRetryDelay  the longest delay between attempts; there is no last attempt, nothing is given up
 */
@Validated
@ConfigurationProperties("bronsein.inbox")
record InboxProperties(
        @DurationMin(inclusive = false, message = "must be longer than zero, e.g. 500ms") Duration interval,
        @Positive(message = "must be at least 1, e.g. 100") Integer batchSize,
        @DurationMin(inclusive = false, message = "must be longer than zero, e.g. 1s") Duration retryDelay,
        @DurationMin(inclusive = false, message = "must be longer than zero, e.g. 5m") Duration maxRetryDelay) {

    public InboxProperties {
        interval = interval == null ? Duration.ofMillis(500) : interval;
        batchSize = batchSize == null ? 100 : batchSize;
        retryDelay = retryDelay == null ? Duration.ofSeconds(1) : retryDelay;
        maxRetryDelay = maxRetryDelay == null ? Duration.ofMinutes(5) : maxRetryDelay;
    }

    Duration delayAfter(int attempts) {
        long factor = 1L << Math.min(attempts - 1, 20);
        Duration delay = retryDelay.multipliedBy(factor);
        return delay.compareTo(maxRetryDelay) > 0 ? maxRetryDelay : delay;
    }
}

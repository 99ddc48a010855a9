package nl.bronsein.runtime.inbox;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param interval       how often the inbox looks for due entries when nothing woke it
 * @param batchSize      entries handled per round
 * @param retryDelay     first delay after a failed attempt (owner unreachable, database away); doubles each time
 * @param maxRetryDelay  the longest delay between attempts; there is no last attempt, nothing is given up
 */
@ConfigurationProperties("bronsein.inbox")
public record InboxProperties(Duration interval, Integer batchSize, Duration retryDelay, Duration maxRetryDelay) {

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

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
 * @param concurrency    how many of a round's entries are handled at once, each of another object (one object's entries
 *                       are handled one after another, in the order they arrived); by default 4 on PostgreSQL and 1 on
 *                       H2 ({@link #onDatabase})
 * @param retryDelay     first delay after a failed attempt (owner unreachable, database away); doubles each time
 * @param maxRetryDelay  the longest delay between attempts; there is no last attempt, nothing is given up
 * @param autoStartup    false: notifications are still taken in and stored, but none is handled (nothing pulled) until
 *                       the processor is started — as {@code spring.kafka.listener.auto-startup} is for a listener. For
 *                       an operator who restores a node and wants to see its inbox before it pulls, and for the
 *                       benchmark's commit → consumer figure, which measures delivery without the pulls it causes
 */
@Validated
@ConfigurationProperties("bronsein.inbox")
record InboxProperties(
        @DurationMin(inclusive = false, message = "must be longer than zero, e.g. 500ms") Duration interval,
        @Positive(message = "must be at least 1, e.g. 100") Integer batchSize,
        @Positive(message = "must be at least 1, e.g. 4") Integer concurrency,
        @DurationMin(inclusive = false, message = "must be longer than zero, e.g. 1s") Duration retryDelay,
        @DurationMin(inclusive = false, message = "must be longer than zero, e.g. 5m") Duration maxRetryDelay,
        Boolean autoStartup) {

    public InboxProperties {
        interval = interval == null ? Duration.ofMillis(500) : interval;
        batchSize = batchSize == null ? 100 : batchSize;
        retryDelay = retryDelay == null ? Duration.ofSeconds(1) : retryDelay;
        maxRetryDelay = maxRetryDelay == null ? Duration.ofMinutes(5) : maxRetryDelay;
        autoStartup = autoStartup == null || autoStartup;
    }

    /**
     * These settings with the concurrency the node's database allows when none was set: 4, but 1 on H2. In one of nine
     * chaos runs on H2 with four handlers, a node's inbox came out holding one event twice, past the unique key on
     * (source, event id) that H2 had been asked to keep; PostgreSQL keeps such a key whatever runs at once. Until that is
     * understood, an embedded node handles one notification at a time, as it did before.
     */
    InboxProperties onDatabase(String databaseProductName) {
        return concurrency != null ? this : new InboxProperties(interval, batchSize,
                "H2".equals(databaseProductName) ? 1 : 4, retryDelay, maxRetryDelay, autoStartup);
    }

    /** How many entries are handled at once: 1 where nothing decided it. */
    int handlers() {
        return concurrency == null ? 1 : concurrency;
    }

    Duration delayAfter(int attempts) {
        long factor = 1L << Math.min(attempts - 1, 20);
        Duration delay = retryDelay.multipliedBy(factor);
        return delay.compareTo(maxRetryDelay) > 0 ? maxRetryDelay : delay;
    }
}

package nl.bronsein.runtime.outbox;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param interval    how often the relay looks for unpublished rows when nothing woke it (a commit wakes it at once)
 * @param batchSize   rows sent per round; bounds memory whatever the backlog (cf. Spring Modulith #1148)
 * @param sendTimeout how long to wait for the broker's acknowledgement before a round counts as failed
 * @param retryDelay  pause after a failed round, so an absent broker is not hammered
 */
@ConfigurationProperties("bronsein.relay")
public record RelayProperties(Duration interval, Integer batchSize, Duration sendTimeout, Duration retryDelay,
                              Duration lease) {

    public RelayProperties {
        interval = interval == null ? Duration.ofMillis(500) : interval;
        batchSize = batchSize == null ? 500 : batchSize;
        sendTimeout = sendTimeout == null ? Duration.ofSeconds(15) : sendTimeout;
        retryDelay = retryDelay == null ? Duration.ofSeconds(1) : retryDelay;
        // longer than a batch can take (send timeout per entry, cut short at the first failure), renewed per batch
        lease = lease == null ? sendTimeout.multipliedBy(2) : lease;
    }
}

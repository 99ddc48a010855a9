package nl.bronsein.runtime.outbox;

import java.time.Duration;

import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;

/**
 * The outbox relay ({@code bronsein.relay.*}): publishes committed changes to Kafka.
 *
 * @param interval    how often the relay looks for unpublished rows when nothing woke it (a commit wakes it at once)
 * @param batchSize   rows numbered and rows sent per round; bounds memory whatever the backlog (cf. Spring Modulith #1148)
 * @param sendTimeout how long to wait for the broker's acknowledgement before a round counts as failed
 * @param retryDelay  pause after a failed round, so an absent broker is not hammered
 * @param lease       how long one instance of a node holds the relay when several share a database; renewed once a
 *                    third of it has passed, so two thirds of it must outlast one round (default twice the send timeout)
 * @param checkpointTopic the node's own compacted topic for its {@link PublicationCheckpoint}; unset, it is derived
 *                    from the node's participant id ({@link PublicationCheckpoint#ownTopic}). Set it only where the
 *                    cluster's operators name topics themselves; it must stay outside the network's {@code bronsein}
 *                    topics, or a pattern subscription to them would read the node's bookkeeping
 */
@Validated
@ConfigurationProperties("bronsein.relay")
record RelayProperties(
        @DurationMin(inclusive = false, message = "must be longer than zero, e.g. 500ms") Duration interval,
        @Positive(message = "must be at least 1, e.g. 500") Integer batchSize,
        @DurationMin(inclusive = false, message = "must be longer than zero, e.g. 15s") Duration sendTimeout,
        @DurationMin(inclusive = false, message = "must be longer than zero, e.g. 1s") Duration retryDelay,
        @DurationMin(inclusive = false, message = "must be longer than zero, e.g. 30s") Duration lease,
        @Pattern(regexp = "(?!bronsein|__)[a-zA-Z0-9._-]{1,249}", message = "must be a Kafka topic name ([a-zA-Z0-9._-], "
                + "at most 249) that does not start with bronsein or __, e.g. _node.urn-nld-kvk-12345678.relay-checkpoints")
        String checkpointTopic) {

    public RelayProperties {
        interval = interval == null ? Duration.ofMillis(500) : interval;
        batchSize = batchSize == null ? 500 : batchSize;
        sendTimeout = sendTimeout == null ? Duration.ofSeconds(15) : sendTimeout;
        retryDelay = retryDelay == null ? Duration.ofSeconds(1) : retryDelay;
        // longer than a batch can take (send timeout per entry, cut short at the first failure), renewed per batch
        lease = lease == null ? sendTimeout.multipliedBy(2) : lease;
    }
}

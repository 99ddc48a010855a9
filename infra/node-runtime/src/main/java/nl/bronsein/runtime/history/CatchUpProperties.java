package nl.bronsein.runtime.history;

import java.time.Duration;

import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

import jakarta.validation.constraints.Positive;

/**
 * Catching up on missed notifications ({@code bronsein.catch-up.*}).
 *
 * @param enabled whether the node fetches missed notifications from its sources' history at all
 * @param checkInterval how often the node looks for gaps
 * @param grace how long a gap may stand before it is fetched: one source's records arrive over several partitions,
 *              so a later number can briefly overtake an earlier one
 * @param interval how often the node asks every source it follows for its history anyway, also at start-up — this is
 *                 what recovers notifications a topic no longer holds after a long absence
 * @param batchSize notifications per history page
 * @param unconfirmedGapTries how often a gap is asked about, with back-off, when the source's history read to its end
 *                            does not reach the number a record claimed; then it is settled and reported (a forged
 *                            sequence number once made every subscriber ask its source once a second for good)
 */
@Validated
@ConfigurationProperties("bronsein.catch-up")
record CatchUpProperties(
        Boolean enabled,
        @DurationMin(inclusive = false, message = "must be longer than zero, e.g. 1s") Duration checkInterval,
        @DurationMin(message = "must not be negative, e.g. 2s") Duration grace,
        @DurationMin(inclusive = false, message = "must be longer than zero, e.g. 15m") Duration interval,
        @Positive(message = "must be at least 1, e.g. 200") Integer batchSize,
        @Positive(message = "must be at least 1, e.g. 6") Integer unconfirmedGapTries) {

    public CatchUpProperties {
        enabled = enabled == null || enabled;
        checkInterval = checkInterval == null ? Duration.ofSeconds(1) : checkInterval;
        grace = grace == null ? Duration.ofSeconds(2) : grace;
        interval = interval == null ? Duration.ofMinutes(15) : interval;
        batchSize = batchSize == null ? 200 : batchSize;
        unconfirmedGapTries = unconfirmedGapTries == null ? 6 : unconfirmedGapTries;
    }
}

package nl.bronsein.runtime.operations;

import java.time.Clock;
import java.time.Duration;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;

import nl.bronsein.runtime.outbox.OutboxRepository;

/**
 * The outbox backlog as health ({@code outbox}): {@code UP} while the oldest unpublished row is younger than
 * {@code bronsein.operations.outbox-max-age}, {@link #DEGRADED} when older — the node works, but its notifications do
 * not leave (usually a broker that is away, which the {@code kafka} indicator says). Details are counts and ages only.
 */
public class OutboxHealthIndicator implements HealthIndicator {

    /** Working, but behind: ranks between OUT_OF_SERVICE and UP and maps to 200 (see {@link OperationsDefaults}). */
    public static final Status DEGRADED = new Status("DEGRADED", "the outbox is not being published in time");

    private final OutboxRepository outbox;
    private final Duration maxAge;
    private final Clock clock;

    public OutboxHealthIndicator(OutboxRepository outbox, Duration maxAge, Clock clock) {
        this.outbox = outbox;
        this.maxAge = maxAge;
        this.clock = clock;
    }

    @Override
    public Health health() {
        try {
            OutboxRepository.Backlog backlog = outbox.backlog();
            Duration age = backlog.ageAt(clock.instant());
            return Health.status(age.compareTo(maxAge) > 0 ? DEGRADED : Status.UP)
                    .withDetail("backlog", backlog.count())
                    .withDetail("oldestAgeSeconds", age.toSeconds())
                    .withDetail("maxAgeSeconds", maxAge.toSeconds())
                    .build();
        } catch (RuntimeException e) {
            return Health.down().withDetail("error", e.getClass().getSimpleName()).build();
        }
    }

    public Duration maxAge() {
        return maxAge;
    }
}

package nl.bronsein.runtime.operations;

import java.time.Duration;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;

import nl.bronsein.runtime.subscription.IntakeProgress;

/**
 * The notification listener as health ({@code intake}): {@code UP} while it takes in what it polls, {@link #DEGRADED}
 * when it has been failing the same poll for longer than {@code bronsein.operations.intake-max-stall} — nothing new
 * reaches this node's inbox (usually the database, which {@code db} then says). Not {@code DOWN}: the node still serves
 * its own objects to the network and its staff, and a restart does not make a failing poll pass, so a container health
 * check must not kill it for this; an operator alerts on the status or on {@code bronsein.intake.stall.age}. Details
 * are counts, an exception's class and a record's position only, never a record's content.
 */
public class IntakeHealthIndicator implements HealthIndicator {

    /** Working, but not taking in: ranks between OUT_OF_SERVICE and UP and maps to 200 (see {@link OperationsDefaults}). */
    public static final Status DEGRADED = new Status("DEGRADED", "notifications are not being taken in");

    private final IntakeProgress progress;
    private final Duration maxStall;

    public IntakeHealthIndicator(IntakeProgress progress, Duration maxStall) {
        this.progress = progress;
        this.maxStall = maxStall;
    }

    @Override
    public Health health() {
        IntakeProgress.State state = progress.state();
        boolean stalled = state.failedPolls() > 0 && state.stalledFor().compareTo(maxStall) > 0;
        Health.Builder health = Health.status(stalled ? DEGRADED : Status.UP)
                .withDetail("failedPolls", state.failedPolls())
                .withDetail("stalledSeconds", state.stalledFor().toSeconds())
                .withDetail("maxStallSeconds", maxStall.toSeconds());
        if (state.failedPolls() > 0) {
            health.withDetail("error", state.error()).withDetail("position", state.position());
        }
        return health.build();
    }
}

package nl.bronsein.runtime.subscription;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Whether the notification listener makes progress: the polls that failed in a row since the last one it took in, since
 * when, why (the exception's class, never a message that could quote a record) and where (the first record's position).
 * Read by the {@code intake} health and the {@code bronsein.intake.*} gauges, so a listener that retries the same poll
 * shows, instead of looking UP while nothing arrives (issue 15). The node reads its topics with one consumer thread
 * (the container's concurrency is 1), so one state is the listener's state.
 */
public class IntakeProgress {

    /** The listener's state; {@code failedPolls} is 0 (and the rest empty) while it makes progress. */
    public record State(int failedPolls, Duration stalledFor, String error, String position) {
    }

    private final Clock clock;
    private int failedPolls;
    private Instant failingSince;
    private String error;
    private String position;

    public IntakeProgress(Clock clock) {
        this.clock = clock;
    }

    synchronized void progressed() {
        failedPolls = 0;
        failingSince = null;
        error = null;
        position = null;
    }

    synchronized void failed(String position, RuntimeException e) {
        if (failedPolls++ == 0) {
            failingSince = clock.instant();
        }
        this.error = e.getClass().getSimpleName();
        this.position = position;
    }

    public synchronized State state() {
        Duration stalledFor = failingSince == null ? Duration.ZERO : Duration.between(failingSince, clock.instant());
        return new State(failedPolls, stalledFor, error, position);
    }
}

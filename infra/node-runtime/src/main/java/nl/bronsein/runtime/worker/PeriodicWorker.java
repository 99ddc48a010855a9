package nl.bronsein.runtime.worker;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import nl.bronsein.runtime.api.NodeApi;

/**
 * One background thread that does a piece of work every interval, and at once when woken (after a commit), with
 * wake-ups coalesced so a burst of commits costs one extra round. The relay and the inbox processor each run on one,
 * and so does a node's own periodic check (a provider noticing that a client in youth care turned 18).
 */
@NodeApi
public final class PeriodicWorker {

    private final String name;
    private final Duration interval;
    private final Runnable work;
    private final AtomicBoolean wakeUpPending = new AtomicBoolean();
    private volatile ScheduledExecutorService executor;

    public PeriodicWorker(String name, Duration interval, Runnable work) {
        this.name = name;
        this.interval = interval;
        this.work = work;
    }

    public synchronized void start() {
        executor = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        });
        executor.scheduleWithFixedDelay(work, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Stops taking work and waits for the round in progress, so a stop never cuts a round in half. */
    public synchronized void stop(Duration patience) {
        ScheduledExecutorService current = executor;
        executor = null;
        if (current != null) {
            current.shutdown();
            try {
                current.awaitTermination(patience.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    public boolean isRunning() {
        return executor != null;
    }

    public void wakeUp() {
        ScheduledExecutorService current = executor;
        if (current != null && wakeUpPending.compareAndSet(false, true)) {
            try {
                current.execute(() -> {
                    wakeUpPending.set(false);
                    work.run();
                });
            } catch (RejectedExecutionException stopping) {
                wakeUpPending.set(false);
            }
        }
    }
}

package nl.bronsein.benchmark;

import java.util.concurrent.atomic.AtomicLong;

/**
 * The highest resident memory of a node's process while a load runs, sampled every half second on a thread of its
 * own; nothing in the one-JVM mode, where the node has no process of its own.
 */
final class ResidentPeak implements AutoCloseable {

    private final AtomicLong peak = new AtomicLong();
    private final Thread sampler;

    private ResidentPeak(OwnProcess process) {
        sampler = new Thread(() -> {
            try {
                while (true) {
                    peak.accumulateAndGet(process.residentBytes(), Math::max);
                    Thread.sleep(500);
                }
            } catch (InterruptedException done) {
                // stopped
            }
        }, "benchmark-resident-" + process.pid());
        sampler.setDaemon(true);
        sampler.start();
    }

    /** Samples {@code node}'s process, or returns a peak that stays 0 for a node in this JVM. */
    static ResidentPeak of(BenchNode node) {
        return node.process().map(ResidentPeak::new).orElseGet(ResidentPeak::none);
    }

    private static ResidentPeak none() {
        return new ResidentPeak();
    }

    private ResidentPeak() {
        sampler = null;
    }

    /** The highest resident memory sampled; 0 when nothing was sampled (one JVM). */
    long bytes() {
        return peak.get();
    }

    @Override
    public void close() {
        if (sampler != null) {
            sampler.interrupt();
        }
    }
}

package nl.bronsein.benchmark;

import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * Warm-up until the just-in-time compiler has settled, not for a fixed count. On 2 cores that the broker, the nodes
 * and the driver share, the C2 compiler was still busy minutes into a run (a JFR recording of the half-rate phase put
 * it at a sixth of the machine), taking cores from the figure being measured; a node that has run for a day has long
 * finished. So a warm-up round is repeated until the compiler worked during less than {@link #QUIET} of a round's wall
 * time, or until {@code patience} is used up — the line printed says which.
 */
final class JitWarmUp {

    /** The compiler's share of a round below which the round counts as warm. */
    static final double QUIET = 0.10;

    /**
     * @param rounds          rounds run
     * @param seconds         their wall time together
     * @param compilingShare  the compiler's time in the last round as a share of its wall time
     */
    record Result(int rounds, double seconds, double compilingShare) {

        boolean quiet() {
            return compilingShare < QUIET;
        }

        String describe() {
            return String.format("%d round(s) in %.0f s; JIT compile time in the last round %.0f%% of its wall time%s",
                    rounds, seconds, compilingShare * 100, quiet() ? "" : " (patience used up before it settled)");
        }
    }

    /** A round of the load to warm up with; throws what the load throws. */
    interface Round {
        void run() throws InterruptedException;
    }

    private JitWarmUp() {
    }

    static Result untilQuiet(Round round, Duration patience) throws InterruptedException {
        return untilQuiet(round, patience, JitWarmUp::compilationMillis, System::nanoTime);
    }

    /** The accumulated compile time of this JVM in milliseconds: what {@link CompilationMXBean} reports. */
    private static long compilationMillis() {
        CompilationMXBean compiler = ManagementFactory.getCompilationMXBean();
        if (compiler == null || !compiler.isCompilationTimeMonitoringSupported()) {
            throw new IllegalStateException("this JVM does not report its compilation time; cannot tell when it is warm");
        }
        return compiler.getTotalCompilationTime();
    }

    static Result untilQuiet(Round round, Duration patience, LongSupplier compilationMillis, LongSupplier nanoTime)
            throws InterruptedException {
        long start = nanoTime.getAsLong();
        long deadline = start + patience.toNanos();
        int rounds = 0;
        double share;
        long now;
        do {
            long before = nanoTime.getAsLong();
            long compiledBefore = compilationMillis.getAsLong();
            round.run();
            rounds++;
            now = nanoTime.getAsLong();
            share = (compilationMillis.getAsLong() - compiledBefore) / Math.max(1e-3, (now - before) / 1e6);
        } while (share >= QUIET && now < deadline);
        return new Result(rounds, (now - start) / 1e9, share);
    }
}

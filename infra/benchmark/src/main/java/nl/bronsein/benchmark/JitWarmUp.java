package nl.bronsein.benchmark;

import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.LongSupplier;
import java.util.stream.Stream;

/**
 * Warm-up until the just-in-time compiler has settled, not for a fixed count. On 2 cores that the broker, the nodes
 * and the driver share, the C2 compiler was still busy minutes into a run (a JFR recording of the half-rate phase put
 * it at a sixth of the machine), taking cores from the figure being measured; a node that has run for a day has long
 * finished. So a warm-up round is repeated until the compiler threads used less than {@link #QUIET} of the machine's
 * CPU (cores × wall time) during a round, or until {@code patience} is used up — the line printed says which.
 */
final class JitWarmUp {

    /** The compilers' share of the machine's CPU during a round below which the round counts as warm. */
    static final double QUIET = 0.05;

    /** USER_HZ, the unit of {@code /proc} times: 100 on every Linux architecture the JDK runs on. */
    private static final long TICKS_PER_SECOND = 100;

    /**
     * @param rounds          rounds run
     * @param seconds         their wall time together
     * @param compilingShare  the compilers' CPU time in the last round as a share of the machine's (cores × wall time)
     */
    record Result(int rounds, double seconds, double compilingShare) {

        boolean quiet() {
            return compilingShare < QUIET;
        }

        String describe() {
            return String.format("%d round(s) in %.0f s; the JIT compilers used %.0f%% of the CPU in the last round%s",
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
        int cores = Runtime.getRuntime().availableProcessors();
        return untilQuiet(round, patience, () -> compilerCpuMillis() / cores, System::nanoTime);
    }

    /**
     * The CPU time the compiler threads of this JVM and of every JVM it started (the nodes, the broker and the peer in
     * processes of their own) have used, in milliseconds: on Linux from {@code /proc/<pid>/task} (the threads named
     * "C1/C2 CompilerThre…"), elsewhere the compile time {@link CompilationMXBean} reports for this JVM alone, which is
     * wall time and so overstates the compilers' share on a busy machine (a compile waiting for a core still counts).
     */
    static long compilerCpuMillis() {
        Path self = Path.of("/proc/self/task");
        if (Files.isDirectory(self)) {
            try {
                long ticks = compilerTicksOf(self);
                for (ProcessHandle child : (Iterable<ProcessHandle>) ProcessHandle.current().descendants()::iterator) {
                    ticks += compilerTicksOf(Path.of("/proc/" + child.pid() + "/task"));
                }
                return ticks * 1000 / TICKS_PER_SECOND;
            } catch (IOException | UncheckedIOException e) {
                // fall through to the compile time the JVM reports
            }
        }
        CompilationMXBean compiler = ManagementFactory.getCompilationMXBean();
        if (compiler == null || !compiler.isCompilationTimeMonitoringSupported()) {
            throw new IllegalStateException("this JVM does not report its compilation time; cannot tell when it is warm");
        }
        return compiler.getTotalCompilationTime();
    }

    /** The compiler threads' ticks of one process; 0 for a process that has no such threads or is gone. */
    private static long compilerTicksOf(Path tasks) throws IOException {
        if (!Files.isDirectory(tasks)) {
            return 0;
        }
        long ticks = 0;
        try (Stream<Path> threads = Files.list(tasks)) {
            for (Path thread : (Iterable<Path>) threads::iterator) {
                ticks += compilerTicks(thread);
            }
        } catch (java.nio.file.NoSuchFileException gone) {
            return 0;
        }
        return ticks;
    }

    /** User + system ticks of one thread if it is a JIT compiler thread; 0 otherwise or when it is gone already. */
    private static long compilerTicks(Path thread) {
        try {
            String name = Files.readString(thread.resolve("comm")).strip();
            if (!name.startsWith("C1 CompilerThre") && !name.startsWith("C2 CompilerThre")) {
                return 0;
            }
            return ticks(Files.readString(thread.resolve("stat")));
        } catch (IOException gone) {
            return 0;
        }
    }

    /**
     * utime + stime from a {@code stat} line; read after the name's closing parenthesis, since a thread's name may hold
     * spaces ("C2 CompilerThre").
     */
    static long ticks(String stat) {
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        // after the name: state is field 3 of proc(5), utime 14, stime 15
        return Long.parseLong(fields[14 - 3]) + Long.parseLong(fields[15 - 3]);
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

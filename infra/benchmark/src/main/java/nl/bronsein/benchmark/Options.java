package nl.bronsein.benchmark;

import java.time.Duration;
import java.util.List;
import java.util.Set;

/**
 * What to run, from the command line ({@link BenchmarkMain}). {@code --quick} shrinks every count for a smoke run of a
 * minute or two; options given explicitly win.
 *
 * @param millionPath how the million changes are made; null = through the API if that fits in its budget
 * @param clients     staff clients for the throughput figures; 0 = find the number that saturates the node
 * @param parts       the parts to run; a full run takes every one
 * @param processingLogRows records in the processing log whose queries are timed (PostgreSQL)
 * @param catchUp     notifications a municipality node away from the network catches up on
 * @param oneJvm      the nodes, broker and peer in the benchmark's JVM rather than in processes of their own
 */
record Options(List<DatabaseKind> databases, long changes, long million, MillionChanges.Path millionPath, int clients,
               int latencySeconds, long pulls, int pullClients, int participants, boolean quick, Set<Part> parts,
               long processingLogRows, long catchUp, boolean oneJvm) {

    Options {
        parts = Set.copyOf(parts);
    }

    boolean runs(Part part) {
        return parts.contains(part);
    }

    /** Changes recorded before anything is measured: connections, JIT, the relay's producer. */
    long warmUpChanges() {
        return Math.max(200, changes / 10);
    }

    /** Changes per step when looking for the number of clients that saturates. */
    long sweepChanges() {
        return quick ? 100 : 500;
    }

    /**
     * How long a warm-up may go on waiting for the JIT to settle (see {@link JitWarmUp}): three minutes before the
     * throughput figures, a third of that before the latency and the pulls; none in a quick run, which warms up once.
     */
    Duration warmUpPatience() {
        return quick ? Duration.ZERO : Duration.ofMinutes(3);
    }

    int latencyWarmUpSeconds() {
        return quick ? 2 : 5;
    }

    /** How often each processing-log query is timed after its first (cold) run. */
    int processingLogRuns() {
        return quick ? 5 : 20;
    }

    long pullWarmUp() {
        return Math.max(200, pulls / 5);
    }
}

package nl.bronsein.benchmark;

import java.util.Arrays;

/**
 * p50, p99 and max of a set of durations (nanoseconds), by the nearest-rank method: the p-th percentile is the
 * smallest sample that at least p% of the samples do not exceed, so a percentile is always a value that was measured.
 */
public record Percentiles(int count, long p50Nanos, long p99Nanos, long maxNanos) {

    public static final Percentiles NONE = new Percentiles(0, 0, 0, 0);

    /** Sorts a copy; the samples are left as they are. */
    public static Percentiles of(long[] nanos) {
        if (nanos.length == 0) {
            return NONE;
        }
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        return new Percentiles(sorted.length, rank(sorted, 50), rank(sorted, 99), sorted[sorted.length - 1]);
    }

    static long rank(long[] sorted, int percent) {
        int rank = (int) Math.ceil(percent / 100.0 * sorted.length);
        return sorted[Math.max(rank, 1) - 1];
    }

    public double p50Millis() {
        return p50Nanos / 1e6;
    }

    public double p99Millis() {
        return p99Nanos / 1e6;
    }

    public double maxMillis() {
        return maxNanos / 1e6;
    }
}

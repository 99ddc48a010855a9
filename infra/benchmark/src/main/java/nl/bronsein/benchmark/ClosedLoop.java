package nl.bronsein.benchmark;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.IntFunction;

/**
 * A fixed number of clients, each doing one call after another until the total is reached: the load that saturates
 * a system, used for every "per second" figure. Calls are counted out from one counter, so a fast client does more.
 * The first failure stops every client and is rethrown: a figure with failed calls in it would mean nothing.
 */
final class ClosedLoop {

    /** One client's connection or state, used by one thread only. */
    interface Client extends AutoCloseable {

        void call(long index) throws Exception;

        @Override
        default void close() throws Exception {
        }
    }

    /**
     * @param latencies per call, in nanoseconds; empty when not asked for (a million calls' worth would only sit in
     *                  the heap that is being measured)
     */
    record Result(long calls, long startNanos, long elapsedNanos, long[] latencies, long[] quarterEnds) {

        double perSecond() {
            return calls / (elapsedNanos / 1e9);
        }

        /** Calls per second in each quarter of the calls, in order: a rate that still climbs was not warm yet. */
        double[] quarterRates() {
            if (calls < QUARTERS) {
                return new double[0];
            }
            double[] rates = new double[QUARTERS];
            long from = startNanos;
            for (int q = 0; q < QUARTERS; q++) {
                long quarterCalls = calls * (q + 1) / QUARTERS - calls * q / QUARTERS;
                rates[q] = quarterCalls / ((quarterEnds[q] - from) / 1e9);
                from = quarterEnds[q];
            }
            return rates;
        }

        Percentiles percentiles() {
            return Percentiles.of(latencies);
        }
    }

    private static final int QUARTERS = 4;

    private ClosedLoop() {
    }

    static Result run(int clients, long calls, boolean recordLatencies, IntFunction<Client> clientFor) {
        long[] latencies = recordLatencies ? new long[Math.toIntExact(calls)] : new long[0];
        AtomicLong next = new AtomicLong();
        AtomicLong done = new AtomicLong();
        long[] quarterEnds = new long[QUARTERS];
        AtomicReference<Throwable> failure = new AtomicReference<>();
        List<Thread> threads = new ArrayList<>(clients);
        long start = System.nanoTime();
        for (int c = 0; c < clients; c++) {
            int number = c;
            Thread thread = new Thread(() -> {
                try (Client client = clientFor.apply(number)) {
                    for (long i = next.getAndIncrement(); i < calls && failure.get() == null; i = next.getAndIncrement()) {
                        long before = System.nanoTime();
                        client.call(i);
                        if (recordLatencies) {
                            latencies[(int) i] = System.nanoTime() - before;
                        }
                        // counted and timed under one lock, so the quarters' ends are in order like the counts
                        synchronized (quarterEnds) {
                            long completed = done.incrementAndGet();
                            for (int q = 0; q < QUARTERS; q++) {
                                if (completed == calls * (q + 1) / QUARTERS) {
                                    quarterEnds[q] = System.nanoTime();
                                }
                            }
                        }
                    }
                } catch (Throwable e) {
                    failure.compareAndSet(null, e);
                }
            }, "bench-client-" + c);
            thread.start();
            threads.add(thread);
        }
        for (Thread thread : threads) {
            try {
                thread.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            }
        }
        long elapsed = System.nanoTime() - start;
        if (failure.get() != null) {
            throw new IllegalStateException("a benchmark call failed: " + failure.get().getMessage(), failure.get());
        }
        return new Result(calls, start, elapsed, latencies, quarterEnds);
    }
}

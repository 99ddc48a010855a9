package nl.bronsein.benchmark;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Changes per second through the whole write path: staff API → referral + consent + outbox row in one transaction →
 * relay → Kafka, counted when a read_committed consumer has the last one.
 */
final class Throughput {

    /** How many staff clients to use, and what each number of clients achieved. */
    record Sweep(List<Step> steps, int chosen) {
    }

    record Step(int clients, double perSecond) {
    }

    /**
     * @param apiPerSecond       changes over the time until the last API call returned
     * @param sustainedPerSecond changes over the time from the first API call until the last change was on Kafka
     * @param drainMillis        how long after the last API answer the last change reached Kafka
     */
    record Figure(int clients, long changes, double apiPerSecond, double sustainedPerSecond, double drainMillis,
                  double[] apiQuarterRates) {
    }

    private static final int[] CLIENTS = {1, 2, 4, 8, 16, 32};
    private static final Duration PATIENCE = Duration.ofMinutes(10);

    private Throughput() {
    }

    /**
     * Tries each number of clients on a short burst and takes the smallest that reaches 95% of the best rate: more
     * clients past that point only queue inside the node.
     */
    static Sweep sweep(StaffApi api, KafkaReadBack readBack, long changesPerStep) throws InterruptedException {
        List<Step> steps = new ArrayList<>();
        for (int clients : CLIENTS) {
            steps.add(new Step(clients, measure(api, readBack, clients, changesPerStep).sustainedPerSecond()));
        }
        double best = steps.stream().mapToDouble(Step::perSecond).max().orElseThrow();
        int chosen = steps.stream().filter(s -> s.perSecond() >= 0.95 * best).findFirst().orElseThrow().clients();
        return new Sweep(steps, chosen);
    }

    static Figure measure(StaffApi api, KafkaReadBack readBack, int clients, long changes) throws InterruptedException {
        long before = readBack.seen();
        ClosedLoop.Result calls = ClosedLoop.run(clients, changes, false, n -> i -> api.record());
        long lastOnKafka = readBack.awaitTotal(before + changes, PATIENCE);
        long apiEnd = calls.startNanos() + calls.elapsedNanos();
        return new Figure(clients, changes, calls.perSecond(), changes / ((lastOnKafka - calls.startNanos()) / 1e9),
                Math.max(0, lastOnKafka - apiEnd) / 1e6, calls.quarterRates());
    }
}

package nl.bronsein.benchmark;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;


import nl.bronsein.benchmark.peer.PeerApplication;

/**
 * The Spring Modulith peer measured as Bronsein is ({@code --parts peer}): the application a user would pick instead
 * ({@link PeerApplication}), on a database of its own of the same kind and on the same broker, driven by the same staff
 * client with the GP's token, the same warm-up, the same number of clients and changes. Its sustained changes/s end,
 * as Bronsein's, when a read_committed consumer has the last event; its commit → consumer latency is from the 201 to
 * that plain consumer, which is Bronsein's "read by a plain read_committed consumer" leg (a consuming node is not part
 * of the peer).
 */
final class PeerComparison {

    /**
     * @param warmUp      the warm-up before the throughput figure
     * @param throughput  changes/s through the peer's API to Kafka
     * @param latency     commit → plain consumer at a fixed rate
     */
    record Figure(JitWarmUp.Result warmUp, Throughput.Figure throughput, Latency latency) {

        /** Bronsein's sustained changes/s ÷ the peer's; NaN when Bronsein's throughput was not measured. */
        double ratio(Throughput.Figure bronsein) {
            return bronsein == null ? Double.NaN : bronsein.sustainedPerSecond() / throughput.sustainedPerSecond();
        }
    }

    /**
     * @param rate            changes per second offered
     * @param latency         from the client's 201 to the consumer's read
     * @param beforeResponse  events the consumer had before the client had the 201 (counted as 0 ms)
     */
    record Latency(double rate, Percentiles latency, int beforeResponse, JitWarmUp.Result warmUp) {
    }

    private static final Duration PATIENCE = Duration.ofMinutes(2);

    private PeerComparison() {
    }

    /**
     * The rate the latency is taken at: Bronsein's own latency rate when that phase ran, so both answer the same
     * question at the same load — unless that is more than half of what the peer sustains, where the peer's queue
     * rather than its path would be measured; then, and when Bronsein's latency was not measured, half the peer's
     * sustained rate, as Bronsein's is half of its own.
     */
    static double latencyRate(double peerSustained, CommitToConsumer.Figure bronsein) {
        double half = peerSustained / 2;
        return bronsein == null ? half : Math.min(bronsein.rate(), half);
    }

    static Figure measure(StaffApi api, KafkaReadBack readBack, int clients, Options options,
                          CommitToConsumer.Figure bronseinLatency) throws InterruptedException {
        JitWarmUp.Result warm = JitWarmUp.untilQuiet(
                () -> Throughput.measure(api, readBack, DatabaseRun.WARM_UP_CLIENTS, options.warmUpChanges()),
                options.warmUpPatience());
        Throughput.Figure throughput = Throughput.measure(api, readBack, clients, options.changes());
        double rate = latencyRate(throughput.sustainedPerSecond(), bronseinLatency);
        Latency latency = latency(api, readBack, rate, Duration.ofSeconds(options.latencyWarmUpSeconds()),
                options.warmUpPatience().dividedBy(3), Duration.ofSeconds(options.latencySeconds()));
        return new Figure(warm, throughput, latency);
    }

    /** Open-loop at a fixed rate, as Bronsein's commit → consumer: warm-up rounds until the JIT settled, then measured. */
    static Latency latency(StaffApi api, KafkaReadBack readBack, double rate, Duration warmUpRound, Duration patience,
                           Duration duration) throws InterruptedException {
        JitWarmUp.Result warm = JitWarmUp.untilQuiet(() -> CommitToConsumer.offer(api, rate, warmUpRound), patience);
        readBack.noteArrivals();
        List<StaffApi.Recorded> recorded = CommitToConsumer.offer(api, rate, duration);
        Map<String, Instant> read = readBack.awaitArrivals(recorded.stream().map(StaffApi.Recorded::id).toList(),
                PATIENCE);
        long[] nanos = new long[recorded.size()];
        int early = 0;
        for (int i = 0; i < nanos.length; i++) {
            StaffApi.Recorded change = recorded.get(i);
            long latency = Duration.between(change.committedBy(), read.get(change.id())).toNanos();
            early += latency < 0 ? 1 : 0;
            nanos[i] = Math.max(0, latency);
        }
        return new Latency(rate, Percentiles.of(nanos), early, warm);
    }

    /** Starts the peer on a fresh database of {@code server}, measures it, and stops it to leave the machine quiet. */
    static Figure run(BenchNetwork network, DatabaseServer server, int clients, Options options,
                      CommitToConsumer.Figure bronseinLatency) throws InterruptedException {
        BenchNode peer = network.startPeer(server.create("peer"));
        try (KafkaReadBack readBack = new KafkaReadBack(network.operatorClient(), PeerApplication.TOPIC)) {
            return measure(network.peerStaffApi(peer), readBack, clients, options, bronseinLatency);
        } finally {
            network.stop(peer);
        }
    }
}

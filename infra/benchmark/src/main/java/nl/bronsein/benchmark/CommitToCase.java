package nl.bronsein.benchmark;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * What a GP practice waits for: from the moment the GP's staff API answered 201 until the municipality opened its case
 * — the notification received, the referral pulled from the GP over mutual TLS for intake, the case written. The
 * commit-to-consumer figure stops at the inbox, with the municipality's inbox processor stopped; here the municipality
 * node runs whole. The moment the case was opened is its {@code received_at}, set when the case is written after the
 * pull. Open loop at half the sustained rate, as the commit-to-consumer figure.
 */
final class CommitToCase {

    /** @param rate changes per second offered; @param latency API answer → case opened, per measured referral */
    record Figure(double rate, Percentiles latency, JitWarmUp.Result warmUp) {
    }

    private static final Duration PATIENCE = Duration.ofMinutes(3);
    private static final String OPENED = "select referral_id, received_at from intake_case";

    private CommitToCase() {
    }

    static Figure measure(StaffApi api, JdbcClient municipality, double rate, Duration warmUpRound, Duration patience,
                          Duration duration) throws InterruptedException {
        JitWarmUp.Result warm = JitWarmUp.untilQuiet(() -> {
            List<StaffApi.Recorded> round = CommitToConsumer.offer(api, rate, warmUpRound);
            awaitOpened(municipality, round);
        }, patience);
        List<StaffApi.Recorded> recorded = CommitToConsumer.offer(api, rate, duration);
        Map<String, Instant> opened = awaitOpened(municipality, recorded);
        long[] nanos = new long[recorded.size()];
        for (int i = 0; i < nanos.length; i++) {
            StaffApi.Recorded change = recorded.get(i);
            nanos[i] = Math.max(0, Duration.between(change.committedBy(), opened.get(change.id())).toNanos());
        }
        return new Figure(rate, Percentiles.of(nanos), warm);
    }

    /** Referral id → when its case was opened, once every one of {@code recorded} has its case. */
    private static Map<String, Instant> awaitOpened(JdbcClient municipality, List<StaffApi.Recorded> recorded)
            throws InterruptedException {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (true) {
            Map<String, Instant> opened = new HashMap<>();
            municipality.sql(OPENED).query((RowCallbackHandler) rs -> {
                Timestamp at = rs.getTimestamp(2);
                opened.put(rs.getString(1), at.toInstant());
            });
            long missing = recorded.stream().filter(change -> !opened.containsKey(change.id())).count();
            if (missing == 0) {
                return opened;
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("waited " + PATIENCE.toSeconds() + " s, the municipality still has no case"
                        + " for " + missing + " of the measured referrals");
            }
            Thread.sleep(200);
        }
    }
}

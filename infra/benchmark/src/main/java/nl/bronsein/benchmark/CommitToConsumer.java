package nl.bronsein.benchmark;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongPredicate;

import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.simple.JdbcClient;


/**
 * How long a committed change takes to reach a consumer at half the sustained rate: from the moment the GP's staff
 * API answered 201 (the client knows the change is committed) to the moment the municipality node's listener had the
 * event in hand — the {@code received_at} its inbox records before storing it. The load is open-loop: calls leave on
 * a fixed schedule whatever earlier calls are doing, so a slow moment shows up in the figure instead of slowing the
 * load down.
 */
final class CommitToConsumer {

    /**
     * @param rate            changes per second offered
     * @param beforeResponse  events the consumer had before the API's answer reached the client (counted as 0 ms)
     * @param legs            where the time goes
     * @param ids             the referrals recorded while measuring, for the pulls
     */
    record Figure(double rate, Percentiles latency, int beforeResponse, Legs legs, List<String> ids, JitWarmUp.Result warmUp) {
    }

    /**
     * From the API's answer until the relay marked the row published (after the broker acknowledged its batch), and
     * until a plain read_committed consumer in the driver read it: the rest, up to the node's inbox, is the node's
     * consumer.
     */
    record Legs(Percentiles published, Percentiles readable) {
    }

    private static final Duration PATIENCE = Duration.ofMinutes(2);
    private static final String INBOX_COUNT = "select count(*) from inbox_entry where object_type = 'referral'";

    private CommitToConsumer() {
    }

    /**
     * The municipality node as a pure consumer: started with its handling held back ({@code bronsein.inbox.auto-startup
     * = false}; handling would pull every referral and open a case, publishing in turn), so what is measured is
     * delivery; pulls have their own figure. Returned once its listener has its partitions.
     */
    static BenchNode consumerReady(BenchNetwork network, JdbcTarget database) throws InterruptedException {
        BenchNode municipality = network.startMunicipality(database, false);
        network.awaitListening(Member.MUNICIPALITY);
        return municipality;
    }

    static Figure measure(StaffApi api, JdbcClient gp, JdbcClient consumer, KafkaReadBack readBack, double rate,
                          Duration warmUpRound, Duration patience, Duration duration) throws InterruptedException {
        // warm-up: the same load, thrown away, until the JIT settled (the consuming node's code is new to it); it also
        // settles where the freshly assigned listener starts reading
        JitWarmUp.Result warm = JitWarmUp.untilQuiet(() -> offer(api, rate, warmUpRound), patience);
        awaitStable(consumer);
        readBack.noteArrivals();
        List<StaffApi.Recorded> recorded = offer(api, rate, duration);
        // Every measured change by its id: a count could be made up by warm-up changes of a consumer that lags behind
        // (the run on the secured broker once waited for a count, and then missed a measured change).
        Map<String, Instant> received = awaitReceived(consumer, recorded);
        // a consumer can have an event before the relay has marked its row: the mark follows the broker's ack
        awaitCount(gp, "select count(*) - count(published_at) from outbox_entry", n -> n == 0);
        Map<String, Instant> published = moments(gp, "select subject, published_at from outbox_entry where object_type = 'referral'");
        Map<String, Instant> readable = readBack.takeArrivals();
        long[] nanos = new long[recorded.size()];
        long[] relay = new long[recorded.size()];
        long[] kafka = new long[recorded.size()];
        int early = 0;
        for (int i = 0; i < nanos.length; i++) {
            StaffApi.Recorded change = recorded.get(i);
            Instant at = received.get(change.id());
            if (at == null) {
                throw new IllegalStateException("the consumer never received referral " + change.id());
            }
            long latency = Duration.between(change.committedBy(), at).toNanos();
            early += latency < 0 ? 1 : 0;
            nanos[i] = Math.max(0, latency);
            relay[i] = since(change, published);
            kafka[i] = since(change, readable);
        }
        return new Figure(rate, Percentiles.of(nanos), early, new Legs(Percentiles.of(relay), Percentiles.of(kafka)),
                recorded.stream().map(StaffApi.Recorded::id).toList(), warm);
    }

    private static long since(StaffApi.Recorded change, Map<String, Instant> moments) {
        Instant at = moments.get(change.id());
        if (at == null) {
            throw new IllegalStateException("no moment for referral " + change.id());
        }
        return Math.max(0, Duration.between(change.committedBy(), at).toNanos());
    }

    /** Object id → a moment, from a query of those two columns. */
    private static Map<String, Instant> moments(JdbcClient database, String query) {
        Map<String, Instant> moments = new HashMap<>();
        database.sql(query).query((RowCallbackHandler) rs -> {
            java.sql.Timestamp at = rs.getTimestamp(2);
            if (at != null) {
                moments.put(rs.getString(1), at.toInstant());
            }
        });
        return moments;
    }

    /** Fires calls at a fixed rate for a while and waits for every answer (the peer's latency uses it too). */
    static List<StaffApi.Recorded> offer(StaffApi api, double rate, Duration duration) {
        long interval = (long) (1e9 / rate);
        long calls = Math.max(1, duration.toNanos() / interval);
        List<CompletableFuture<StaffApi.Recorded>> answers = new ArrayList<>((int) calls);
        long start = System.nanoTime();
        for (long i = 0; i < calls; i++) {
            long due = start + i * interval;
            for (long wait = due - System.nanoTime(); wait > 0; wait = due - System.nanoTime()) {
                LockSupport.parkNanos(wait);
            }
            answers.add(api.recordAsync());
        }
        List<StaffApi.Recorded> recorded = new ArrayList<>(answers.size());
        for (CompletableFuture<StaffApi.Recorded> answer : answers) {
            try {
                recorded.add(answer.get(PATIENCE.toSeconds(), TimeUnit.SECONDS));
            } catch (Exception e) {
                throw new IllegalStateException("a change at the fixed rate failed: " + e.getMessage(), e);
            }
        }
        return recorded;
    }

    private static long inboxCount(JdbcClient consumer) {
        return consumer.sql(INBOX_COUNT).query(Long.class).single();
    }

    /** Waits until the consumer's inbox stops growing; returns what it holds then. */
    private static long awaitStable(JdbcClient consumer) throws InterruptedException {
        long last = -1;
        long now = inboxCount(consumer);
        while (now != last) {
            Thread.sleep(1_000);
            last = now;
            now = inboxCount(consumer);
        }
        return now;
    }

    private static Map<String, Instant> awaitReceived(JdbcClient consumer, List<StaffApi.Recorded> recorded)
            throws InterruptedException {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (true) {
            Map<String, Instant> received = moments(consumer,
                    "select subject, received_at from inbox_entry where object_type = 'referral'");
            long missing = recorded.stream().filter(change -> !received.containsKey(change.id())).count();
            if (missing == 0) {
                return received;
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("waited " + PATIENCE.toSeconds() + " s, the consumer still misses "
                        + missing + " of the measured changes");
            }
            Thread.sleep(500);
        }
    }

    /** Waits until a count query's answer will do. */
    private static void awaitCount(JdbcClient database, String count, LongPredicate done) throws InterruptedException {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        long now;
        while (!done.test(now = database.sql(count).query(Long.class).single())) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("waited " + PATIENCE.toSeconds() + " s, still " + now + ": " + count);
            }
            Thread.sleep(100);
        }
    }
}

package nl.bronsein.benchmark;

import java.io.PrintStream;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import org.springframework.jdbc.core.simple.JdbcClient;


/**
 * A municipality node that was away while the GP recorded {@code backlog} referrals addressed to it, catching up: its
 * listener takes the notifications in from where its group's offsets stood, and each one is handled as always — the
 * referral pulled from the GP over mutual TLS for intake, the case opened. Measured from the node's start: how long
 * until it was current (its last case opened), how fast it took the notifications in, and how fast it handled them.
 * The backlog is recorded through the GP's staff API, as every change; what is measured is the consumer.
 */
final class CatchUp {

    /**
     * @param startSeconds     the node's start, until its staff API answered (its process) or its context was ready
     * @param currentSeconds   from the start until the last case was opened
     * @param takenPerSecond   notifications into the inbox per second, from the first to the last
     * @param handledPerSecond cases opened per second (each a pull), from the first notification taken to the last case
     * @param residentIdle     the node's resident memory as it became ready (its listener may have begun); 0 in one JVM
     * @param residentPeak     the highest while it caught up; 0 in one JVM
     */
    record Figure(long backlog, double recordSeconds, double startSeconds, double currentSeconds, double takenPerSecond,
                  double handledPerSecond, long residentIdle, long residentPeak) {
    }

    private static final Duration PATIENCE = Duration.ofMinutes(60);

    private CatchUp() {
    }

    static Figure measure(BenchNetwork network, DatabaseServer server, BenchNode gp, StaffApi api,
                          long backlog, int clients, PrintStream out) throws InterruptedException {
        JdbcTarget database = server.create("municipality_catch_up");
        // first a short visit: the node's group commits an offset past one referral of its own, so that the next start
        // reads on from there (a group without offsets starts at the topic's end and would skip the backlog)
        BenchNode visit = network.startMunicipality(database, true);
        network.awaitListening(Member.MUNICIPALITY);
        JdbcClient municipality = visit.database();
        String own = api.record().id();
        awaitCount(municipality, "select count(*) from intake_case where referral_id = :id", Map.of("id", own), 1);
        awaitCount(municipality, "select count(*) from inbox_entry where status = 'RECEIVED'", Map.of(), 0);
        network.stop(visit);

        // through the GP's staff API, as every change is made: the GP in a process of its own has no other door
        long recordStart = System.nanoTime();
        ClosedLoop.run(clients, backlog, false, n -> i -> api.record());
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (MillionChanges.unpublished(gp.database()) > 0) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the GP's relay did not publish the backlog within " + PATIENCE.toMinutes()
                        + " min");
            }
            Thread.sleep(200);
        }
        double recordSeconds = (System.nanoTime() - recordStart) / 1e9;
        out.printf("    %,d referrals recorded and published in %.0f s while the municipality node was away%n", backlog,
                recordSeconds);

        Instant started = Instant.now();
        BenchNode node = network.startMunicipality(database, true);
        long residentIdle = node.residentBytes().orElse(0);
        try (ResidentPeak peak = ResidentPeak.of(node)) {
            JdbcClient db = node.database();
            awaitCount(db, "select count(*) from intake_case where received_at >= :from",
                    Map.of("from", Timestamp.from(started)), backlog);
            Instant firstTaken = moment(db, "select min(received_at) from inbox_entry where received_at >= :from", started);
            Instant lastTaken = moment(db, "select max(received_at) from inbox_entry where received_at >= :from", started);
            Instant lastCase = moment(db, "select max(received_at) from intake_case where received_at >= :from", started);
            double takenSeconds = Math.max(1e-3, Duration.between(firstTaken, lastTaken).toNanos() / 1e9);
            double handledSeconds = Math.max(1e-3, Duration.between(firstTaken, lastCase).toNanos() / 1e9);
            return new Figure(backlog, recordSeconds, node.startSeconds(),
                    Duration.between(started, lastCase).toNanos() / 1e9, backlog / takenSeconds,
                    backlog / handledSeconds, residentIdle, peak.bytes());
        } finally {
            network.stop(node);
        }
    }

    private static Instant moment(JdbcClient db, String query, Instant from) {
        return db.sql(query).param("from", Timestamp.from(from)).query(Timestamp.class).single().toInstant();
    }

    /** Until the count reaches {@code target} (at least, or exactly 0 when the target is 0). */
    private static void awaitCount(JdbcClient db, String count, Map<String, ?> parameters, long target)
            throws InterruptedException {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (true) {
            long now = db.sql(count).params(parameters).query(Long.class).single();
            if (target == 0 ? now == 0 : now >= target) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("waited " + PATIENCE.toMinutes() + " min, still " + now + " (" + target
                        + " wanted): " + count);
            }
            Thread.sleep(200);
        }
    }
}

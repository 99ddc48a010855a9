package nl.bronsein.benchmark;

import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.time.Duration;

import org.springframework.jdbc.core.simple.JdbcClient;

import nl.bronsein.gp.referral.ReferralDraft;
import nl.bronsein.gp.referral.ReferralService;
import tools.jackson.databind.json.JsonMapper;

/**
 * What a node holds after a million changes: used heap after a full collection, and the outbox table (which keeps
 * every notification: it is the node's notification history, served to consumers that missed some). The changes go
 * through the staff API when that fits in {@link #API_BUDGET} at the measured rate; otherwise through the node's own
 * {@link ReferralService} in-process — the same transaction (consent, referral, outbox row) and the same relay to
 * Kafka, without HTTP, token and JSON.
 */
final class MillionChanges {

    static final Duration API_BUDGET = Duration.ofMinutes(10);
    private static final Duration DRAIN_PATIENCE = Duration.ofMinutes(30);

    enum Path {
        API("staff API"), SERVICE("node's ReferralService in-process");

        final String label;

        Path(String label) {
            this.label = label;
        }
    }

    /**
     * @param seconds  driving the changes until the relay had published the last one
     * @param heapBefore used heap after a full collection before driving them: of the GP node's own JVM, or in the
     *                   one-JVM mode of the whole JVM (broker, node, driver)
     */
    record Figure(long changes, Path path, int clients, double seconds, long heapBefore, long heapAfter, long outboxRows,
                  DatabaseServer.TableSize outbox) {
    }

    private MillionChanges() {
    }

    /** The API when it fits in its budget at the measured rate: the changes are measured, not the time they take. */
    static Path choosePath(long changes, double apiPerSecond) {
        return changes / apiPerSecond > API_BUDGET.toSeconds() ? Path.SERVICE : Path.API;
    }

    static Figure drive(BenchNode gp, StaffApi api, Path path, int clients, long total,
                        DatabaseServer server, JdbcTarget database, PrintStream out) throws InterruptedException {
        JdbcClient jdbc = gp.database();
        long remaining = Math.max(0, total - outboxRows(jdbc));
        long heapBefore = gp.usedHeapAfterFullGc();
        long start = System.nanoTime();
        Thread progress = progress(jdbc, total, start, out);
        if (path == Path.API) {
            ClosedLoop.run(clients, remaining, false, n -> i -> api.record());
        } else {
            ReferralService service = gp.bean(ReferralService.class).orElseThrow(() -> new IllegalStateException(
                    "the service path needs the GP node in this JVM (--one-jvm)"));
            ReferralDraft draft = ReferralSample.draft(gp.bean(JsonMapper.class).orElseThrow());
            ClosedLoop.run(clients, remaining, false, n -> i -> service.record(draft));
        }
        long deadline = System.nanoTime() + DRAIN_PATIENCE.toNanos();
        while (unpublished(jdbc) > 0) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the relay did not publish the outbox within " + DRAIN_PATIENCE.toMinutes() + " min");
            }
            Thread.sleep(200);
        }
        progress.interrupt();
        double seconds = (System.nanoTime() - start) / 1e9;
        long heapAfter = gp.usedHeapAfterFullGc();
        return new Figure(remaining, path, clients, seconds, heapBefore, heapAfter, outboxRows(jdbc),
                server.outboxSize(jdbc, database));
    }

    /** A line a minute, for a run that can take an hour: how far, how fast, how long still. */
    private static Thread progress(JdbcClient jdbc, long total, long start, PrintStream out) {
        long first = outboxRows(jdbc);
        Thread thread = new Thread(() -> {
            try {
                while (true) {
                    Thread.sleep(60_000);
                    // the highest sequence number, not count(*): read from the index, cheap on a big table
                    long done = jdbc.sql("select coalesce(max(source_sequence), 0) from outbox_entry").query(Long.class).single();
                    double rate = (done - first) / ((System.nanoTime() - start) / 1e9);
                    out.printf("    %,d of %,d changes, %,.0f/s, about %.0f min to go%n", done, total, rate,
                            rate > 0 ? (total - done) / rate / 60 : Double.NaN);
                }
            } catch (InterruptedException | RuntimeException stop) {
                // interrupted when done; a failed query only ends the progress lines
            }
        }, "benchmark-progress");
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    /** The relay's backlog, as {@code OutboxRepository.countUnpublished} counts it. */
    static long unpublished(JdbcClient jdbc) {
        return jdbc.sql("select count(*) from outbox_entry where published_at is null").query(Long.class).single();
    }

    private static long outboxRows(JdbcClient jdbc) {
        return jdbc.sql("select count(*) from outbox_entry").query(Long.class).single();
    }

    /** System.gc() is a full, stop-the-world collection with G1 unless the JVM was told otherwise; twice for finalisers. */
    static long usedHeapAfterFullGc() {
        System.gc();
        System.gc();
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }
}

package nl.bronsein.benchmark;

import java.time.Duration;
import java.util.Optional;
import java.util.OptionalLong;

import javax.sql.DataSource;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

import com.zaxxer.hikari.HikariDataSource;

/**
 * A node of the run (or the peer) as the driver sees it: its database, and when it runs in a JVM of its own (the
 * default, as every deployment runs a node) that process's memory and CPU. In the one-JVM mode ({@code --one-jvm}) it
 * is a Spring application beside the driver, whose beans the in-process paths use.
 */
abstract sealed class BenchNode implements AutoCloseable permits BenchNode.InJvm, BenchNode.OwnJvm {

    /** The node's database, for the driver's queries (what was received, when a case was opened). */
    abstract JdbcClient database();

    /** From the start until it served its staff API (a node) or its port (the peer). */
    abstract double startSeconds();

    /** A bean of the node: only in the one-JVM mode. */
    abstract <T> Optional<T> bean(Class<T> type);

    /** Its process: only when it runs in a JVM of its own. */
    abstract Optional<OwnProcess> process();

    /** Resident memory of its process; empty in the one-JVM mode, where it has none of its own. */
    OptionalLong residentBytes() {
        return process().map(p -> OptionalLong.of(p.residentBytes())).orElse(OptionalLong.empty());
    }

    /** CPU time of its process so far; empty in the one-JVM mode. */
    Optional<Duration> cpuTime() {
        return process().map(OwnProcess::cpuTime);
    }

    /** Used heap after a full collection: of its own JVM, or of the one JVM the whole run shares. */
    abstract long usedHeapAfterFullGc();

    @Override
    public abstract void close();

    /** A Spring application in the driver's JVM. */
    static final class InJvm extends BenchNode {

        private final ConfigurableApplicationContext context;
        private final double startSeconds;

        InJvm(ConfigurableApplicationContext context, double startSeconds) {
            this.context = context;
            this.startSeconds = startSeconds;
        }

        @Override
        JdbcClient database() {
            return context.getBean(JdbcClient.class);
        }

        @Override
        double startSeconds() {
            return startSeconds;
        }

        @Override
        <T> Optional<T> bean(Class<T> type) {
            return Optional.of(context.getBean(type));
        }

        @Override
        Optional<OwnProcess> process() {
            return Optional.empty();
        }

        @Override
        long usedHeapAfterFullGc() {
            return MillionChanges.usedHeapAfterFullGc();
        }

        @Override
        public void close() {
            context.close();
        }
    }

    /**
     * A node in a JVM of its own; the driver reads its database through a small pool of its own (on H2 through the
     * database's automatic TCP server, which the node's process opened).
     */
    static final class OwnJvm extends BenchNode {

        private final OwnProcess process;
        private final JdbcTarget target;
        private HikariDataSource pool;

        OwnJvm(OwnProcess process, JdbcTarget target) {
            this.process = process;
            this.target = target;
        }

        @Override
        synchronized JdbcClient database() {
            if (pool == null) {
                pool = new HikariDataSource();
                pool.setJdbcUrl(target.url());
                pool.setUsername(target.user());
                pool.setPassword(target.password());
                pool.setMaximumPoolSize(2);
                pool.setMinimumIdle(0);
                pool.setPoolName("benchmark-" + process.label().replace(' ', '-'));
            }
            return JdbcClient.create((DataSource) pool);
        }

        @Override
        double startSeconds() {
            return process.startSeconds();
        }

        @Override
        <T> Optional<T> bean(Class<T> type) {
            return Optional.empty();
        }

        @Override
        Optional<OwnProcess> process() {
            return Optional.of(process);
        }

        @Override
        long usedHeapAfterFullGc() {
            return process.usedHeapAfterFullGc();
        }

        @Override
        public synchronized void close() {
            if (pool != null) {
                pool.close();
                pool = null;
            }
            process.close();
        }
    }
}

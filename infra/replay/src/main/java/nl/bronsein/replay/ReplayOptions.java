package nl.bronsein.replay;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** What the tool's command line ({@link ReplayMain}) asks for, once parsed and checked. */
final class ReplayOptions {

    static final int DEFAULT_TIMEOUT_SECONDS = 10;
    static final String EXAMPLE_INSTANT = "2026-11-23T10:00:00Z";

    private ReplayOptions() {
    }

    /** What the command line asks for. */
    sealed interface Command permits Dump, Publish, Rewind, NodeRewind, VerifyLog {
    }

    /**
     * Where Kafka is, how long to wait for it, and the TLS client settings of the tester's identity on a secured
     * broker (empty: plaintext).
     */
    record Connection(String bootstrapServers, Duration timeout, Map<String, String> tls) {

        Connection(String bootstrapServers, Duration timeout) {
            this(bootstrapServers, timeout, Map.of());
        }

        Connection {
            tls = Map.copyOf(tls);
        }
    }

    record Dump(Connection connection, List<String> topics, Long fromOffset, Long toOffset, Instant from, Instant to,
                String source, String type, String subject, Path out) implements Command {
    }

    record Publish(Connection connection, Path in, Map<String, String> sourceMap, Path participantList,
                   boolean createTopics) implements Command {
    }

    /** Exactly one of {@code to}, {@code toOffset} and {@code toBeginning} is set. */
    record Rewind(Connection connection, String group, Instant to, Long toOffset, boolean toBeginning,
                  List<String> topics) implements Command {
    }

    /** Ask a running node to rewind itself; {@code to} null means the beginning. */
    record NodeRewind(URI node, Instant to, boolean rebuild, String token, Duration timeout) implements Command {
    }

    /** {@code verify-log}: a node's database (a JDBC URL and its account) and/or an exported file. */
    record VerifyLog(String jdbcUrl, String user, String password, Path file, Long headSeq, String headHash)
            implements Command {

        @Override
        public String toString() {
            return "VerifyLog[jdbcUrl=" + jdbcUrl + ", user=" + user + ", password=" + (password == null ? null : "***")
                    + ", file=" + file + ", head=" + headSeq + ":" + headHash + "]";
        }
    }
}

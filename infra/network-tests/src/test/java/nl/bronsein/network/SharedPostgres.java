package nl.bronsein.network;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.concurrent.atomic.AtomicLong;

import org.springframework.jdbc.core.simple.JdbcClient;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * One PostgreSQL server for every network this test JVM starts, each node on a database of its own that its network
 * drops when it closes. A server per network cost an initdb and a start (1.6 s) and a stop for each of the 33 test
 * classes of the PostgreSQL run: about a minute of a suite at its 30-minute budget. Nothing is shared but the server:
 * no test sees another's tables, and none stops or cuts the server (the chaos suite, which does, has its own).
 *
 * <p>Static because the networks are made in static {@code @BeforeAll} methods and jqwik hooks alike, which share
 * nothing else; the server stops with the JVM.
 */
final class SharedPostgres {

    private static EmbeddedPostgres server;
    private static final AtomicLong databases = new AtomicLong();

    private SharedPostgres() {
    }

    /** A new, empty database on the shared server, named after the node for its log lines; its JDBC URL. */
    static synchronized String newDatabase(String node) {
        String name = node.replace('-', '_') + "_" + databases.incrementAndGet();
        JdbcClient.create(server().getPostgresDatabase()).sql("create database " + name).update();
        return server().getJdbcUrl("postgres", name);
    }

    /** Drops a database {@link #newDatabase} made, once its node is closed (a connection left over is cut). */
    static synchronized void drop(String jdbcUrl) {
        String name = jdbcUrl.substring(jdbcUrl.lastIndexOf('/') + 1).replaceAll("\\?.*", "");
        JdbcClient.create(server().getPostgresDatabase()).sql("drop database if exists " + name + " with (force)").update();
    }

    private static EmbeddedPostgres server() {
        if (server == null) {
            try {
                server = EmbeddedPostgres.builder().start();
            } catch (IOException e) {
                throw new UncheckedIOException("could not start the tests' PostgreSQL", e);
            }
            EmbeddedPostgres started = server;
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    started.close();
                } catch (IOException e) {
                    // the JVM is ending; the server's temporary directory goes with the next clean
                }
            }, "shared-postgres-stop"));
        }
        return server;
    }
}

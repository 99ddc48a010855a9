package nl.bronsein.benchmark;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;

import javax.sql.DataSource;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/** One database: how a node is told to use it, and how the benchmark reaches it with plain JDBC. */
record JdbcTarget(String url, String user, String password) {

    Connection connect() throws SQLException {
        return DriverManager.getConnection(url, user, password);
    }

    DataSource dataSource() {
        return new DriverManagerDataSource(url, user, password);
    }

    JdbcClient jdbc() {
        return JdbcClient.create(dataSource());
    }

    /**
     * The same database, reachable from another process while a node's process holds it: an H2 file is opened by one
     * process only, so the node's URL asks H2 to serve it over TCP to the driver too ({@code AUTO_SERVER}; the node's
     * own connections stay embedded). H2 refuses that together with {@code DB_CLOSE_ON_EXIT=FALSE} ("Feature not
     * supported"), which the node's own URL form has, so that flag goes. A PostgreSQL server serves every process
     * already.
     */
    JdbcTarget sharedWithOtherProcesses() {
        return url.startsWith("jdbc:h2:file:") && !url.contains("AUTO_SERVER")
                ? new JdbcTarget(url.replace(";DB_CLOSE_ON_EXIT=FALSE", "") + ";AUTO_SERVER=TRUE", user, password)
                : this;
    }
}

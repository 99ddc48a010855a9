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
}

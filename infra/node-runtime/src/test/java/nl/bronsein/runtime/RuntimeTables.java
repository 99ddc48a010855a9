package nl.bronsein.runtime;

import java.util.UUID;

import javax.sql.DataSource;

import org.flywaydb.core.Flyway;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/** The runtime's own tables for a test without a node: migrated as a node migrates them, with their own history. */
public final class RuntimeTables {

    private RuntimeTables() {
    }

    public static void migrate(DataSource database) {
        Flyway.configure().dataSource(database).locations(RuntimeSchemaMigration.RUNTIME_LOCATION)
                .table(RuntimeSchemaMigration.RUNTIME_HISTORY).load().migrate();
    }

    /** A fresh in-memory H2 database with the runtime's tables, named after the test for its log lines. */
    public static JdbcClient inMemoryH2(String test) {
        return JdbcClient.create(inMemoryH2Database(test));
    }

    /** As {@link #inMemoryH2}, for a test that also runs transactions on it. */
    public static DataSource inMemoryH2Database(String test) {
        DriverManagerDataSource database = new DriverManagerDataSource(
                "jdbc:h2:mem:" + test + "-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "sa", "");
        migrate(database);
        return database;
    }
}

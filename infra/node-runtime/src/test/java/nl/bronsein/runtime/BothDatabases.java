package nl.bronsein.runtime;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.stream.Stream;

import javax.sql.DataSource;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The runtime's tables on both databases a node runs on, for a parameterised test: a fresh in-memory H2 and an
 * embedded PostgreSQL started once for the test class ({@code @RegisterExtension static final BothDatabases}).
 */
public final class BothDatabases implements BeforeAllCallback, AfterAllCallback {

    private EmbeddedPostgres postgres;

    @Override
    public void beforeAll(ExtensionContext context) {
        try {
            postgres = EmbeddedPostgres.builder().start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void afterAll(ExtensionContext context) throws IOException {
        postgres.close();
    }

    /** H2 and PostgreSQL, migrated, with the PostgreSQL tables named emptied of an earlier test's rows. */
    public Stream<JdbcClient> databases(String test, String... emptied) {
        return dataSources(test, emptied).map(JdbcClient::create);
    }

    /** As {@link #databases}, for a test that also runs transactions on them. */
    public Stream<DataSource> dataSources(String test, String... emptied) {
        DataSource postgresDatabase = postgres.getPostgresDatabase();
        RuntimeTables.migrate(postgresDatabase);
        JdbcClient pg = JdbcClient.create(postgresDatabase);
        for (String table : emptied) {
            pg.sql("delete from " + table).update();
        }
        return Stream.of(RuntimeTables.inMemoryH2Database(test), postgresDatabase);
    }
}

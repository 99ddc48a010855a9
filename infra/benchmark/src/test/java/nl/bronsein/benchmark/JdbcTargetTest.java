package nl.bronsein.benchmark;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A node's database as the driver reaches it beside the node's own process. */
class JdbcTargetTest {

    @Test
    void anH2FileIsServedToOtherProcessesAndAPostgreSqlUrlStaysAsItIs(@TempDir Path dir) throws Exception {
        JdbcTarget node = new JdbcTarget("jdbc:h2:file:" + dir.resolve("registration")
                + ";DB_CLOSE_ON_EXIT=FALSE;WRITE_DELAY=0", "bronsein", "");
        JdbcTarget shared = node.sharedWithOtherProcesses();
        // H2 refuses AUTO_SERVER beside DB_CLOSE_ON_EXIT=FALSE ("Feature not supported"): the first benchmark run in
        // processes failed to start its GP node so
        assertThat(shared.url()).endsWith(";WRITE_DELAY=0;AUTO_SERVER=TRUE").doesNotContain("DB_CLOSE_ON_EXIT");
        assertThat(shared.sharedWithOtherProcesses()).isEqualTo(shared);
        try (Connection first = shared.connect(); Connection second = shared.connect()) {
            first.createStatement().execute("create table t (id int)");
            assertThat(second.createStatement().executeQuery("select count(*) from t").next()).isTrue();
        }
        JdbcTarget postgres = new JdbcTarget("jdbc:postgresql://localhost:5432/gp", "postgres", "");
        assertThat(postgres.sharedWithOtherProcesses()).isSameAs(postgres);
    }
}

package nl.bronsein.runtime;

import org.flywaydb.core.Flyway;
import org.springframework.boot.flyway.autoconfigure.FlywayMigrationStrategy;

/**
 * Migrates the runtime's tables ({@code classpath:db/runtime}) and then the node's own ({@code spring.flyway.locations},
 * each node its own, e.g. {@code classpath:db/gp}), each with its own history table, so the runtime and a node can each
 * release migrations without numbering against the other. Both start from an empty baseline (version 0), which is
 * what lets either find the other's tables already there.
 */
public class RuntimeSchemaMigration implements FlywayMigrationStrategy {

    static final String RUNTIME_LOCATION = "classpath:db/runtime";
    static final String RUNTIME_HISTORY = "bronsein_runtime_history";

    @Override
    public void migrate(Flyway node) {
        Flyway.configure().configuration(node.getConfiguration())
                .locations(RUNTIME_LOCATION)
                .table(RUNTIME_HISTORY)
                .baselineOnMigrate(true).baselineVersion("0")
                .load().migrate();
        Flyway.configure().configuration(node.getConfiguration())
                .baselineOnMigrate(true).baselineVersion("0")
                .load().migrate();
    }
}

package nl.bronsein.benchmark;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** The two databases a node runs on, each measured in the same run. */
enum DatabaseKind {

    H2("h2", "H2"),
    POSTGRES("postgres", "PostgreSQL");

    final String option;
    final String label;

    DatabaseKind(String option, String label) {
        this.option = option;
        this.label = label;
    }

    static Optional<DatabaseKind> fromOption(String option) {
        String lower = option.strip().toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(k -> k.option.equals(lower) || (k == POSTGRES && lower.equals("postgresql")))
                .findFirst();
    }
}

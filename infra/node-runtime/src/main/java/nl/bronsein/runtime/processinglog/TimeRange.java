package nl.bronsein.runtime.processinglog;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import nl.bronsein.runtime.domain.FieldProblem;

/** The moments a search or an export may name, and that {@code from} comes before {@code to}. */
final class TimeRange {

    // An Instant reaches a billion years either way; PostgreSQL's timestamp does not (as NotificationHistoryController
    // learned from a 500), and no record is older than the epoch
    static final Instant EARLIEST = Instant.parse("1970-01-01T00:00:00Z");
    static final Instant LATEST = Instant.parse("9999-12-31T23:59:59Z");

    private TimeRange() {
    }

    static List<FieldProblem> problems(Instant from, Instant to) {
        List<FieldProblem> problems = new ArrayList<>();
        boolean fromValid = within(from, "from", problems);
        boolean toValid = within(to, "to", problems);
        if (fromValid && toValid && from != null && to != null && !from.isBefore(to)) {
            problems.add(new FieldProblem("to", "must be after from"));
        }
        return problems;
    }

    private static boolean within(Instant moment, String field, List<FieldProblem> problems) {
        if (moment != null && (moment.isBefore(EARLIEST) || moment.isAfter(LATEST))) {
            problems.add(new FieldProblem(field, "must be a moment between " + EARLIEST + " and " + LATEST));
            return false;
        }
        return true;
    }
}

package nl.bronsein.benchmark;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;

/** The table at the end: one row per figure, a column per database, the target and whether every database met it. */
final class Report {

    /** @param part the part that takes the figure: a part not run has no row */
    private record Row(Part part, String figure, Function<DatabaseRun.Figures, String> value, String target,
                       Predicate<DatabaseRun.Figures> met) {

        static Row info(Part part, String figure, Function<DatabaseRun.Figures, String> value) {
            return new Row(part, figure, value, "", null);
        }
    }

    private static final long MIB_400 = 400L * 1024 * 1024;

    private static final List<Row> ROWS = List.of(
            Row.info(Part.THROUGHPUT, "changes/s sustained, API → outbox → secured Kafka",
                    f -> String.format("%,.0f (%d clients)", f.throughput().sustainedPerSecond(), f.throughput().clients())),
            Row.info(Part.PLAIN_JDBC, "changes/s plain JDBC, the change's statements + commit",
                    f -> String.format("%,.0f", f.rawPerSecond())),
            // H2 flushes no commit, so there the ratio is the cost of an HTTP call against an insert in memory: shown,
            // not judged (issue 21)
            new Row(Part.PLAIN_JDBC, "throughput ratio, sustained / plain JDBC", f -> String.format("%.2f", f.ratio()),
                    "≥ 0.8 on PostgreSQL", f -> f.kind() != DatabaseKind.POSTGRES || f.ratio() >= 0.8),
            new Row(Part.LATENCY, "commit → consumer p50 / p99 / max, at half rate",
                    f -> String.format("%.1f / %.1f / %.0f ms at %,.0f/s", f.latency().latency().p50Millis(),
                            f.latency().latency().p99Millis(), f.latency().latency().maxMillis(), f.latency().rate()),
                    "p99 ≤ 50 ms", f -> f.latency().latency().p99Millis() <= 50),
            new Row(Part.CASE_OPENED, "GP commit → case opened p50 / p99 / max, at half rate",
                    f -> String.format("%.1f / %.1f / %.0f ms at %,.0f/s", f.caseOpened().latency().p50Millis(),
                            f.caseOpened().latency().p99Millis(), f.caseOpened().latency().maxMillis(),
                            f.caseOpened().rate()),
                    "p99 ≤ 150 ms", f -> f.caseOpened().latency().p99Millis() <= 150),
            new Row(Part.CATCH_UP, "catch-up: notifications handled/s (pull + case); taken in/s; until current",
                    f -> String.format("%,.0f/s; %,.0f/s; %.0f s for %,d", f.catchUp().handledPerSecond(),
                            f.catchUp().takenPerSecond(), f.catchUp().currentSeconds(), f.catchUp().backlog()),
                    "≥ 5,000/s", f -> f.catchUp().handledPerSecond() >= 5_000),
            new Row(Part.CATCH_UP, "node start (municipality, until its staff API answers)",
                    f -> String.format("%.1f s%s", f.catchUp().startSeconds(), f.gp().ownProcess() ? ""
                            : " (in the benchmark's JVM)"), "≤ 10 s",
                    f -> f.catchUp().startSeconds() <= 10),
            new Row(Part.CATCH_UP, "municipality node resident: ready; catching up (peak)",
                    f -> f.gp().ownProcess() ? mebibytes(f.catchUp().residentIdle()) + "; "
                            + mebibytes(f.catchUp().residentPeak()) : "one JVM: none of its own",
                    "≤ 400 MiB under load", f -> f.gp().ownProcess() && f.catchUp().residentPeak() <= MIB_400),
            new Row(Part.THROUGHPUT, "GP node: start; resident at start; peak under load",
                    f -> f.gp().ownProcess() ? String.format("%.1f s; %s; %s", f.gp().startSeconds(),
                            mebibytes(f.gp().residentIdle()), mebibytes(f.gp().residentPeak()))
                            : String.format("%.1f s; one JVM: no memory of its own", f.gp().startSeconds()),
                    "≤ 10 s; ≤ 400 MiB under load", f -> f.gp().ownProcess() && f.gp().startSeconds() <= 10
                            && f.gp().residentPeak() <= MIB_400),
            Row.info(Part.OTHERS_TRAFFIC, "municipality CPU: no traffic; others' referrals at full rate",
                    f -> f.othersTraffic() == null ? "(processes only)" : String.format(
                            "%.1f%%; %.1f%% of a core at %,.0f/s", f.othersTraffic().quietShare() * 100,
                            f.othersTraffic().busyShare() * 100, f.othersTraffic().othersPerSecond())),
            Row.info(Part.PLAINTEXT, "plaintext broker: changes/s sustained; secured/plaintext",
                    f -> String.format("%,.0f; %.2f", f.plaintext().throughput().sustainedPerSecond(),
                            f.throughput().sustainedPerSecond() / f.plaintext().throughput().sustainedPerSecond())),
            Row.info(Part.PLAINTEXT, "plaintext broker: commit → consumer p50 / p99; secured/plaintext p99",
                    f -> String.format("%.1f / %.1f ms; %.2f", f.plaintext().latency().latency().p50Millis(),
                            f.plaintext().latency().latency().p99Millis(), f.latency().latency().p99Millis()
                                    / f.plaintext().latency().latency().p99Millis())),
            new Row(Part.PEER, "Spring Modulith peer: changes/s sustained; Bronsein ÷ peer",
                    f -> String.format("%,.0f (%d clients); %s", f.peer().throughput().sustainedPerSecond(),
                            f.peer().throughput().clients(), f.throughput() == null ? "Bronsein not measured"
                                    : String.format("%.2f", f.peer().ratio(f.throughput()))),
                    "ratio ≥ 2", f -> f.peer().ratio(f.throughput()) >= 2),
            new Row(Part.PEER, "commit → plain consumer p50 / p99: peer; Bronsein",
                    f -> String.format("%.1f / %.1f ms at %,.0f/s; %s", f.peer().latency().latency().p50Millis(),
                            f.peer().latency().latency().p99Millis(), f.peer().latency().rate(),
                            f.latency() == null ? "Bronsein not measured" : String.format("%.1f / %.1f ms at %,.0f/s",
                                    f.latency().legs().readable().p50Millis(), f.latency().legs().readable().p99Millis(),
                                    f.latency().rate())),
                    "Bronsein's p99 no worse", f -> f.latency() != null
                            && f.latency().legs().readable().p99Millis() <= f.peer().latency().latency().p99Millis()),
            Row.info(Part.LATENCY, "disk fdatasync p50 / p99 / max, meanwhile",
                    f -> String.format("%.1f / %.1f / %.0f ms", f.diskSync().p50Millis(), f.diskSync().p99Millis(),
                            f.diskSync().maxMillis())),
            new Row(Part.PULLS, "mutual-TLS pulls/s, p99, under load",
                    f -> String.format("%,.0f/s, %.2f ms (%d clients)", f.pulls().pulls().perSecond(),
                            f.pulls().pulls().latency().p99Millis(), f.pulls().pulls().clients()),
                    "p99 ≤ 10 ms", f -> f.pulls().pulls().latency().p99Millis() <= 10),
            new Row(Part.PULLS, "mutual-TLS pull p50 / p99, one client alone",
                    f -> String.format("%.2f / %.2f ms", f.pulls().alone().latency().p50Millis(),
                            f.pulls().alone().latency().p99Millis()),
                    "p99 ≤ 10 ms", f -> f.pulls().alone().latency().p99Millis() <= 10),
            Row.info(Part.PULLS, "plain loopback GET/s, p99 (same size, client)",
                    f -> String.format("%,.0f/s, %.2f ms", f.pulls().plain().perSecond(), f.pulls().plain().latency().p99Millis())),
            Row.info(Part.MILLION, "heap after full GC, before → after the changes",
                    f -> mebibytes(f.million().heapBefore()) + " → " + mebibytes(f.million().heapAfter())),
            Row.info(Part.MILLION, "outbox table after the changes",
                    f -> String.format("%s, %,d rows", mebibytes(f.million().outbox().bytes()), f.million().outboxRows())),
            Row.info(Part.MILLION, "path of the changes for heap/outbox", f -> f.million().path() == MillionChanges.Path.API
                    ? "staff API" : "service in-process"),
            new Row(Part.PROCESSING_LOG, "processing log: one citizen's accesses, cold; p50 / max",
                    f -> f.processingLog() == null ? "(PostgreSQL only)" : String.format("%.1f ms; %.1f / %.1f ms over %,d rows",
                            f.processingLog().citizen().coldMillis(), f.processingLog().citizen().runs().p50Millis(),
                            Math.max(f.processingLog().citizen().runs().maxMillis(),
                                    f.processingLog().otherCitizens().maxMillis()), f.processingLog().rows()),
                    "< 2 s", f -> f.processingLog() == null || f.processingLog().targetMet()),
            Row.info(Part.PROCESSING_LOG, "processing log: a party's month, a page, cold; p50",
                    f -> f.processingLog() == null ? "" : String.format("%.1f ms; %.1f ms (busy), %.1f ms; %.1f ms (rare)",
                            f.processingLog().busyParty().coldMillis(), f.processingLog().busyParty().runs().p50Millis(),
                            f.processingLog().rareParty().coldMillis(), f.processingLog().rareParty().runs().p50Millis())));

    private Report() {
    }

    static String mebibytes(long bytes) {
        return String.format("%,.1f MiB", bytes / (1024.0 * 1024.0));
    }

    /** @param results per database in run order; a database whose run failed maps to null */
    static void print(Map<DatabaseKind, DatabaseRun.Figures> results, Set<Part> parts, PrintStream out) {
        List<DatabaseKind> kinds = new ArrayList<>(results.keySet());
        List<String[]> lines = new ArrayList<>();
        List<String> header = new ArrayList<>(List.of("figure"));
        kinds.forEach(k -> header.add(k.label));
        header.add("target");
        header.add("met?");
        lines.add(header.toArray(String[]::new));
        for (Row row : ROWS.stream().filter(r -> parts.contains(r.part())).toList()) {
            List<String> line = new ArrayList<>(List.of(row.figure()));
            for (DatabaseKind kind : kinds) {
                DatabaseRun.Figures figures = results.get(kind);
                line.add(figures == null ? "failed" : row.value().apply(figures));
            }
            line.add(row.target());
            line.add(met(row, kinds, results));
            lines.add(line.toArray(String[]::new));
        }
        int[] widths = new int[header.size()];
        for (String[] line : lines) {
            for (int i = 0; i < line.length; i++) {
                widths[i] = Math.max(widths[i], line[i].length());
            }
        }
        for (int n = 0; n < lines.size(); n++) {
            StringBuilder text = new StringBuilder();
            for (int i = 0; i < widths.length; i++) {
                text.append(i == 0 ? "" : " | ").append(String.format("%-" + widths[i] + "s", lines.get(n)[i]));
            }
            out.println(text.toString().stripTrailing());
            if (n == 0) {
                out.println("-".repeat(text.length()));
            }
        }
    }

    /** The provisioned broker at two sizes and the real network's size, extrapolated linearly from them. */
    static void print(ProvisionedScale.Result scale, PrintStream out) {
        out.println("provisioned secured broker | participants | provisioning | topics | partitions | ACLs | start-up | resident");
        for (ProvisionedScale.Figure f : List.of(scale.small(), scale.large(), scale.extrapolated())) {
            boolean extrapolated = f == scale.extrapolated();
            out.printf("%-26s | %,12d | %10.1f s | %,6d | %,10d | %,7d | %6.1f s | %s%n",
                    extrapolated ? "extrapolated (linear)" : "measured", f.participants(), f.provisionMillis() / 1000.0,
                    f.topics(), f.partitions(), f.acls(), f.startUpMillis() / 1000.0, mebibytes(f.residentBytes()));
        }
        out.printf("(the real network: 342 municipalities, 5,000 GP practices, 10,000 providers; this machine measured %,d and "
                + "%,d in those proportions; topics and ACLs grow exactly linearly per participant and role, start-up time "
                + "and memory are a straight line through two points)%n", scale.small().participants(),
                scale.large().participants());
    }

    private static String met(Row row, List<DatabaseKind> kinds, Map<DatabaseKind, DatabaseRun.Figures> results) {
        if (row.met() == null) {
            return "";
        }
        List<String> missed = kinds.stream()
                .filter(k -> results.get(k) == null || !row.met().test(results.get(k)))
                .map(k -> k.label).toList();
        return missed.isEmpty() ? "yes" : "no (" + String.join(", ", missed) + ")";
    }
}

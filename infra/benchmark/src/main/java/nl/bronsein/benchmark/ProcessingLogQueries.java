package nl.bronsein.benchmark;

import java.io.PrintStream;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongFunction;
import java.util.function.Supplier;

import org.flywaydb.core.Flyway;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

import nl.bronsein.runtime.RuntimeSchemaMigration;
import nl.bronsein.runtime.audit.AuditTrail;

/**
 * The processing log's queries over many rows (issue 19: "a query of one citizen's records over 10 million rows
 * answers in under 2 s on PostgreSQL"). A database migrated by the node's own migrations gets {@code rows} records in
 * the mix a node writes — changes, pulls answered and refused, staff reads, requests and handshakes that concern no
 * one citizen — for many citizens (each under this node's pseudonym, 64 hex characters, about 50 records each) and a
 * few hundred parties, spread over a year. They are made on the server ({@code insert … select … from
 * generate_series}), a million to a statement, and the table's indexes made again after them, as a bulk load does.
 * Then {@code analyze}, and the queries are timed: a citizen's accesses as the citizen's access report asks for them
 * ({@link AuditTrail#accessesAbout}), and a page of one party's records in a month, as a privacy officer reads them,
 * for a busy party and for a rare one.
 */
final class ProcessingLogQueries {

    /** The target for one citizen's records. */
    static final Duration TARGET = Duration.ofSeconds(2);

    /** How many records a citizen has, on average. */
    static final int RECORDS_PER_CITIZEN = 50;

    /** Parties calling this node; the first ones call far more often than the last (a few big municipalities). */
    static final int PARTIES = 300;

    /** Rows of a privacy officer's page. */
    static final int PAGE = 50;

    private static final int BATCH = 1_000_000;
    private static final Instant YEAR_START = Instant.parse("2026-01-01T00:00:00Z");
    private static final Duration YEAR = Duration.ofDays(365);

    /**
     * One query's timings: the first run (cold: its pages were not read since the fill) and the repeated runs after it.
     *
     * @param answered rows the query returned
     */
    record Timing(String query, int answered, double coldMillis, Percentiles runs) {

        boolean withinTarget() {
            return Math.max(coldMillis, runs.maxMillis()) < TARGET.toMillis();
        }
    }

    /**
     * @param citizenRecords  all records of the measured citizen (its accesses are a part of them)
     * @param otherCitizens   {@link AuditTrail#accessesAbout} for as many other citizens, each asked once (cold)
     * @param withoutIndex    the rare party's page again without the index on (caller, recorded_at), or null
     */
    record Figure(long rows, double fillSeconds, long tableBytes, long totalBytes, int citizens, long citizenRecords,
                  Timing citizen, Percentiles otherCitizens, Timing busyParty, Timing rareParty, Timing withoutIndex) {

        boolean targetMet() {
            return citizen.withinTarget() && otherCitizens.maxMillis() < TARGET.toMillis();
        }
    }

    private ProcessingLogQueries() {
    }

    /** How many citizens the rows are about: about 86 in 100 records name one (see {@link #FILL}). */
    static int citizens(long rows) {
        return (int) Math.max(1, rows * 86 / 100 / RECORDS_PER_CITIZEN);
    }

    /** A synthetic BSN for citizen {@code n}: nine digits, never printed, only pseudonymised. */
    static String bsn(int n) {
        return String.format("%09d", 100_000_000 + n);
    }

    /**
     * The rows {@code from}..{@code to} (1-based): {@code g % 100} chooses what was processed — 35 changes, 32 pulls
     * answered and 3 refused, 15 staff reads, a citizen-insight pull, 10 requests for notification history, 3 refused
     * handshakes, a read of the log — and a multiplicative hash of {@code g} chooses the party (skewed: the cube of a
     * uniform number), the object and the trace; a hash of its own (md5) chooses the citizen, so that a citizen's records
     * are of every kind and spread over the whole year. (Found by the first 10-million run: the citizen chosen as
     * {@code g * 7919 % citizens} fixed {@code g % 100} whenever 100 divides the number of citizens, 172,000 — every
     * record of a citizen was of one kind, and the citizen measured had 58 changes and no access.)
     */
    static final String FILL = """
            insert into audit_record (recorded_at, caller, object_type, object_id, purpose, outcome, reason, status,
                trace_id, span_id, parent_span_id, name, started_at, status_code, activity, subject, subject_type)
            select r.at,
                case when r.kind < 35 or (r.kind between 70 and 84) or r.kind = 98
                     then 'staff:medewerker-' || (r.h % 40)
                     else 'urn:nld:oin:' || lpad(r.party::text, 20, '0') end,
                case when r.kind < 70 or (r.kind between 70 and 84)
                     then (array['referral', 'case', 'assignment', 'assignment-request', 'question'])[1 + r.h % 5]
                     when r.kind between 85 and 94 then 'notification-history' end,
                case when r.kind < 85 then md5('object' || (r.h % 2000000)) end,
                case when r.kind between 35 and 69 then (array['intake', 'care', 'assessment'])[1 + r.h % 3]
                     when r.kind between 70 and 84 then 'staff:GP_ASSISTANT'
                     when r.kind = 99 then 'citizen-insight' end,
                case when r.kind between 67 and 69
                     then (array['NOT_INVOLVED', 'NO_CONSENT', 'PURPOSE_NOT_ALLOWED'])[r.kind - 66]
                     when r.kind between 95 and 97 then 'UNTRUSTED_CERTIFICATE' else 'ALLOWED' end,
                case when r.kind < 35 then 'version ' || (1 + r.h % 4) || ' UPDATED' end,
                case when r.kind between 35 and 66 or r.kind = 99 or r.kind between 85 and 94 then 200
                     when r.kind between 67 and 69 then 404 end,
                md5('trace' || r.g), substr(md5('span' || r.g), 1, 16),
                case when r.kind between 35 and 69 then substr(md5('parent' || r.g), 1, 16) end,
                case when r.kind < 35 then 'change' when r.kind < 70 then 'pull' when r.kind < 85 then 'staff-read'
                     when r.kind < 95 then 'notification-history' when r.kind < 98 then 'tls-handshake'
                     when r.kind = 98 then 'processing-log-read' else 'citizen-insight' end,
                r.at - interval '3 milliseconds',
                case when r.kind between 95 and 97 or r.kind between 67 and 69 then 'UNSET' else 'OK' end,
                'urn:bronsein:processing-activity:' || case when r.kind < 35 then 'change' when r.kind < 70 then 'pull'
                     when r.kind < 85 then 'staff-read' else 'other' end,
                s.pseudonym,
                case when s.pseudonym is not null then 'BSN' end
            from (select g, g % 100 as kind, (g * 2654435761) % 4294967296 as h,
                         1 + floor(:parties * power(((g * 40503) % 65536) / 65536.0, 3))::int as party,
                         cast(:start as timestamp with time zone) + g * :stepMicros * interval '1 microsecond' as at
                  from generate_series(cast(:from as bigint), cast(:to as bigint)) g) r
            left join bench_citizen s
                on (r.kind < 85 or r.kind = 99)
                and s.n = abs(('x' || substr(md5('subject' || r.g), 1, 8))::bit(32)::int) % :citizens""";

    /** A privacy officer's page: one party's records in a time range, in time order. */
    static final String PARTY_PAGE = """
            select * from audit_record where caller = :party and recorded_at >= :from and recorded_at < :to
            order by recorded_at, id fetch first %d rows only""".formatted(PAGE);

    static Figure measure(JdbcTarget database, long rows, int runs, PrintStream out) {
        prepare(database);
        // one connection for every statement, as a node's pool would lend: a new connection per query would time
        // PostgreSQL's connection start-up, not the query
        SingleConnectionDataSource connection = new SingleConnectionDataSource(database.url(), database.user(),
                database.password(), true);
        try {
            return measure(database, JdbcClient.create(connection), rows, runs, out);
        } finally {
            connection.destroy();
        }
    }

    private static Figure measure(JdbcTarget database, JdbcClient jdbc, long rows, int runs, PrintStream out) {
        AuditTrail trail = AuditTrail.withoutTracing(jdbc, Clock.systemUTC());
        int citizens = citizens(rows);
        citizensTable(database, trail, citizens);
        long start = System.nanoTime();
        List<String> indexes = secondaryIndexes(jdbc);
        indexes.forEach(definition -> jdbc.sql("drop index " + indexName(definition)).update());
        for (long from = 1; from <= rows; from += BATCH) {
            long to = Math.min(rows, from + BATCH - 1);
            fill(jdbc, from, to, rows, citizens);
            out.printf("    processing log: %,d of %,d rows (%.0f s)%n", to, rows, (System.nanoTime() - start) / 1e9);
            out.flush();
        }
        jdbc.sql("set maintenance_work_mem = '256MB'").update();
        indexes.forEach(definition -> jdbc.sql(definition).update());
        out.printf("    processing log: its %d indexes made again (%.0f s)%n", indexes.size(),
                (System.nanoTime() - start) / 1e9);
        jdbc.sql("analyze audit_record").update();
        double fillSeconds = (System.nanoTime() - start) / 1e9;
        jdbc.sql("drop table bench_citizen").update();

        int citizen = citizens / 2;
        long citizenRecords = jdbc.sql("select count(*) from audit_record where subject = :subject")
                .param("subject", trail.subjectOf(bsn(citizen))).query(Long.class).single();
        Timing accesses = time("AuditTrail.accessesAbout(bsn)", runs,
                () -> trail.accessesAbout(bsn(citizen)).size());
        long[] others = new long[runs];
        for (int i = 0; i < runs; i++) {
            String other = bsn((int) ((citizen + 1 + (long) i * (citizens / Math.max(1, runs + 1))) % citizens));
            long began = System.nanoTime();
            trail.accessesAbout(other);
            others[i] = System.nanoTime() - began;
        }

        Instant monthFrom = YEAR_START.plus(Duration.ofDays(180));
        Instant monthTo = monthFrom.plus(Duration.ofDays(30));
        LongFunction<Supplier<Integer>> page = party -> () -> jdbc.sql(PARTY_PAGE)
                .param("party", party(party)).param("from", Timestamp.from(monthFrom))
                .param("to", Timestamp.from(monthTo)).query((rs, n) -> n).list().size();
        Timing busy = time("a page of the busiest party's month", runs, page.apply(1));
        Timing rare = time("a page of a rare party's month", runs, page.apply(PARTIES));
        Timing withoutIndex = withoutPartyIndex(database, runs);
        long[] sizes = jdbc.sql("select pg_relation_size('audit_record'), pg_total_relation_size('audit_record')")
                .query((rs, n) -> new long[] {rs.getLong(1), rs.getLong(2)}).single();
        return new Figure(rows, fillSeconds, sizes[0], sizes[1], citizens, citizenRecords, accesses,
                Percentiles.of(others), busy, rare, withoutIndex);
    }

    /**
     * The indexes the migrations made on audit_record, but its primary key, as {@code create index} statements. A
     * bulk load drops them and makes them again after: kept during the fill, every row would update each of them in
     * random places (pseudonyms and trace ids are random), and 10 million rows would take most of an hour on the
     * shared 2-core machine instead of minutes. A node's log grows a record at a time, with its indexes kept.
     */
    private static List<String> secondaryIndexes(JdbcClient jdbc) {
        return jdbc.sql("select indexdef from pg_indexes where tablename = 'audit_record' "
                        + "and indexname <> 'audit_record_pkey' order by indexname")
                .query(String.class).list();
    }

    private static String indexName(String definition) {
        // CREATE [UNIQUE] INDEX name ON public.audit_record USING btree (...)
        String afterIndex = definition.substring(definition.indexOf(" INDEX ") + " INDEX ".length());
        return afterIndex.substring(0, afterIndex.indexOf(' '));
    }

    /** The node's schema: the runtime's migrations and the GP's, as the node runs them. */
    private static void prepare(JdbcTarget database) {
        new RuntimeSchemaMigration().migrate(Flyway.configure()
                .dataSource(database.url(), database.user(), database.password())
                .locations("classpath:db/gp").load());
    }

    /** This node's pseudonym of each synthetic citizen, made by the node's own {@link AuditTrail}. */
    private static void citizensTable(JdbcTarget database, AuditTrail trail, int citizens) {
        try (Connection c = database.connect()) {
            c.createStatement().execute("create table bench_citizen (n integer primary key, pseudonym varchar(64))");
            c.setAutoCommit(false);
            try (PreparedStatement insert = c.prepareStatement("insert into bench_citizen values (?, ?)")) {
                for (int n = 0; n < citizens; n++) {
                    insert.setInt(1, n);
                    insert.setString(2, trail.subjectOf(bsn(n)));
                    insert.addBatch();
                    if (n % 10_000 == 9_999) {
                        insert.executeBatch();
                    }
                }
                insert.executeBatch();
            }
            c.commit();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot make the citizens' pseudonyms", e);
        }
    }

    private static void fill(JdbcClient jdbc, long from, long to, long rows, int citizens) {
        jdbc.sql(FILL).param("parties", PARTIES).param("start", Timestamp.from(YEAR_START))
                .param("stepMicros", YEAR.toNanos() / 1000 / rows).param("from", from).param("to", to)
                .param("citizens", citizens).update();
    }

    /** Party {@code n}'s identifier as the fill writes it (1 = the busiest). */
    static String party(long n) {
        return "urn:nld:oin:" + String.format("%020d", n);
    }

    /**
     * The same page without the index V17 adds, in a transaction that is rolled back (PostgreSQL's DDL is
     * transactional): what the page cost before it, for another rare party whose rows were not read yet.
     */
    private static Timing withoutPartyIndex(JdbcTarget database, int runs) {
        try (Connection c = database.connect()) {
            boolean indexed = false;
            try (var rs = c.createStatement().executeQuery(
                    "select 1 from pg_indexes where tablename = 'audit_record' and indexname = 'audit_record_caller'")) {
                indexed = rs.next();
            }
            if (!indexed) {
                return null;
            }
            c.setAutoCommit(false);
            c.createStatement().execute("drop index audit_record_caller");
            Instant monthFrom = YEAR_START.plus(Duration.ofDays(180));
            try (PreparedStatement page = c.prepareStatement(PARTY_PAGE.replace(":party", "?").replace(":from", "?")
                    .replace(":to", "?"))) {
                page.setString(1, party(PARTIES - 1));
                page.setTimestamp(2, Timestamp.from(monthFrom));
                page.setTimestamp(3, Timestamp.from(monthFrom.plus(Duration.ofDays(30))));
                return time("the rare party's page without audit_record_caller", runs, () -> {
                    try (var rs = page.executeQuery()) {
                        int n = 0;
                        while (rs.next()) {
                            n++;
                        }
                        return n;
                    } catch (SQLException e) {
                        throw new IllegalStateException(e);
                    }
                });
            } finally {
                c.rollback();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot time the page without its index", e);
        }
    }

    /** The first run apart (cold), then {@code runs} more. */
    private static Timing time(String query, int runs, Supplier<Integer> run) {
        long began = System.nanoTime();
        int answered = run.get();
        double cold = (System.nanoTime() - began) / 1e6;
        long[] nanos = new long[runs];
        for (int i = 0; i < runs; i++) {
            long t = System.nanoTime();
            run.get();
            nanos[i] = System.nanoTime() - t;
        }
        return new Timing(query, answered, cold, Percentiles.of(nanos));
    }

    /** The lines a run prints. */
    static List<String> describe(Figure f) {
        List<String> lines = new ArrayList<>();
        lines.add(String.format("processing log: %,d rows made in %.0f s (%,.0f rows/s), analyzed; audit_record %s, "
                        + "with its indexes %s; %,d citizens, %d parties", f.rows(), f.fillSeconds(),
                f.rows() / f.fillSeconds(), Report.mebibytes(f.tableBytes()), Report.mebibytes(f.totalBytes()),
                f.citizens(), PARTIES));
        lines.add(String.format("  the citizen measured has %d records; %s", f.citizenRecords(), line(f.citizen())));
        lines.add(String.format("  the same for %d other citizens, each asked once: p50 %.2f ms, max %.2f ms",
                f.otherCitizens().count(), f.otherCitizens().p50Millis(), f.otherCitizens().maxMillis()));
        lines.add("  " + line(f.busyParty()));
        lines.add("  " + line(f.rareParty()));
        if (f.withoutIndex() != null) {
            lines.add("  " + line(f.withoutIndex()));
        }
        lines.add(String.format("  target: one citizen's records in < %d s: %s", TARGET.toSeconds(),
                f.targetMet() ? "met" : "not met"));
        return lines;
    }

    private static String line(Timing t) {
        return String.format("%s: %d rows; cold %.2f ms; then %d runs p50 %.2f ms, max %.2f ms", t.query(), t.answered(),
                t.coldMillis(), t.runs().count(), t.runs().p50Millis(), t.runs().maxMillis());
    }
}

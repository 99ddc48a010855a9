package nl.bronsein.benchmark;

import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

import org.springframework.jdbc.core.simple.JdbcClient;

import nl.bronsein.gp.referral.ReferralDraft;

/**
 * One half of the run, on one kind of database: a fresh broker, the GP node (and later the municipality node) on
 * databases of that kind, and every figure in turn. The order matters: the throughput figures first, on a small
 * database; the million changes last, since they leave the node with a big one.
 */
final class DatabaseRun {

    /** Everything measured on one kind of database. */
    record Figures(DatabaseKind kind, String database, Throughput.Sweep sweep, Throughput.Figure throughput,
                   double rawPerSecond, CommitToConsumer.Figure latency, Percentiles diskSync, Pulls.Pair pulls,
                   MillionChanges.Figure million, Plaintext plaintext, ProcessingLogQueries.Figure processingLog,
                   PeerComparison.Figure peer, CommitToCase.Figure caseOpened, CatchUp.Figure catchUp,
                   Footprint gp, OthersTraffic.Figure othersTraffic) {

        double ratio() {
            return throughput.sustainedPerSecond() / rawPerSecond;
        }
    }

    /**
     * The GP node's own process: its start until its staff API answered, its resident memory then, and the highest
     * while the throughput, latency, case-opened and pull parts loaded it; memory 0 in the one-JVM mode.
     */
    record Footprint(boolean ownProcess, double startSeconds, long residentIdle, long residentPeak) {
    }

    /** Enough clients that a warm-up round runs the staff API near its sustained rate. */
    static final int WARM_UP_CLIENTS = 16;

    /** How many referrals the pulls go round. */
    private static final int PULL_TARGETS = 100;

    /** Often enough to catch a stall of the disk, seldom enough not to be a load of its own. */
    private static final Duration DISK_PROBE_INTERVAL = Duration.ofMillis(20);

    private final Options options;
    private final PrintStream out;

    DatabaseRun(Options options, PrintStream out) {
        this.options = options;
        this.out = out;
    }

    /**
     * The same throughput and commit-to-consumer runs through a plaintext broker without ACLs (the nodes' development
     * switch), on fresh databases of the same server: next to the secured figures, what TLS and ACLs cost.
     */
    record Plaintext(Throughput.Figure throughput, CommitToConsumer.Figure latency) {
    }

    Figures run(DatabaseKind kind, Path dir) throws InterruptedException {
        try (DatabaseServer server = DatabaseServer.start(kind, dir)) {
            Figures secured = options.parts().stream().anyMatch(Part.ON_THE_NETWORK::contains)
                    ? runSecured(server, dir) : null;
            Plaintext plaintext = options.runs(Part.PLAINTEXT)
                    ? runPlaintext(server, dir, secured.sweep().chosen(), secured.latency().rate()) : null;
            ProcessingLogQueries.Figure processingLog = null;
            String database = secured == null ? null : secured.database();
            if (options.runs(Part.PROCESSING_LOG) && kind == DatabaseKind.POSTGRES) {
                JdbcTarget log = server.create("processing_log");
                database = database == null ? server.describe(log) : database;
                say(String.format("processing log: %,d records on a database of their own ...",
                        options.processingLogRows()));
                processingLog = ProcessingLogQueries.measure(log, options.processingLogRows(),
                        options.processingLogRuns(), out);
                ProcessingLogQueries.describe(processingLog).forEach(this::say);
            } else if (options.runs(Part.PROCESSING_LOG)) {
                say("processing log: measured on PostgreSQL only");
            }
            if (secured == null) {
                return new Figures(kind, database, null, null, Double.NaN, null, null, null, null, null,
                        processingLog, null, null, null, null, null);
            }
            return new Figures(secured.kind(), database, secured.sweep(), secured.throughput(),
                    secured.rawPerSecond(), secured.latency(), secured.diskSync(), secured.pulls(), secured.million(),
                    plaintext, processingLog, secured.peer(), secured.caseOpened(), secured.catchUp(), secured.gp(),
                    secured.othersTraffic());
        }
    }

    private Plaintext runPlaintext(DatabaseServer server, Path dir, int clients, double rate) throws InterruptedException {
        say("the same through a plaintext broker without ACLs (the development switch), fresh databases ...");
        try (BenchNetwork network = new BenchNetwork(dir.resolve("network-plaintext"), false, !options.oneJvm())) {
            BenchNode gp = network.startGp(server.create("gp_plaintext"));
            StaffApi api = network.gpStaffApi();
            try (KafkaReadBack readBack = new KafkaReadBack(network.operatorClient())) {
                JitWarmUp.Result warm = JitWarmUp.untilQuiet(
                        () -> Throughput.measure(api, readBack, WARM_UP_CLIENTS, options.warmUpChanges()),
                        options.warmUpPatience());
                say("  warm-up: " + warm.describe());
                Throughput.Figure throughput = Throughput.measure(api, readBack, clients, options.changes());
                say(String.format("  plaintext throughput: %,d changes, %d clients: API %,.0f/s; sustained to Kafka %,.0f/s",
                        throughput.changes(), throughput.clients(), throughput.apiPerSecond(),
                        throughput.sustainedPerSecond()));
                BenchNode municipality = CommitToConsumer.consumerReady(network, server.create("municipality_plaintext"));
                CommitToConsumer.Figure latency = CommitToConsumer.measure(api, gp.database(), municipality.database(),
                        readBack, rate, Duration.ofSeconds(options.latencyWarmUpSeconds()),
                        options.warmUpPatience().dividedBy(3), Duration.ofSeconds(options.latencySeconds()));
                say(String.format("  plaintext commit-to-consumer: %,d changes at %,.0f/s: p50 %.1f ms, p99 %.1f ms, "
                                + "max %.1f ms", latency.latency().count(), rate, latency.latency().p50Millis(),
                        latency.latency().p99Millis(), latency.latency().maxMillis()));
                return new Plaintext(throughput, latency);
            }
        }
    }

    /** The parts on the secured broker, those of {@code --parts} in their order; a part not run leaves its figure null. */
    private Figures runSecured(DatabaseServer server, Path dir) throws InterruptedException {
        DatabaseKind kind = server.kind();
        try (BenchNetwork network = new BenchNetwork(dir.resolve("network"), true, !options.oneJvm())) {
            say("broker: secured (mutual TLS, participant principals, ACLs from the provisioning command)");
            // the driver opens it too (its description, the outbox's size)
            JdbcTarget gpDatabase = network.reachable(server.create("gp"));
            BenchNode gp = network.startGp(gpDatabase);
            String database = server.describe(gpDatabase);
            say("database: " + database);
            long gpIdle = gp.residentBytes().orElse(0);
            say(network.ownProcesses() ? String.format("nodes, broker and peer in processes of their own (%s each node, "
                    + "broker %s); the GP node started in %.1f s, resident %s", String.join(" ",
                    BenchNetwork.NODE_JVM_OPTIONS), BrokerProcess.HEAP, gp.startSeconds(), Report.mebibytes(gpIdle))
                    : String.format("one JVM (--one-jvm): the GP node started in %.1f s", gp.startSeconds()));
            StaffApi api = network.gpStaffApi();
            ResidentPeak gpPeak = ResidentPeak.of(gp);
            try (gpPeak; KafkaReadBack readBack = new KafkaReadBack(network.operatorClient())) {
                Throughput.Sweep sweep = new Throughput.Sweep(List.of(),
                        options.clients() > 0 ? options.clients() : WARM_UP_CLIENTS);
                Throughput.Figure throughput = null;
                if (options.runs(Part.THROUGHPUT)) {
                    JitWarmUp.Result warm = JitWarmUp.untilQuiet(
                            () -> Throughput.measure(api, readBack, WARM_UP_CLIENTS, options.warmUpChanges()),
                            options.warmUpPatience());
                    say(String.format("warm-up: rounds of %,d changes through the staff API, %d clients: %s",
                            options.warmUpChanges(), WARM_UP_CLIENTS, warm.describe()));

                    sweep = sweep(api, readBack);
                    throughput = Throughput.measure(api, readBack, sweep.chosen(), options.changes());
                    say(String.format("throughput: %,d changes, %d clients: API %,.0f/s; sustained to Kafka %,.0f/s "
                                    + "(last change on Kafka %,.0f ms after the last API answer)", throughput.changes(),
                            throughput.clients(), throughput.apiPerSecond(), throughput.sustainedPerSecond(),
                            throughput.drainMillis()));
                    say("  API changes/s by quarter of the changes: " + Arrays.stream(throughput.apiQuarterRates())
                            .mapToObj(r -> String.format("%,.0f", r)).collect(Collectors.joining(" → ")));
                }

                double raw = Double.NaN;
                if (options.runs(Part.PLAIN_JDBC)) {
                    raw = rawJdbc(server, gp, sweep.chosen());
                    say(String.format("raw JDBC: %,.0f changes/s (%d connections); ratio %.2f", raw, sweep.chosen(),
                            throughput.sustainedPerSecond() / raw));
                }

                CommitToConsumer.Figure latency = null;
                Percentiles diskSync = null;
                BenchNode municipality = null;
                if (options.runs(Part.LATENCY)) {
                    municipality = CommitToConsumer.consumerReady(network, server.create("municipality"));
                    JdbcClient consumer = municipality.database();
                    double rate = throughput.sustainedPerSecond() / 2;
                    say(String.format("commit-to-consumer: %,.0f changes/s for %d s (after warm-up rounds of %d s) ...",
                            rate, options.latencySeconds(), options.latencyWarmUpSeconds()));
                    GcPauses latencyGc = GcPauses.record();
                    try (latencyGc; DiskSyncProbe disk = DiskSyncProbe.start(dir.resolve("disk-probe"), DISK_PROBE_INTERVAL)) {
                        latency = CommitToConsumer.measure(api, gp.database(), consumer, readBack, rate,
                                Duration.ofSeconds(options.latencyWarmUpSeconds()), options.warmUpPatience().dividedBy(3),
                                Duration.ofSeconds(options.latencySeconds()));
                        diskSync = disk.stop();
                    }
                    say("  warm-up: " + latency.warmUp().describe());
                    say(String.format("commit-to-consumer: %,d changes at %,.0f/s: p50 %.1f ms, p99 %.1f ms, max %.1f ms "
                                    + "(%d received before the API's answer arrived, counted as 0)",
                            latency.latency().count(), rate, latency.latency().p50Millis(), latency.latency().p99Millis(),
                            latency.latency().maxMillis(), latency.beforeResponse()));
                    say(String.format("  legs from the API's answer: published by the relay (broker acknowledged) p50 "
                                    + "%.1f / p99 %.1f ms; read by a plain read_committed consumer p50 %.1f / p99 %.1f ms",
                            latency.legs().published().p50Millis(), latency.legs().published().p99Millis(),
                            latency.legs().readable().p50Millis(), latency.legs().readable().p99Millis()));
                    say(String.format("  the disk meanwhile: %,d fdatasyncs of 8 KiB, one per %d ms: p50 %.1f / p99 %.1f "
                                    + "/ max %.1f ms", diskSync.count(), DISK_PROBE_INTERVAL.toMillis(),
                            diskSync.p50Millis(), diskSync.p99Millis(), diskSync.maxMillis()));
                    say("  " + gcLine(latencyGc));
                }

                Pulls.Pair pulls = null;
                if (options.runs(Part.PULLS)) {
                    List<URI> referrals = pullTargets(api, latency).stream()
                            .map(id -> URI.create(network.gpPullUrl(id, Pulls.PURPOSE))).toList();
                    GcPauses pullsGc = GcPauses.record();
                    try (pullsGc) {
                        pulls = Pulls.measure(network.tlsAs(Member.MUNICIPALITY), referrals, options.pullClients(),
                                options.pullWarmUp(), options.pulls(), options.warmUpPatience().dividedBy(3));
                    }
                    say("warm-up of the pulls: " + pulls.pulls().warmUp().describe());
                    say(pullLine("mutual-TLS pulls", pulls.pulls()));
                    say(pullLine("mutual-TLS pulls, one client alone", pulls.alone()));
                    say(pullLine("plain loopback GETs", pulls.plain()));
                    say("  " + gcLine(pullsGc));
                }
                if (municipality != null) {
                    network.stop(municipality);
                }

                CommitToCase.Figure caseOpened = null;
                if (options.runs(Part.CASE_OPENED)) {
                    caseOpened = caseOpened(server, network, api, throughput.sustainedPerSecond() / 2);
                }

                gpPeak.close();
                Footprint footprint = new Footprint(network.ownProcesses(), gp.startSeconds(), gpIdle, gpPeak.bytes());
                if (network.ownProcesses()) {
                    say(String.format("the GP node's resident memory: %s at its start, at most %s under the load so far",
                            Report.mebibytes(gpIdle), Report.mebibytes(gpPeak.bytes())));
                }

                CatchUp.Figure catchUp = null;
                if (options.runs(Part.CATCH_UP)) {
                    say(String.format("catch-up: the municipality node away while the GP records %,d referrals for it, "
                            + "then started again ...", options.catchUp()));
                    catchUp = CatchUp.measure(network, server, gp, api, options.catchUp(), sweep.chosen(), out);
                    say(String.format("  start %.1f s; current %.0f s after its start; notifications taken in %,.0f/s; "
                                    + "handled (pulled, case opened) %,.0f/s", catchUp.startSeconds(),
                            catchUp.currentSeconds(), catchUp.takenPerSecond(), catchUp.handledPerSecond()));
                    if (network.ownProcesses()) {
                        say(String.format("  its resident memory: %s when ready, at most %s while catching up",
                                Report.mebibytes(catchUp.residentIdle()), Report.mebibytes(catchUp.residentPeak())));
                    }
                }

                OthersTraffic.Figure others = null;
                if (options.runs(Part.OTHERS_TRAFFIC) && !network.ownProcesses()) {
                    say("others' traffic: measured with the nodes in processes of their own only (not --one-jvm)");
                } else if (options.runs(Part.OTHERS_TRAFFIC)) {
                    say(String.format("others' traffic: the municipality node's CPU while the GP records %,d referrals for "
                            + "another municipality with %d clients, and as long with no traffic ...", options.changes(),
                            sweep.chosen()));
                    others = OthersTraffic.measure(network, server, api, sweep.chosen(), options.changes());
                    say(String.format("  municipality CPU: %.1f%% of a core with no traffic; %.1f%% while %,.0f referrals/s "
                                    + "went to another municipality (%.0f s each)", others.quietShare() * 100,
                            others.busyShare() * 100, others.othersPerSecond(), others.seconds()));
                }

                PeerComparison.Figure peer = null;
                if (options.runs(Part.PEER)) {
                    peer = peer(server, network, sweep.chosen(), throughput, latency);
                }

                MillionChanges.Figure million = null;
                if (options.runs(Part.MILLION)) {
                    million = million(server, gp, gpDatabase, api, throughput, sweep.chosen());
                }
                return new Figures(kind, database, sweep, throughput, raw, latency, diskSync, pulls, million, null,
                        null, peer, caseOpened, catchUp, footprint, others);
            }
        }
    }

    /**
     * GP commit → case opened, with a municipality node of its own that runs whole (the commit-to-consumer figure
     * stopped its inbox processor): every referral is pulled from the GP and opens a case.
     */
    private CommitToCase.Figure caseOpened(DatabaseServer server, BenchNetwork network, StaffApi api, double rate)
            throws InterruptedException {
        BenchNode municipality = network.startMunicipality(server.create("municipality_cases"), true);
        try {
            network.awaitListening(Member.MUNICIPALITY);
            say(String.format("GP commit -> case opened at the municipality (its pull included): %,.0f changes/s for %d s"
                    + " (after warm-up rounds of %d s) ...", rate, options.latencySeconds(), options.latencyWarmUpSeconds()));
            GcPauses gc = GcPauses.record();
            CommitToCase.Figure figure;
            try (gc) {
                figure = CommitToCase.measure(api, municipality.database(), rate,
                        Duration.ofSeconds(options.latencyWarmUpSeconds()), options.warmUpPatience().dividedBy(3),
                        Duration.ofSeconds(options.latencySeconds()));
            }
            say("  warm-up: " + figure.warmUp().describe());
            say(String.format("  GP commit -> case opened: %,d referrals at %,.0f/s: p50 %.1f ms, p99 %.1f ms, max %.1f ms",
                    figure.latency().count(), rate, figure.latency().p50Millis(), figure.latency().p99Millis(),
                    figure.latency().maxMillis()));
            say("  " + gcLine(gc));
            return figure;
        } finally {
            network.stop(municipality);
        }
    }

    /**
     * The Spring Modulith peer on this database kind and broker, with Bronsein's number of clients, after Bronsein's
     * parts (the consuming node already stopped; the GP node idles meanwhile).
     */
    private PeerComparison.Figure peer(DatabaseServer server, BenchNetwork network, int clients,
                                       Throughput.Figure bronsein, CommitToConsumer.Figure bronseinLatency)
            throws InterruptedException {
        say(String.format("the Spring Modulith peer: its own database, the same broker, %d clients, rounds of %,d "
                + "changes to warm up ...", clients, options.warmUpChanges()));
        PeerComparison.Figure peer = PeerComparison.run(network, server, clients, options, bronseinLatency);
        say("  warm-up: " + peer.warmUp().describe());
        Throughput.Figure throughput = peer.throughput();
        say(String.format("  peer throughput: %,d changes, %d clients: API %,.0f/s; sustained to Kafka %,.0f/s (last "
                        + "event on Kafka %,.0f ms after the last API answer)%s", throughput.changes(),
                throughput.clients(), throughput.apiPerSecond(), throughput.sustainedPerSecond(),
                throughput.drainMillis(), bronsein == null ? "" : String.format("; Bronsein %,.0f/s, Bronsein ÷ peer "
                        + "%.2f", bronsein.sustainedPerSecond(), peer.ratio(bronsein))));
        PeerComparison.Latency latency = peer.latency();
        say("  warm-up of the peer's commit-to-consumer: " + latency.warmUp().describe());
        say(String.format("  peer commit-to-consumer (plain read_committed consumer): %,d changes at %,.0f/s: p50 %.1f "
                        + "ms, p99 %.1f ms, max %.1f ms (%d read before the API's answer arrived, counted as 0)%s",
                latency.latency().count(), latency.rate(), latency.latency().p50Millis(),
                latency.latency().p99Millis(), latency.latency().maxMillis(), latency.beforeResponse(),
                bronseinLatency == null ? "" : String.format("; Bronsein to the same kind of consumer p50 %.1f / p99 "
                        + "%.1f ms at %,.0f/s", bronseinLatency.legs().readable().p50Millis(),
                        bronseinLatency.legs().readable().p99Millis(), bronseinLatency.rate())));
        return peer;
    }

    /**
     * 100 referrals to pull, addressed to the municipality: those the latency phase recorded, or when it did not run,
     * as many recorded now through the staff API.
     */
    private static List<String> pullTargets(StaffApi api, CommitToConsumer.Figure latency) {
        if (latency != null) {
            return latency.ids().stream().limit(PULL_TARGETS).toList();
        }
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < PULL_TARGETS; i++) {
            ids.add(api.record().id());
        }
        return ids;
    }

    private MillionChanges.Figure million(DatabaseServer server, BenchNode gp, JdbcTarget gpDatabase,
                                          StaffApi api, Throughput.Figure throughput, int clients)
            throws InterruptedException {
        // the service path calls the GP's ReferralService bean: only a node in this JVM has one to call
        MillionChanges.Path path = options.millionPath() != null ? options.millionPath()
                : !options.oneJvm() ? MillionChanges.Path.API
                : throughput == null ? MillionChanges.Path.SERVICE
                : MillionChanges.choosePath(options.million(), throughput.apiPerSecond());
        say(String.format("up to %,d changes in the outbox, through the %s%s, %d clients ...", options.million(),
                path.label, options.millionPath() != null ? " (--million-via)"
                        : !options.oneJvm() ? " (the GP node runs in a process of its own)"
                        : throughput == null ? " (no throughput measured to judge the API by)"
                        : path == MillionChanges.Path.SERVICE ? String.format(" (the API would take %.0f min)",
                        options.million() / throughput.apiPerSecond() / 60) : "", clients));
        MillionChanges.Figure million = MillionChanges.drive(gp, api, path, clients, options.million(), server,
                gpDatabase, out);
        say(String.format("%,d more changes in %.0f s (%,.0f/s, until all were published); heap after full GC %s → %s;"
                        + " outbox %s, %,d rows (%s)", million.changes(), million.seconds(),
                million.changes() / million.seconds(), Report.mebibytes(million.heapBefore()),
                Report.mebibytes(million.heapAfter()), Report.mebibytes(million.outbox().bytes()),
                million.outboxRows(), million.outbox().how()));
        return million;
    }

    private Throughput.Sweep sweep(StaffApi api, KafkaReadBack readBack) throws InterruptedException {
        if (options.clients() > 0) {
            say("clients: " + options.clients() + " (--clients)");
            return new Throughput.Sweep(List.of(), options.clients());
        }
        Throughput.Sweep sweep = Throughput.sweep(api, readBack, options.sweepChanges());
        StringBuilder line = new StringBuilder("clients: sustained changes/s by number of staff clients:");
        sweep.steps().forEach(s -> line.append(String.format(" %d→%,.0f", s.clients(), s.perSecond())));
        say(line + "; using " + sweep.chosen() + " (smallest within 5% of the best)");
        return sweep;
    }

    /** The same statements on a database of its own, after the same warm-up. */
    private double rawJdbc(DatabaseServer server, BenchNode gp, int clients) {
        JdbcTarget database = server.create("plain_jdbc");
        RawJdbc.prepare(database);
        JdbcClient nodeDatabase = gp.database();
        RawJdbc.OutboxSample outbox = RawJdbc.OutboxSample.of(nodeDatabase);
        RawJdbc.ChangeRecordSample change = RawJdbc.ChangeRecordSample.of(nodeDatabase);
        ReferralDraft referral = ReferralSample.draft(BenchNetwork.JSON);
        RawJdbc.measure(database, referral, outbox, change, clients, options.warmUpChanges());
        return RawJdbc.measure(database, referral, outbox, change, clients, options.changes()).perSecond();
    }

    /**
     * The collector's pauses during a phase in this JVM: the driver's, and with {@code --one-jvm} every thread of the
     * broker, the nodes and H2 too, which stood still meanwhile.
     */
    private static String gcLine(GcPauses gc) {
        Percentiles pauses = gc.percentiles();
        return String.format("the benchmark JVM's GC pauses meanwhile (with --one-jvm also the nodes' and the broker's): "
                        + "%,d, %,d ms in all, p50 %.0f / p99 %.0f / max %.0f ms",
                pauses.count(), gc.totalMillis(), pauses.p50Millis(), pauses.p99Millis(), pauses.maxMillis());
    }

    private static String pullLine(String what, Pulls.Figure figure) {
        return String.format("%s: %,d × %,d bytes, %d clients: %,.0f/s, p50 %.2f ms, p99 %.2f ms, max %.1f ms", what,
                figure.calls(), figure.responseBytes(), figure.clients(), figure.perSecond(),
                figure.latency().p50Millis(), figure.latency().p99Millis(), figure.latency().maxMillis());
    }

    private void say(String line) {
        out.println("  " + line);
        out.flush();
    }
}

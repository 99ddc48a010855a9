package nl.bronsein.localnetwork;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import nl.bronsein.localnetwork.Participants.Participant;
import nl.bronsein.schemas.NotificationCodec;
import nl.bronsein.schemas.NotificationFacts;
import nl.bronsein.schemas.NotificationTopics;
import nl.bronsein.staffclient.AssignmentsApi;
import nl.bronsein.staffclient.CasesApi;

/**
 * The chaos suite. While a driver makes more than ten thousand changes across hundreds of referrals, cases and
 * assignments on the three-node network (each node its own process, on PostgreSQL), the broker is stopped for seconds
 * and restarted, the GP practice's node is killed with SIGKILL while its relay works off a backlog and is started
 * again, and the municipality's database refuses its node for seconds. Afterwards: every outbox row is on Kafka exactly
 * once, in order per object; every consumer took in and applied each event meant for it exactly once, in order per
 * object; each referral has one case and one assignment; every GP timeline is complete; and no personal data is in
 * any log, access log or record. It prints what it counted.
 */
class ChaosIT {

    private static final Path TARGET = Path.of("target").toAbsolutePath();
    /** Referrals, and contact-person changes per referral: 400 × (1 + 17 + 4 + 3) = 10,000 changes by the driver. */
    private static final int REFERRALS = 400;
    private static final int CONTACT_CHANGES = 17;
    private static final Duration BROKER_OUTAGE = Duration.ofSeconds(6);
    private static final Duration DATABASE_OUTAGE = Duration.ofSeconds(5);
    private static final Duration SETTLE = Duration.ofMinutes(4);
    private static final List<String> TIMELINE = List.of("ARRIVED", "PICKED_UP", "INDICATION_GRANTED",
            "PROVIDER_ASSIGNED", "ACCEPTED_BY_PROVIDER", "CARE_STARTED", "CONCLUDED", "CARE_ENDED");

    /** Kept after the run (and cleared before the next), so a failure's node logs and access logs can be read. */
    private final Path dir = TARGET.resolve("chaos");

    private final List<String> faults = new ArrayList<>();

    @Test
    @Timeout(value = 15, unit = TimeUnit.MINUTES)
    void nothingIsLostDuplicatedOrReorderedWhenBrokerNodeAndDatabaseFail() throws Exception {
        long begin = System.nanoTime();
        deleteRecursively(dir);
        // small relay batches, so a kill lands in the middle of working off a backlog rather than after one big send
        try (ChaosNetwork network = new ChaosNetwork(dir.resolve("network"), TARGET.resolve("nodes"),
                List.of("--bronsein.relay.batch-size=25"));
             ChaosDriver driver = new ChaosDriver(network, 8)) {
            network.start(Duration.ofMinutes(4));
            log("network up");
            driver.publishWijkteam();
            List<ChaosCitizens.Citizen> citizens = ChaosCitizens.generate(REFERRALS);
            bsns = citizens.stream().map(ChaosCitizens.Citizen::bsn).collect(java.util.stream.Collectors.toSet());
            List<String> referrals = driver.refer(citizens);
            log("referred " + referrals.size() + " citizens");

            // (a) and (b): the broker goes away while the GP keeps correcting; once it is back and the GP's relay is
            // working off what piled up, the GP is killed hard and started again.
            CompletableFuture<Void> brokerAndKill = new CompletableFuture<>();
            driver.changeContactPersons(referrals, CONTACT_CHANGES, round -> {
                if (round == 3) {
                    runInto(brokerAndKill, () -> brokerOutageThenKill(network));
                }
            });
            log("changed contact persons " + CONTACT_CHANGES + " times per referral");
            brokerAndKill.get(5, TimeUnit.MINUTES);

            driver.decideAndAssign(referrals);
            log("picked up, decided and assigned");
            // (c) the municipality's database refuses its node while care is delivered and cases are concluded
            CompletableFuture<Void> databaseCut = new CompletableFuture<>();
            driver.deliverCare(referrals, done -> {
                if (done == REFERRALS / 4) {
                    runInto(databaseCut, () -> databaseOutage(network, Participants.MUNICIPALITY));
                }
            });
            databaseCut.get(2, TimeUnit.MINUTES);
            log("care delivered and concluded; driver made " + driver.changes() + " changes (" + driver.retries()
                    + " retried calls, " + driver.doneBeforeRetry() + " found done on retry)");
            assertThat(driver.changes()).as("changes made by the driver").isGreaterThanOrEqualTo(10_000);

            awaitSettled(network, driver, referrals);
            log("settled");
            checkPublishedAndHandled(network);
            checkApplied(driver, referrals);
            scanForPersonalData(network, citizens);
            System.out.printf("CHAOS faults:%n  %s%n", String.join(System.lineSeparator() + "  ", faults));
            System.out.printf("CHAOS total time %.0f s%n", (System.nanoTime() - begin) / 1e9);
        }
    }

    /**
     * The kill -9 faults again, with every node on its embedded default H2 database as the launcher runs it: the GP
     * killed while its relay works off the backlog of a broker outage, and the municipality killed right after it
     * acknowledged a change (on H2's default write delay such a kill lost three relayed changes, issue 15). Fewer
     * changes than on PostgreSQL, as this run adds to the suite's time; the same checks, taken from the H2 files once
     * the nodes have stopped.
     */
    @Test
    @Timeout(value = 10, unit = TimeUnit.MINUTES)
    void nothingIsLostDuplicatedOrReorderedWhenNodesAreKilledOnH2() throws Exception {
        long begin = System.nanoTime();
        Path h2Dir = TARGET.resolve("chaos-h2");
        deleteRecursively(h2Dir);
        int referralCount = 50;
        try (ChaosNetwork network = new ChaosNetwork(ChaosNetwork.Database.H2, h2Dir.resolve("network"),
                TARGET.resolve("nodes"), List.of("--bronsein.relay.batch-size=25"));
             ChaosDriver driver = new ChaosDriver(network, 8)) {
            network.start(Duration.ofMinutes(4));
            log("network up, on H2");
            driver.publishWijkteam();
            List<ChaosCitizens.Citizen> citizens = ChaosCitizens.generate(referralCount);
            bsns = citizens.stream().map(ChaosCitizens.Citizen::bsn).collect(java.util.stream.Collectors.toSet());
            List<String> referrals = driver.refer(citizens);
            log("referred " + referrals.size() + " citizens");

            CompletableFuture<Void> brokerAndKill = new CompletableFuture<>();
            driver.changeContactPersons(referrals, 5, round -> {
                if (round == 2) {
                    runInto(brokerAndKill, () -> brokerOutageThenKill(network));
                }
            });
            brokerAndKill.get(5, TimeUnit.MINUTES);
            driver.decideAndAssign(referrals);
            log("picked up, decided and assigned");
            // the municipality dies within milliseconds of acknowledging its conclusion of a case, as in issue 15
            CompletableFuture<Void> municipalityKill = new CompletableFuture<>();
            driver.deliverCare(referrals, done -> {
                if (done == referralCount / 4) {
                    runInto(municipalityKill, () -> killAndRestart(network, Participants.MUNICIPALITY));
                }
            });
            municipalityKill.get(4, TimeUnit.MINUTES);
            log("care delivered and concluded; driver made " + driver.changes() + " changes (" + driver.retries()
                    + " retried calls, " + driver.doneBeforeRetry() + " found done on retry)");

            awaitSettledOnH2(network, driver, referrals);
            log("settled");
            checkApplied(driver, referrals);
            network.stopNodes();
            log("nodes stopped; reading their H2 files");
            checkPublishedAndHandled(network);
            scanForPersonalData(network, citizens);
            System.out.printf("CHAOS H2 faults:%n  %s%n", String.join(System.lineSeparator() + "  ", faults));
            System.out.printf("CHAOS H2 total time %.0f s%n", (System.nanoTime() - begin) / 1e9);
        }
    }

    /** Runs a fault beside the driver; {@code done} completes with it, or with its failure. */
    private static void runInto(CompletableFuture<Void> done, Runnable fault) {
        CompletableFuture.runAsync(fault).whenComplete((ok, e) -> {
            if (e != null) {
                done.completeExceptionally(e);
            } else {
                done.complete(null);
            }
        });
    }

    // --- faults ------------------------------------------------------------------------------------------------------

    private void brokerOutageThenKill(ChaosNetwork network) {
        try {
            network.broker().stop();
            fault("broker stopped");
            Thread.sleep(BROKER_OUTAGE.toMillis());
            boolean h2 = network.database() == ChaosNetwork.Database.H2;
            long publishedBefore = h2 ? 0 : outboxCounts(network, Participants.GP)[1];
            long backlogBefore = h2 ? network.outboxBacklog(Participants.GP) : 0;
            network.broker().start();
            fault("broker started again after " + BROKER_OUTAGE.toSeconds() + " s; GP backlog "
                    + (h2 ? backlogBefore : outboxCounts(network, Participants.GP)[0]));
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (true) {
                if (h2) {
                    // the node's database is its own while it runs: its health tells the backlog, and a backlog
                    // smaller than the broker left behind is a relay working it off
                    long backlog = network.outboxBacklog(Participants.GP);
                    if (backlog > 0 && backlog < backlogBefore) {
                        network.killHard(Participants.GP);
                        fault("GP node killed with kill -9 while relaying: backlog " + backlogBefore + " -> " + backlog);
                        break;
                    }
                } else {
                    long[] counts = outboxCounts(network, Participants.GP);
                    if (counts[0] > 0 && counts[1] > publishedBefore) {
                        network.killHard(Participants.GP);
                        fault("GP node killed with kill -9 while relaying: " + (counts[1] - publishedBefore)
                                + " rows relayed since the broker returned, " + counts[0] + " still waiting");
                        break;
                    }
                }
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("the GP's relay never worked off its backlog after the broker returned");
                }
                Thread.sleep(5);
            }
            network.startNode(Participants.GP);
            network.awaitHealthy(Participants.GP, Duration.ofMinutes(3));
            fault("GP node started again on its database; healthy");
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    private void killAndRestart(ChaosNetwork network, Participant participant) {
        try {
            network.killHard(participant);
            fault(participant.label() + " killed with kill -9 right after acknowledging a change");
            network.startNode(participant);
            network.awaitHealthy(participant, Duration.ofMinutes(3));
            fault(participant.label() + " started again on its database; healthy");
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    private void databaseOutage(ChaosNetwork network, Participant participant) {
        try {
            network.cutDatabase(participant);
            fault("database of the " + participant.label() + " cut (connections terminated and refused)");
            Thread.sleep(DATABASE_OUTAGE.toMillis());
            network.restoreDatabase(participant);
            fault("database of the " + participant.label() + " restored after " + DATABASE_OUTAGE.toSeconds() + " s");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** {unpublished, published} rows of a node's outbox. */
    private static long[] outboxCounts(ChaosNetwork network, Participant participant) {
        try (Connection db = network.database(participant); Statement sql = db.createStatement();
             ResultSet rows = sql.executeQuery("select count(*) filter (where published_at is null), "
                     + "count(*) filter (where published_at is not null) from outbox_entry")) {
            rows.next();
            return new long[] {rows.getLong(1), rows.getLong(2)};
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    // --- settling ------------------------------------------------------------------------------------------------------

    /** Until every outbox is published, every inbox handled, and nothing new arrives for a while. */
    private void awaitSettled(ChaosNetwork network, ChaosDriver driver, List<String> referrals) throws Exception {
        long deadline = System.nanoTime() + SETTLE.toNanos();
        String previous = "";
        while (true) {
            StringBuilder state = new StringBuilder();
            boolean quiet = true;
            for (Participant participant : Participants.ALL) {
                try (Connection db = network.database(participant); Statement sql = db.createStatement();
                     ResultSet rows = sql.executeQuery("select (select count(*) from outbox_entry where published_at is null), "
                             + "(select count(*) from outbox_entry), (select count(*) from inbox_entry where status = 'RECEIVED'), "
                             + "(select count(*) from inbox_entry where status = 'PARKED'), (select count(*) from inbox_entry)")) {
                    rows.next();
                    if (rows.getLong(4) > 0) {
                        throw new AssertionError(rows.getLong(4) + " parked event(s) at the " + participant.label()
                                + ": " + parkedReasons(db) + network.logTails());
                    }
                    quiet &= rows.getLong(1) == 0 && rows.getLong(3) == 0;
                    state.append(participant.stem()).append(' ').append(rows.getLong(2)).append('/').append(rows.getLong(5)).append(' ');
                } catch (SQLException e) {
                    quiet = false; // a node's database on its way back
                }
            }
            if (quiet && state.toString().equals(previous) && timelinesComplete(driver, referrals)
                    && unread(network).isEmpty()) {
                return;
            }
            previous = quiet ? state.toString() : "";
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the network did not settle within " + SETTLE + ": " + state + network.logTails());
            }
            Thread.sleep(1_000);
        }
    }

    /**
     * On H2 the nodes' databases cannot be read while they run: until every node's health shows an empty outbox, every
     * node's consumer group has its one member reading, every GP timeline is complete, and that holds for five seconds
     * in a row (the inboxes work every 100 ms). Whether each inbox handled everything is checked in the files once the
     * nodes have stopped. The group matters: a node killed with kill -9 stays a member of its group until the broker's
     * session timeout (45 s), its successor reads nothing until then, and every outbox is empty meanwhile: the first
     * version of this wait stopped the nodes with hundreds of the municipality's events still unread. And every record
     * meant for a node must lie before its group's committed offset ({@link #unread}): with the rest quiet for five
     * seconds, CI once stopped the nodes while one of the GP's 469 events was still unread (2026-12-06).
     */
    private void awaitSettledOnH2(ChaosNetwork network, ChaosDriver driver, List<String> referrals) throws Exception {
        long deadline = System.nanoTime() + SETTLE.toNanos();
        int quietRounds = 0;
        List<String> unread = List.of();
        while (quietRounds < 5) {
            boolean quiet = true;
            for (Participant participant : Participants.ALL) {
                quiet &= network.outboxBacklog(participant) == 0 && reading(network, participant);
            }
            quiet &= timelinesComplete(driver, referrals);
            if (quiet) {
                unread = unread(network);
                quiet = unread.isEmpty();
            }
            quietRounds = quiet ? quietRounds + 1 : 0;
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the network did not settle within " + SETTLE + "; unread: " + unread
                        + network.logTails());
            }
            Thread.sleep(1_000);
        }
    }

    /**
     * The records on the notification topics that a node's consumer group has not read past: every record meant for a
     * node (as check 3 counts them) must lie before its group's committed offset on its partition. The listener commits
     * offsets only once its inbox's transaction holds the poll, so an offset beyond a record means the node has it —
     * unlike lag, which a relay's trailing transaction marker keeps at one for good.
     */
    private List<String> unread(ChaosNetwork network) throws Exception {
        List<Published> records = readAllNotifications(network);
        List<String> unread = new ArrayList<>();
        try (Admin admin = Admin.create(network.operatorClient())) {
            for (Participant consumer : Participants.ALL) {
                Map<TopicPartition, Long> committed = committedOffsets(admin, consumer);
                for (Published r : meantFor(consumer, records)) {
                    long offset = committed.getOrDefault(new TopicPartition(r.topic(), r.partition()), -1L);
                    if (offset <= r.offset()) {
                        unread.add(consumer.stem() + " has not read " + r.describe() + " (committed offset " + offset + ")");
                    }
                }
            }
        }
        return unread;
    }

    private static Map<TopicPartition, Long> committedOffsets(Admin admin, Participant participant) throws Exception {
        Map<TopicPartition, Long> offsets = new HashMap<>();
        admin.listConsumerGroupOffsets(group(participant)).partitionsToOffsetAndMetadata().get(30, TimeUnit.SECONDS)
                .forEach((partition, offset) -> {
                    if (offset != null) {
                        offsets.put(partition, offset.offset());
                    }
                });
        return offsets;
    }

    private static String group(Participant participant) {
        return "bronsein-" + participant.id().replace(':', '-');
    }

    /** What the owner's policy sent a consumer: addressed to it (its inbox), or to everyone (a generic topic). */
    private static List<Published> meantFor(Participant consumer, List<Published> records) {
        return records.stream().filter(r -> !r.source().equals(consumer.id())
                && (r.topic().startsWith(NotificationTopics.GENERIC_PREFIX)
                        || NotificationTopics.recipientOf(r.topic()).equals(java.util.Optional.of(consumer.id()))))
                .toList();
    }

    /**
     * Whether the node's consumer group has exactly one member, with partitions assigned. Lag cannot tell: a group
     * commits the offset after the last record it handled, and a transaction's marker lies beyond it for good.
     */
    private static boolean reading(ChaosNetwork network, Participant participant) throws Exception {
        String group = group(participant);
        try (Admin admin = Admin.create(network.operatorClient())) {
            var members = admin.describeConsumerGroups(List.of(group)).all().get(30, TimeUnit.SECONDS).get(group).members();
            return members.size() == 1 && !members.iterator().next().assignment().topicPartitions().isEmpty();
        }
    }

    /** What the node wrote down for each parked event: the object type, source, sequence number and reason. */
    private static String parkedReasons(Connection db) throws SQLException {
        List<String> reasons = new ArrayList<>();
        try (Statement sql = db.createStatement();
             ResultSet rows = sql.executeQuery("select object_type, source, source_sequence, attempts, last_error "
                     + "from inbox_entry where status = 'PARKED' order by id")) {
            while (rows.next()) {
                reasons.add(rows.getString(1) + " of " + rows.getString(2) + " #" + rows.getLong(3) + " after "
                        + rows.getInt(4) + " attempt(s): " + rows.getString(5));
            }
        }
        return reasons.toString();
    }

    private static boolean timelinesComplete(ChaosDriver driver, List<String> referrals) {
        for (String referral : referrals) {
            if (!milestones(driver, referral).containsAll(TIMELINE)) {
                return false;
            }
        }
        return true;
    }

    private static List<String> milestones(ChaosDriver driver, String referral) {
        List<String> reached = new ArrayList<>();
        driver.timeline(referral).path("steps")
                .forEach(step -> reached.add(step.path("milestone").asString()));
        return reached;
    }

    // --- the checks ----------------------------------------------------------------------------------------------------

    private record OutboxRow(String eventId, long sequence, String subject) {
    }

    private record InboxRow(String source, String eventId, String subject, long sequence, Instant handledAt, String status) {
    }

    private record Published(String topic, int partition, long offset, String key, String eventId, String source,
                             NotificationFacts facts) {

        /** Where it is and what it is about, for a failure: no personal data is on a topic. */
        String describe() {
            return "event " + eventId + " of " + source + " about " + facts.objectType() + " " + facts.objectId() + " at "
                    + topic + "-" + partition + "@" + offset;
        }
    }

    private void checkPublishedAndHandled(ChaosNetwork network) throws Exception {
        Map<Participant, List<OutboxRow>> outboxes = new LinkedHashMap<>();
        Map<Participant, List<InboxRow>> inboxes = new LinkedHashMap<>();
        for (Participant participant : Participants.ALL) {
            outboxes.put(participant, outbox(network, participant));
            inboxes.put(participant, inbox(network, participant));
        }
        List<Published> records = readAllNotifications(network);
        Map<Participant, Map<TopicPartition, Long>> committed = new HashMap<>();
        try (Admin admin = Admin.create(network.operatorClient())) {
            for (Participant participant : Participants.ALL) {
                committed.put(participant, committedOffsets(admin, participant));
            }
        }

        // 1. every outbox row on Kafka exactly once, and nothing on Kafka that no outbox holds
        Map<String, Integer> timesPublished = new HashMap<>();
        records.forEach(r -> timesPublished.merge(r.eventId(), 1, Integer::sum));
        Map<String, Long> sequenceOf = new HashMap<>();
        int rows = 0;
        for (Map.Entry<Participant, List<OutboxRow>> outbox : outboxes.entrySet()) {
            for (OutboxRow row : outbox.getValue()) {
                rows++;
                sequenceOf.put(row.eventId(), row.sequence());
                assertThat(timesPublished.getOrDefault(row.eventId(), 0))
                        .as("times event " + row.eventId() + " of the " + outbox.getKey().label() + " is on Kafka").isEqualTo(1);
            }
            report("outbox of the %s: %d rows, each published once", outbox.getKey().label(), outbox.getValue().size());
        }
        assertThat(records).as("records on the notification topics").hasSize(rows);
        report("notification records on Kafka (read committed): %d, distinct events %d, outbox rows %d",
                records.size(), timesPublished.size(), rows);

        // 2. order per object on Kafka: each object's records in the partition in the order of its source's sequence
        Map<String, List<Published>> perObject = new LinkedHashMap<>();
        records.stream().sorted((a, b) -> Long.compare(a.offset(), b.offset()))
                .forEach(r -> perObject.computeIfAbsent(r.topic() + "/" + r.key(), k -> new ArrayList<>()).add(r));
        for (Map.Entry<String, List<Published>> object : perObject.entrySet()) {
            List<Long> sequences = object.getValue().stream().map(r -> sequenceOf.get(r.eventId())).toList();
            assertThat(sequences).as("order of " + object.getKey()).isSorted();
            assertThat(object.getValue().stream().map(Published::partition).distinct()).as("partitions of " + object.getKey()).hasSize(1);
        }
        report("objects whose records are in order on one partition: %d", perObject.size());

        // 3. every consumer took in exactly the events meant for it, and handled each once, in order per object
        for (Participant consumer : Participants.ALL) {
            List<Published> meantRecords = meantFor(consumer, records);
            Set<String> meant = new HashSet<>();
            meantRecords.forEach(r -> meant.add(r.eventId()));
            List<InboxRow> inbox = inboxes.get(consumer);
            Set<String> received = new HashSet<>();
            inbox.forEach(row -> assertThat(received.add(row.source() + "/" + row.eventId()))
                    .as("event " + row.eventId() + " in the inbox of the " + consumer.label() + " once").isTrue());
            Set<String> inInbox = new HashSet<>();
            inbox.forEach(row -> inInbox.add(row.eventId()));
            // what is missing, with where it is on Kafka and how far the node's group had read: lost, or never read
            List<String> missing = new ArrayList<>();
            for (Published r : meantRecords) {
                if (!inInbox.contains(r.eventId())) {
                    missing.add(r.describe() + ", the group's committed offset there "
                            + committed.get(consumer).getOrDefault(new TopicPartition(r.topic(), r.partition()), -1L));
                }
            }
            assertThat(missing).as("events meant for the " + consumer.label() + " that its inbox does not hold").isEmpty();
            assertThat(inbox.stream().map(InboxRow::eventId).toList()).as("events taken in by the " + consumer.label())
                    .containsExactlyInAnyOrderElementsOf(meant);
            assertThat(inbox).as("handled at the " + consumer.label())
                    .allSatisfy(row -> assertThat(row.status()).isEqualTo("HANDLED"));
            Map<String, List<InboxRow>> perSubject = new LinkedHashMap<>();
            inbox.stream().sorted((a, b) -> Long.compare(a.sequence(), b.sequence()))
                    .forEach(row -> perSubject.computeIfAbsent(row.source() + "/" + row.subject(), k -> new ArrayList<>()).add(row));
            perSubject.forEach((subject, handled) -> assertThat(handled.stream().map(InboxRow::handledAt).toList())
                    .as("handling order of " + subject + " at the " + consumer.label()).isSorted());
            report("%s: %d events meant for it, each taken in and handled once; %d objects handled in order",
                    consumer.label(), meant.size(), perSubject.size());
        }
    }

    private void checkApplied(ChaosDriver driver, List<String> referrals) {
        // 4. applied once: one case per referral, one assignment per case, each timeline step once
        List<CasesApi.Case> cases = driver.cases();
        assertThat(cases.stream().map(CasesApi.Case::referralId).toList())
                .as("cases per referral").containsExactlyInAnyOrderElementsOf(referrals);
        List<AssignmentsApi.Assignment> assignments = driver.assignments();
        assertThat(assignments.stream().map(a -> a.basis().objectId()).toList())
                .as("assignments per case").containsExactlyInAnyOrderElementsOf(referrals.stream().map(driver::caseOf).toList());
        for (String referral : referrals) {
            assertThat(milestones(driver, referral)).as("timeline of " + referral).containsExactlyInAnyOrderElementsOf(TIMELINE);
        }
        report("cases %d, assignments %d, complete GP timelines %d (each of %d steps once)", cases.size(),
                assignments.size(), referrals.size(), TIMELINE.size());
    }

    private static List<OutboxRow> outbox(ChaosNetwork network, Participant participant) throws SQLException {
        List<OutboxRow> rows = new ArrayList<>();
        try (Connection db = network.database(participant); Statement sql = db.createStatement();
             ResultSet result = sql.executeQuery("select event_id, source_sequence, subject, published_at from outbox_entry")) {
            while (result.next()) {
                assertThat(result.getTimestamp(4)).as("published_at of an outbox row").isNotNull();
                rows.add(new OutboxRow(result.getString(1), result.getLong(2), result.getString(3)));
            }
        }
        return rows;
    }

    private static List<InboxRow> inbox(ChaosNetwork network, Participant participant) throws SQLException {
        List<InboxRow> rows = new ArrayList<>();
        try (Connection db = network.database(participant); Statement sql = db.createStatement();
             ResultSet result = sql.executeQuery(
                     "select source, event_id, subject, source_sequence, handled_at, status from inbox_entry")) {
            while (result.next()) {
                Timestamp handled = result.getTimestamp(5);
                rows.add(new InboxRow(result.getString(1), result.getString(2), result.getString(3), result.getLong(4),
                        handled == null ? null : handled.toInstant(), result.getString(6)));
            }
            if (rows.stream().anyMatch(row -> "PARKED".equals(row.status()))) {
                throw new AssertionError("parked event(s) at the " + participant.label() + ": " + parkedReasons(db));
            }
            // a record the listener could not take in is kept by position instead, and never reaches inbox_entry
            List<String> parkedRecords = new ArrayList<>();
            try (ResultSet parked = sql.executeQuery(
                    "select topic, kafka_partition, kafka_offset, reason from parked_record order by id")) {
                while (parked.next()) {
                    parkedRecords.add(parked.getString(1) + "-" + parked.getInt(2) + "@" + parked.getLong(3) + ": "
                            + parked.getString(4));
                }
            }
            assertThat(parkedRecords).as("records parked by the listener of the " + participant.label()).isEmpty();
        }
        return rows;
    }

    /** Every record on the notification topics, as a consumer of the network reads them: committed only. */
    private List<Published> readAllNotifications(ChaosNetwork network) throws Exception {
        NotificationCodec codec = new NotificationCodec();
        List<Published> published = new ArrayList<>();
        Map<String, Object> config = new java.util.HashMap<>(network.operatorClient());
        config.put("isolation.level", "read_committed");
        config.put("enable.auto.commit", false);
        Set<String> topics;
        try (Admin admin = Admin.create(network.operatorClient())) {
            topics = admin.listTopics().names().get(30, TimeUnit.SECONDS);
        }
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(config, new StringDeserializer(),
                new ByteArrayDeserializer())) {
            for (String topic : topics) {
                assertNoPersonalData("topic name", topic);
                if (!topic.startsWith("bronsein.")) {
                    continue;
                }
                for (ConsumerRecord<String, byte[]> record : readTopic(consumer, topic)) {
                    assertNoPersonalData("key on " + topic, record.key());
                    for (Header header : record.headers()) {
                        assertNoPersonalData("header " + header.key() + " on " + topic,
                                new String(header.value(), StandardCharsets.UTF_8));
                    }
                    assertNoPersonalData("value on " + topic, new String(record.value(), StandardCharsets.ISO_8859_1));
                    published.add(new Published(topic, record.partition(), record.offset(), record.key(),
                            header(record, "ce_id"), header(record, "ce_source"), NotificationFacts.of(codec.decode(record.value()))));
                }
            }
        }
        return published;
    }

    private static List<ConsumerRecord<String, byte[]>> readTopic(KafkaConsumer<String, byte[]> consumer, String topic) {
        List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(10)).stream()
                .map(p -> new TopicPartition(topic, p.partition())).toList();
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
        List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (partitions.stream().anyMatch(tp -> consumer.position(tp) < end.get(tp))) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("could not read " + topic + " to its end");
            }
            consumer.poll(Duration.ofMillis(200)).forEach(records::add);
        }
        return records;
    }

    private static String header(ConsumerRecord<String, byte[]> record, String name) {
        return new String(record.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
    }

    // --- privacy --------------------------------------------------------------------------------------------------------

    private Set<String> bsns = Set.of();
    private static final Pattern NINE_DIGITS = Pattern.compile("(?<![0-9])[0-9]{9}(?![0-9])");

    private void scanForPersonalData(ChaosNetwork network, List<ChaosCitizens.Citizen> citizens) throws IOException {
        long bytes = 0;
        List<Path> logs = network.logFiles();
        for (Path log : logs) {
            String text = Files.readString(log, StandardCharsets.ISO_8859_1);
            bytes += text.length();
            assertNoPersonalData(dir.relativize(log).toString(), text);
        }
        assertThat(logs.stream().map(p -> p.getFileName().toString()))
                .as("access logs of the three nodes").anyMatch(n -> n.startsWith("gp-access"))
                .anyMatch(n -> n.startsWith("municipality-access")).anyMatch(n -> n.startsWith("provider-access"));
        report("privacy scan: %d log files (node and access logs, %d MB) and every record on every topic; "
                + "%d citizens' BSNs and personal fields: none found", logs.size(), bytes / 1_000_000, citizens.size());
    }

    private void assertNoPersonalData(String where, String text) {
        if (text == null) {
            return;
        }
        Matcher marker = ChaosCitizens.MARKERS.matcher(text);
        if (marker.find()) {
            throw new AssertionError("personal data (" + marker.group() + ") in " + where);
        }
        if (!bsns.isEmpty()) {
            Matcher digits = NINE_DIGITS.matcher(text);
            while (digits.find()) {
                if (bsns.contains(digits.group())) {
                    throw new AssertionError("a BSN in " + where);
                }
            }
        }
    }

    private static void deleteRecursively(Path path) throws IOException {
        if (Files.exists(path)) {
            try (var walk = Files.walk(path)) {
                for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
    }

    // --- reporting ------------------------------------------------------------------------------------------------------

    private synchronized void fault(String what) {
        faults.add(Instant.now() + " " + what);
        log(what);
    }

    private static void log(String what) {
        System.out.println("CHAOS " + Instant.now() + " " + what);
    }

    private static void report(String format, Object... args) {
        System.out.println("CHAOS check: " + String.format(format, args));
    }
}

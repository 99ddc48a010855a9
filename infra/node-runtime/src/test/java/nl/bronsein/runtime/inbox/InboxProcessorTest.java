package nl.bronsein.runtime.inbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.Stream;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.dao.QueryTimeoutException;
import org.springframework.dao.RecoverableDataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.support.TransactionTemplate;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import nl.bronsein.runtime.BothDatabases;
import nl.bronsein.runtime.MovableClock;
import nl.bronsein.runtime.RuntimeTables;
import nl.bronsein.runtime.domain.ConcurrentChangeException;
import nl.bronsein.runtime.metrics.RuntimeMetrics;
import nl.bronsein.runtime.notification.Notification;
import nl.bronsein.runtime.pull.PullRefusedException;
import nl.bronsein.runtime.pull.PullUnavailableException;
import nl.bronsein.runtime.trust.Participant;
import nl.bronsein.runtime.trust.ParticipantId;
import nl.bronsein.runtime.trust.ParticipantList;
import nl.bronsein.runtime.trust.ParticipantRole;
import nl.bronsein.schemas.NotificationCodec;
import nl.bronsein.schemas.ObjectChanged;
import nl.bronsein.schemas.SharedObjectType;
import nl.bronsein.schemas.UndecodableNotificationException;

/**
 * The inbox processor on the real inbox, on a clock the test moves, with a referral handler the test scripts: what it
 * retries (with a doubling, capped delay and no last attempt) and what it parks, that a handled entry is handled once
 * and its change applied with the handled mark or not at all, and that one object's notifications are handled in the
 * order they arrived while other objects go on.
 */
class InboxProcessorTest {

    private static final String GP = "urn:nld:kvk:12345678";
    private static final Instant NOW = Instant.parse("2026-11-24T10:00:00Z");
    private static final Duration FIRST_DELAY = Duration.ofSeconds(1);
    private static final Duration LONGEST_DELAY = Duration.ofSeconds(4);

    @RegisterExtension
    static final BothDatabases BOTH = new BothDatabases();

    private final MovableClock clock = new MovableClock(NOW);
    private final NotificationCodec codec = new NotificationCodec();
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final ScriptedHandler handler = new ScriptedHandler();
    private JdbcClient jdbc;
    private Inbox inbox;
    private InboxProcessor processor;

    static Stream<DataSource> databases() {
        return BOTH.dataSources("inbox-processor", "inbox_entry");
    }

    private void on(DataSource database) {
        on(database, 1);
    }

    private void on(DataSource database, int concurrency) {
        jdbc = JdbcClient.create(database);
        inbox = new Inbox(jdbc, clock);
        Participant gp = new Participant(ParticipantId.of(GP), ParticipantRole.GP_PRACTICE, "De Linde",
                URI.create("https://gp.example:8443"), "ab".repeat(32));
        processor = new InboxProcessor(inbox, List.of(handler), codec, new ParticipantList(List.of(gp)),
                new TransactionTemplate(new DataSourceTransactionManager(database)),
                new InboxProperties(Duration.ofMillis(500), 100, concurrency, FIRST_DELAY, LONGEST_DELAY, null), new RuntimeMetrics(meters));
    }

    private void onH2() {
        on(RuntimeTables.inMemoryH2Database("inbox-processor"));
    }

    @ParameterizedTest
    @MethodSource("databases")
    void aHandledEntryIsMarkedHandledAndNeitherItNorTheSameEventAgainIsHandledTwice(DataSource database) {
        on(database);
        String referral = UUID.randomUUID().toString();
        Notification event = receive("e-1", referral);

        processor.processDue();

        assertThat(entry("e-1")).extracting(InboxEntry::status, InboxEntry::attempts, InboxEntry::lastError)
                .containsExactly(InboxStatus.HANDLED, 0, null);
        assertThat(handler.applied).containsExactly("e-1");
        assertThat(handler.received).singleElement().satisfies(received -> {
            assertThat(received.facts().objectId()).isEqualTo(referral);
            assertThat(received.source().id().urn()).isEqualTo(GP);
            assertThat(received.purpose()).isEqualTo("intake");
            assertThat(received.change()).isEqualTo("corrected");
        });

        assertThat(inbox.receive(event, "referral", "intake")).as("delivered again").isFalse();
        clock.advance(Duration.ofHours(1));
        processor.processDue();

        assertThat(handler.prepared).containsExactly("e-1");
        assertThat(handler.applied).containsExactly("e-1");
        assertThat(outcomes("handled")).isEqualTo(1);
    }

    @Test
    void anEntryAnotherWorkerHandledMeanwhileHasItsChangeNotAppliedAgain() {
        onH2();
        receive("e-1", UUID.randomUUID().toString());
        handler.change = received -> {
            // the other instance of the node marks it handled between this one's prepare and its transaction
            inbox.markHandled(entry("e-1").id());
            return () -> handler.applied.add(received.notification().id());
        };

        processor.processDue();

        assertThat(handler.applied).isEmpty();
        assertThat(entry("e-1").status()).isEqualTo(InboxStatus.HANDLED);
    }

    @Test
    void aChangeThatFailsLeavesTheEntryUnhandledAndNothingOfTheChangeWritten() {
        onH2();
        jdbc.sql("create table applied_change (event_id varchar(200))").update();
        receive("e-1", UUID.randomUUID().toString());
        handler.change = received -> () -> {
            jdbc.sql("insert into applied_change (event_id) values ('e-1')").update();
            throw new QueryTimeoutException("statement cancelled");
        };

        processor.processDue();

        assertThat(entry("e-1")).extracting(InboxEntry::status, InboxEntry::attempts)
                .containsExactly(InboxStatus.RECEIVED, 1);
        assertThat(appliedChanges()).as("rolled back with the handled mark").isZero();

        handler.change = received -> () -> jdbc.sql("insert into applied_change (event_id) values ('e-1')").update();
        clock.advance(FIRST_DELAY);
        processor.processDue();

        assertThat(entry("e-1").status()).isEqualTo(InboxStatus.HANDLED);
        assertThat(appliedChanges()).isOne();
    }

    static Stream<Arguments> passingFailures() {
        return Stream.of(
                Arguments.of(new PullUnavailableException("owner did not answer")),
                Arguments.of(new QueryTimeoutException("statement cancelled")),
                Arguments.of(new DataAccessResourceFailureException("connection refused")),
                Arguments.of(new RecoverableDataAccessException("connection reset")),
                Arguments.of(new CannotCreateTransactionException("no connection")),
                Arguments.of(new ConcurrentChangeException("referral")));
    }

    @ParameterizedTest
    @MethodSource("passingFailures")
    void aFailureThatMayPassKeepsTheEntryForALaterAttempt(RuntimeException failure) {
        onH2();
        receive("e-1", UUID.randomUUID().toString());
        handler.failing.put("e-1", failure);

        processor.processDue();

        assertThat(entry("e-1")).extracting(InboxEntry::status, InboxEntry::attempts, InboxEntry::nextAttemptAt,
                InboxEntry::lastError).containsExactly(InboxStatus.RECEIVED, 1, NOW.plus(FIRST_DELAY), failure.getMessage());
        assertThat(outcomes("retried")).isEqualTo(1);

        processor.processDue();
        assertThat(handler.prepared).as("not due before its delay").containsExactly("e-1");

        handler.failing.clear();
        clock.advance(FIRST_DELAY);
        processor.processDue();
        assertThat(entry("e-1").status()).isEqualTo(InboxStatus.HANDLED);
        assertThat(handler.applied).containsExactly("e-1");
    }

    @ParameterizedTest
    @MethodSource("databases")
    void theDelayDoublesUpToItsLongestAndNoAttemptIsTheLast(DataSource database) {
        on(database);
        receive("e-1", UUID.randomUUID().toString());
        handler.failing.put("e-1", new PullUnavailableException("owner did not answer"));

        List<Duration> delays = new ArrayList<>();
        for (int attempt = 1; attempt <= 12; attempt++) {
            processor.processDue();
            InboxEntry entry = entry("e-1");
            assertThat(entry.status()).as("after attempt %d", attempt).isEqualTo(InboxStatus.RECEIVED);
            assertThat(entry.attempts()).isEqualTo(attempt);
            Duration delay = Duration.between(clock.instant(), entry.nextAttemptAt());
            delays.add(delay);
            clock.advance(delay.minusMillis(1));
            processor.processDue();
            assertThat(handler.prepared).as("a moment before it is due").hasSize(attempt);
            clock.advance(Duration.ofMillis(1));
        }

        assertThat(delays).startsWith(Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(4),
                Duration.ofSeconds(4));
        assertThat(delays.subList(2, delays.size())).containsOnly(LONGEST_DELAY);
        handler.failing.clear();
        processor.processDue();
        assertThat(entry("e-1").status()).isEqualTo(InboxStatus.HANDLED);
    }

    static Stream<Arguments> refusals() {
        return Stream.of(
                Arguments.of(new PullRefusedException(403, "purpose not allowed"), "purpose not allowed"),
                // the owner answered, and its answer shows the event was not for this node
                Arguments.of(new UnusableNotificationException("not for us: the pulled referral is addressed to someone else"),
                        "not for us: the pulled referral is addressed to someone else"),
                Arguments.of(new UndecodableNotificationException("body schema x is not in the catalogue"),
                        "body schema x is not in the catalogue"),
                // an unexpected failure's message may hold anything the handler read: only its kind is kept
                Arguments.of(new IllegalStateException("citizen 123456782 has no address"),
                        "unexpected IllegalStateException"));
    }

    @ParameterizedTest
    @MethodSource("refusals")
    void aRefusalOrAnUnexpectedFailureParksTheEntryForGood(RuntimeException failure, String reason) {
        onH2();
        receive("e-1", UUID.randomUUID().toString());
        handler.failing.put("e-1", failure);

        processor.processDue();

        assertThat(entry("e-1")).extracting(InboxEntry::status, InboxEntry::attempts, InboxEntry::lastError)
                .containsExactly(InboxStatus.PARKED, 1, reason);
        assertThat(outcomes("parked")).isEqualTo(1);

        handler.failing.clear();
        clock.advance(Duration.ofDays(1));
        processor.processDue();
        assertThat(handler.prepared).containsExactly("e-1");
        assertThat(handler.applied).isEmpty();
    }

    @Test
    void anEntryThatCannotBeReadIsParkedWithoutAskingAHandler() {
        onH2();
        String referral = UUID.randomUUID().toString();
        inbox.receive(notification("unknown-type", GP, referral, body(referral)), "prescription", "intake");
        inbox.receive(notification("no-handler", GP, referral, body(referral)), "case", "intake");
        inbox.receive(notification("undecodable", GP, referral, new byte[] {1, 2, 3}), "referral", "intake");
        inbox.receive(notification("unlisted", "urn:nld:kvk:87654321", referral, body(referral)), "referral", "intake");

        // one object, so each is the head only once the one before it is parked
        for (int round = 0; round < 4; round++) {
            processor.processDue();
        }

        assertThat(inbox.entries()).extracting(e -> e.notification().id(), InboxEntry::status, InboxEntry::lastError)
                .containsExactly(
                        tuple("unknown-type", InboxStatus.PARKED, "unknown object type prescription"),
                        tuple("no-handler", InboxStatus.PARKED, "no handler for case"),
                        tuple("undecodable", InboxStatus.PARKED,
                                "body is not Avro single-object encoded"),
                        tuple("unlisted", InboxStatus.PARKED,
                                "source is no longer in the participant list"));
        assertThat(handler.prepared).isEmpty();
    }

    @ParameterizedTest
    @MethodSource("databases")
    void oneObjectsEntriesAreHandledInTheOrderTheyArrivedWhileOtherObjectsGoOn(DataSource database) {
        on(database);
        String first = UUID.randomUUID().toString();
        String second = UUID.randomUUID().toString();
        receive("first-1", first);
        receive("first-2", first);
        receive("second-1", second);
        handler.failing.put("first-1", new PullUnavailableException("owner did not answer"));

        processor.processDue();
        processor.processDue();

        assertThat(handler.prepared).as("first-2 waits behind first-1").containsExactly("first-1", "second-1");
        assertThat(entry("first-2")).extracting(InboxEntry::status, InboxEntry::attempts)
                .containsExactly(InboxStatus.RECEIVED, 0);

        handler.failing.clear();
        clock.advance(FIRST_DELAY);
        processor.processDue();
        processor.processDue();

        assertThat(handler.applied).containsExactly("second-1", "first-1", "first-2");
    }

    @ParameterizedTest
    @MethodSource("databases")
    void differentObjectsAreHandledAtOnceAndOneObjectsEntriesStillOneAfterAnother(DataSource database) {
        on(database, 4);
        String first = UUID.randomUUID().toString();
        receive("first-1", first);
        receive("first-2", first);
        receive("first-3", first);
        for (String other : List.of("second", "third", "fourth")) {
            receive(other + "-1", UUID.randomUUID().toString());
        }
        // each object's first entry waits until all four are being handled: handled one at a time, the first one would
        // wait in vain, fail, and be retried instead of handled
        CyclicBarrier fourAtOnce = new CyclicBarrier(4);
        AtomicInteger inHandling = new AtomicInteger();
        AtomicInteger mostAtOnce = new AtomicInteger();
        handler.waiting = id -> {
            mostAtOnce.accumulateAndGet(inHandling.incrementAndGet(), Math::max);
            try {
                if (id.endsWith("-1")) {
                    fourAtOnce.await(10, TimeUnit.SECONDS);
                }
            } catch (Exception e) {
                throw new PullUnavailableException("not handled at the same time as the others: " + e);
            } finally {
                inHandling.decrementAndGet();
            }
        };

        processor.start();
        try {
            await().atMost(Duration.ofSeconds(20)).until(() -> handler.applied.size() == 6);
        } finally {
            processor.stop();
        }

        assertThat(mostAtOnce.get()).isEqualTo(4);
        assertThat(handler.applied).filteredOn(id -> id.startsWith("first-")).containsExactly("first-1", "first-2", "first-3");
        assertThat(handler.prepared.indexOf("first-2")).as("first-2 waits for first-1 to be applied")
                .isGreaterThan(handler.applied.indexOf("first-1"));
        assertThat(inbox.entries()).extracting(InboxEntry::status, InboxEntry::attempts)
                .containsOnly(tuple(InboxStatus.HANDLED, 0));
        assertThat(outcomes("handled")).isEqualTo(6);
    }

    @ParameterizedTest
    @MethodSource("databases")
    void aRowAnotherHandlerInsertedAtTheSameMomentMeansTryAgainNotPark(DataSource database) {
        on(database);
        receive("e-1", UUID.randomUUID().toString());
        jdbc.sql("create table if not exists kept_copy (object_id varchar(36) primary key)").update();
        jdbc.sql("delete from kept_copy").update();
        // what the other object's handler committed first: the row this change inserts too
        jdbc.sql("insert into kept_copy (object_id) values ('the referral')").update();
        handler.change = received -> () -> jdbc.sql("insert into kept_copy (object_id) values ('the referral')").update();

        processor.processDue();

        assertThat(entry("e-1")).extracting(InboxEntry::status, InboxEntry::attempts, InboxEntry::lastError)
                .containsExactly(InboxStatus.RECEIVED, 1, "another notification's handling wrote the same row at the same moment");
        assertThat(outcomes("retried")).isEqualTo(1);

        handler.change = received -> () -> handler.applied.add(received.notification().id());
        clock.advance(FIRST_DELAY);
        processor.processDue();
        assertThat(entry("e-1").status()).isEqualTo(InboxStatus.HANDLED);
        assertThat(handler.applied).containsExactly("e-1");
    }

    @ParameterizedTest
    @MethodSource("databases")
    void aParkedEntryNoLongerHoldsUpItsObject(DataSource database) {
        on(database);
        String referral = UUID.randomUUID().toString();
        receive("e-1", referral);
        receive("e-2", referral);
        handler.failing.put("e-1", new PullRefusedException(404, "not involved"));

        processor.processDue();
        processor.processDue();

        assertThat(handler.applied).containsExactly("e-2");
        assertThat(inbox.entries()).extracting(InboxEntry::status).containsExactly(InboxStatus.PARKED, InboxStatus.HANDLED);
    }

    @Test
    void aRoundWithoutItsDatabaseFailsQuietlySoTheScheduleGoesOn() {
        onH2();
        receive("e-1", UUID.randomUUID().toString());
        jdbc.sql("drop table inbox_entry").update();

        assertThatCode(processor::processDue).doesNotThrowAnyException();
        assertThat(handler.prepared).isEmpty();
    }

    private Notification receive(String eventId, String referral) {
        Notification notification = notification(eventId, GP, referral, body(referral));
        assertThat(inbox.receive(notification, "referral", "intake")).isTrue();
        return notification;
    }

    private byte[] body(String referral) {
        return codec.encode(new ObjectChanged("referral", referral, 1, GP, NOW));
    }

    private static Notification notification(String eventId, String source, String referral, byte[] body) {
        return new Notification(eventId, source, "nl.bronsein.referral.corrected.v2", referral, NOW,
                URI.create("https://gp.example:8443/network/v1/objects/referral/" + referral), 1L, body,
                "bronsein.inbox.municipality.oin.00000001001234567000", 0, 0);
    }

    private InboxEntry entry(String eventId) {
        return inbox.entries().stream().filter(e -> e.notification().id().equals(eventId)).findFirst().orElseThrow();
    }

    private long appliedChanges() {
        return jdbc.sql("select count(*) from applied_change").query(Long.class).single();
    }

    private double outcomes(String outcome) {
        Counter counter = meters.find(RuntimeMetrics.HANDLED).tag("outcome", outcome).counter();
        return counter == null ? 0 : counter.count();
    }

    /** Fails an event with the exception set for it, else returns the change the test set (by default: note it). */
    private static final class ScriptedHandler implements NotificationHandler {

        final Map<String, RuntimeException> failing = new HashMap<>();
        // synchronized: a processor with concurrency calls it from several threads at once
        final List<String> prepared = Collections.synchronizedList(new ArrayList<>());
        final List<String> applied = Collections.synchronizedList(new ArrayList<>());
        final List<ReceivedNotification> received = Collections.synchronizedList(new ArrayList<>());
        Function<ReceivedNotification, InboxChange> change = n -> () -> applied.add(n.notification().id());
        java.util.function.Consumer<String> waiting = id -> { };

        @Override
        public SharedObjectType objectType() {
            return SharedObjectType.REFERRAL;
        }

        @Override
        public InboxChange prepare(ReceivedNotification notification) {
            prepared.add(notification.notification().id());
            waiting.accept(notification.notification().id());
            RuntimeException failure = failing.get(notification.notification().id());
            if (failure != null) {
                throw failure;
            }
            received.add(notification);
            return change.apply(notification);
        }
    }
}

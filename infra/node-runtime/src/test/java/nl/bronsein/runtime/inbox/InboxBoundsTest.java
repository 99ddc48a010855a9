package nl.bronsein.runtime.inbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.jdbc.core.simple.JdbcClient;

import nl.bronsein.runtime.BothDatabases;
import nl.bronsein.runtime.notification.MalformedNotificationException;
import nl.bronsein.runtime.notification.Notification;

/**
 * The inbox's bounds against the migrated schema, on H2 and on a real PostgreSQL: {@link InboxBounds} says the width
 * of every column a received notification or a parked record fills, a notification at every bound is stored, one a
 * character over is refused before anything is stored, and a parked record always fits — any Kafka topic name, any
 * reason.
 */
class InboxBoundsTest {

    private static final Instant NOW = Instant.parse("2026-11-24T10:00:00Z");

    @RegisterExtension
    static final BothDatabases BOTH = new BothDatabases();

    static Stream<JdbcClient> databases() {
        return BOTH.databases("inbox-bounds", "inbox_entry", "parked_record");
    }

    @ParameterizedTest
    @MethodSource("databases")
    void theBoundsAreTheSchemasColumnWidths(JdbcClient jdbc) {
        Map<String, Integer> expected = Map.of(
                "inbox_entry.source", InboxBounds.SOURCE,
                "inbox_entry.event_id", InboxBounds.EVENT_ID,
                "inbox_entry.event_type", InboxBounds.EVENT_TYPE,
                "inbox_entry.subject", InboxBounds.SUBJECT,
                "inbox_entry.dataref", InboxBounds.DATAREF,
                "inbox_entry.purpose", InboxBounds.PURPOSE,
                "inbox_entry.last_error", InboxBounds.REASON,
                "parked_record.topic", InboxBounds.TOPIC,
                "parked_record.reason", InboxBounds.REASON);
        expected.forEach((column, width) -> {
            String[] parts = column.split("\\.");
            assertThat(jdbc.sql("select character_maximum_length from information_schema.columns"
                            + " where lower(table_name) = :t and lower(column_name) = :c")
                    .param("t", parts[0]).param("c", parts[1]).query(Integer.class).single()).as(column).isEqualTo(width);
        });
    }

    @ParameterizedTest
    @MethodSource("databases")
    void aNotificationAtEveryBoundIsStoredAndOneCharacterOverIsRefused(JdbcClient jdbc) {
        Inbox inbox = new Inbox(jdbc, Clock.fixed(NOW, ZoneOffset.UTC));
        String id = "i".repeat(InboxBounds.EVENT_ID);
        String source = "urn:nld:kvk:" + "1".repeat(InboxBounds.SOURCE - 12);
        String type = "nl.bronsein.referral." + "t".repeat(InboxBounds.EVENT_TYPE - 21);
        String subject = "s".repeat(InboxBounds.SUBJECT);
        String dataref = "https://gp.example/network/v1/objects/referral/" + "d".repeat(InboxBounds.DATAREF - 47);
        Notification atBounds = notification(id, source, type, subject, dataref, InboxBounds.LATEST);
        InboxBounds.check(atBounds);
        assertThat(inbox.receive(atBounds, "referral", "p".repeat(InboxBounds.PURPOSE))).isTrue();
        assertThat(inbox.receive(notification(id, source, type, subject, dataref, InboxBounds.EARLIEST), "referral",
                "intake")).as("the same event again").isFalse();

        assertRefused(notification(id + "i", source, type, subject, dataref, NOW), "ce_id is longer than 200 characters");
        assertRefused(notification(id, source + "1", type, subject, dataref, NOW), "ce_source is longer than 100 characters");
        assertRefused(notification(id, source, type + "t", subject, dataref, NOW), "ce_type is longer than 200 characters");
        assertRefused(notification(id, source, type, subject + "s", dataref, NOW), "ce_subject is longer than 64 characters");
        assertRefused(notification(id, source, type, subject, dataref + "d", NOW), "ce_dataref is longer than 500 characters");
        assertRefused(notification("a\u0000b", source, type, subject, dataref, NOW), "ce_id contains a control character");
        assertRefused(notification(id, source, type, "a\nb", dataref, NOW), "ce_subject contains a control character");
        assertRefused(notification(id, source, type, subject, dataref, InboxBounds.LATEST.plusNanos(1000)),
                "ce_time is outside the years 1 to 9999");
        assertRefused(notification(id, source, type, subject, dataref, InboxBounds.EARLIEST.minusNanos(1000)),
                "ce_time is outside the years 1 to 9999");
        assertThat(inbox.entries()).hasSize(1);
    }

    @ParameterizedTest
    @MethodSource("databases")
    void aParkedRecordAlwaysFits(JdbcClient jdbc) {
        Inbox inbox = new Inbox(jdbc, Clock.fixed(NOW, ZoneOffset.UTC));
        String longestTopic = "t".repeat(InboxBounds.TOPIC);
        assertThat(inbox.parkRecord(longestTopic, 0, 7, "r".repeat(5_000))).isTrue();
        assertThat(inbox.parkRecord(longestTopic, 0, 7, "again")).as("parked before").isFalse();
        assertThat(inbox.parkedRecordReasons()).containsExactly("r".repeat(InboxBounds.REASON));
    }

    private static void assertRefused(Notification notification, String reason) {
        assertThatThrownBy(() -> InboxBounds.check(notification)).isInstanceOf(MalformedNotificationException.class)
                .hasMessage(reason);
    }

    private static Notification notification(String id, String source, String type, String subject, String dataref,
                                             Instant time) {
        return new Notification(id, source, type, subject, time, URI.create(dataref), 1L, new byte[] {1}, "bronsein.referral.v1",
                0, 1);
    }
}

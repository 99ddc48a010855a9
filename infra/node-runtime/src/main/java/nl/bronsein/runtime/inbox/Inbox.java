package nl.bronsein.runtime.inbox;

import java.net.URI;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;

import nl.bronsein.runtime.audit.TraceParent;
import nl.bronsein.runtime.notification.Notification;

/**
 * Storage and state of received notifications. Receiving is idempotent on (source, event id): the same event
 * delivered twice, or replayed, is stored once and handled once.
 */
public class Inbox {

    private final JdbcClient jdbc;
    private final Clock clock;

    public Inbox(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /**
     * @return false when this event was received before. Looked up first rather than left to the unique key: inside
     * the listener's transaction a key violation would, on PostgreSQL, void the rest of the poll. The unique key still
     * settles a race with the catch-up worker (the loser's poll is taken in again, and then finds the event).
     */
    public boolean receive(Notification notification, String objectType, String purpose) {
        Instant now = clock.instant();
        boolean known = jdbc.sql("select count(*) from inbox_entry where source = :source and event_id = :eventId")
                .param("source", notification.source()).param("eventId", notification.id())
                .query(Integer.class).single() > 0;
        if (known) {
            return false;
        }
        try {
            jdbc.sql("""
                            insert into inbox_entry (source, event_id, event_type, object_type, subject, source_sequence,
                                dataref, occurred_at, body, purpose, received_at, status, attempts, next_attempt_at,
                                traceparent)
                            values (:source, :eventId, :eventType, :objectType, :subject, :sequence, :dataref, :occurredAt,
                                :body, :purpose, :now, 'RECEIVED', 0, :now, :traceparent)""")
                    .param("source", notification.source())
                    .param("eventId", notification.id())
                    .param("eventType", notification.type())
                    .param("objectType", objectType)
                    .param("subject", notification.subject())
                    .param("sequence", notification.sequence())
                    .param("dataref", notification.dataref().toString())
                    .param("occurredAt", Timestamp.from(notification.time()))
                    .param("body", notification.body())
                    .param("purpose", purpose)
                    .param("now", Timestamp.from(now))
                    // a well-formed one or none: what a sender put there is never stored unchecked
                    .param("traceparent", TraceParent.parse(notification.traceparent()).map(TraceParent::toString)
                            .orElse(null))
                    .update();
            return true;
        } catch (DuplicateKeyException alreadyReceived) {
            return false;
        }
    }

    /**
     * Entries due for handling that are the oldest open entry of their object, so one object's notifications are
     * handled in the order they arrived while other objects go on.
     */
    List<InboxEntry> dueHeads(int limit) {
        return jdbc.sql("""
                        select * from inbox_entry e
                        where e.status = 'RECEIVED' and e.next_attempt_at <= :now
                          and not exists (select 1 from inbox_entry p where p.status = 'RECEIVED'
                                          and p.source = e.source and p.subject = e.subject and p.id < e.id)
                        order by e.id fetch first :limit rows only""")
                .param("now", Timestamp.from(clock.instant()))
                .param("limit", limit)
                .query(Inbox::map)
                .list();
    }

    /** @return false when another worker handled it first; the caller must then not apply its change */
    boolean markHandled(long id) {
        return jdbc.sql("update inbox_entry set status = 'HANDLED', handled_at = :now, last_error = null where id = :id and status = 'RECEIVED'")
                .param("now", Timestamp.from(clock.instant())).param("id", id).update() == 1;
    }

    void retryLater(InboxEntry entry, String reason, java.time.Duration delay) {
        jdbc.sql("update inbox_entry set attempts = attempts + 1, next_attempt_at = :next, last_error = :reason where id = :id and status = 'RECEIVED'")
                .param("next", Timestamp.from(clock.instant().plus(delay)))
                .param("reason", InboxBounds.reason(reason))
                .param("id", entry.id())
                .update();
    }

    void park(InboxEntry entry, String reason) {
        jdbc.sql("update inbox_entry set status = 'PARKED', attempts = attempts + 1, last_error = :reason where id = :id and status = 'RECEIVED'")
                .param("reason", InboxBounds.reason(reason)).param("id", entry.id()).update();
    }

    /**
     * A record that cannot be taken in (not a notification, or one that failed a check); kept by position so it never
     * blocks its partition. The reason is cut to fit; any Kafka topic name fits ({@link InboxBounds#TOPIC}).
     *
     * @return false when it was parked before (a poll taken in again)
     */
    public boolean parkRecord(String topic, int partition, long offset, String reason) {
        boolean known = jdbc.sql("select count(*) from parked_record where topic = :t and kafka_partition = :p and kafka_offset = :o")
                .param("t", topic).param("p", partition).param("o", offset).query(Integer.class).single() > 0;
        if (known) {
            return false;
        }
        try {
            jdbc.sql("insert into parked_record (topic, kafka_partition, kafka_offset, reason, parked_at) values (:t, :p, :o, :r, :at)")
                    .param("t", topic).param("p", partition).param("o", offset).param("r", InboxBounds.reason(reason))
                    .param("at", Timestamp.from(clock.instant())).update();
            return true;
        } catch (DuplicateKeyException parkedBefore) {
            // redelivered after a rebalance: it is parked already
            return false;
        }
    }

    /**
     * Forgets the notifications that happened at or after a moment (all, for {@code null}), so that reading the topics
     * again from there receives and handles them anew. Handlers are idempotent, so nothing is applied twice.
     */
    public int forgetFrom(Instant moment) {
        return jdbc.sql("delete from inbox_entry where occurred_at >= :from")
                .param("from", Timestamp.from(moment == null ? Instant.EPOCH : moment)).update();
    }

    public List<InboxEntry> entries() {
        return jdbc.sql("select * from inbox_entry order by id").query(Inbox::map).list();
    }

    public List<String> parkedRecordReasons() {
        return jdbc.sql("select reason from parked_record order by id").query(String.class).list();
    }

    private static InboxEntry map(ResultSet rs, int row) throws SQLException {
        long sequence = rs.getLong("source_sequence");
        Long sourceSequence = rs.wasNull() ? null : sequence;
        Notification notification = new Notification(rs.getString("event_id"), rs.getString("source"),
                rs.getString("event_type"), rs.getString("subject"), rs.getTimestamp("occurred_at").toInstant(),
                URI.create(rs.getString("dataref")), sourceSequence, rs.getBytes("body"), null, -1, -1, null, null,
                rs.getString("traceparent"));
        return new InboxEntry(rs.getLong("id"), notification, rs.getString("object_type"), rs.getString("purpose"),
                InboxStatus.valueOf(rs.getString("status")), rs.getInt("attempts"),
                rs.getTimestamp("next_attempt_at").toInstant(), rs.getString("last_error"));
    }
}

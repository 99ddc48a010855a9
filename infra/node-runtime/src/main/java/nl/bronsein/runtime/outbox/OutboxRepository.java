package nl.bronsein.runtime.outbox;

import java.net.URI;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Storage of the outbox and its sequences; the workflow lives in {@link Outbox} (recording), {@link OutboxNumbering}
 * (numbering) and {@link Relay} (publishing).
 */
public class OutboxRepository {

    private final JdbcClient jdbc;

    public OutboxRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Creates a source's sequence row if it is missing, in its own statement, before any row is numbered: creating it
     * inside the numbering's transaction would race on PostgreSQL, where the losing insert aborts the whole transaction
     * (found by the chaos suite as 500s on a fresh node's very first referrals, when changes still took the number).
     */
    public void ensureSequence(String source) {
        if (jdbc.sql("select count(*) from source_sequence where source = :source").param("source", source)
                .query(Long.class).single() == 0) {
            try {
                jdbc.sql("insert into source_sequence (source, last_value) values (:source, 0)").param("source", source).update();
            } catch (org.springframework.dao.DuplicateKeyException raced) {
                // another instance of this node created it first: fine
            }
        }
    }

    /** Rows written before addressed delivery: on neither an inbox nor a generic topic. */
    long countBeforeAddressedDelivery() {
        return jdbc.sql("select count(*) from outbox_entry where topic not like 'bronsein.inbox.%' "
                + "and topic not like 'bronsein.generic.%'").query(Long.class).single();
    }

    /**
     * The rows that committed without numbers, oldest first, at most {@code limit}: what {@link OutboxNumbering} numbers
     * next. The unique index on {@code source_sequence} finds them (both databases index nulls), however long the
     * numbered part of the outbox.
     */
    List<Unnumbered> findUnnumbered(int limit) {
        return jdbc.sql("""
                        select id, recipient from outbox_entry where source_sequence is null
                        order by id fetch first :limit rows only""")
                .param("limit", limit)
                .query((rs, row) -> new Unnumbered(rs.getLong("id"), rs.getString("recipient")))
                .list();
    }

    /** Whether any committed row waits for its numbers; without an order, so any index on the column can answer. */
    boolean anyUnnumbered() {
        return jdbc.sql("select id from outbox_entry where source_sequence is null fetch first 1 rows only")
                .query(Long.class).optional().isPresent();
    }

    /** A committed row waiting for its numbers: its id, and its recipient (null when generic). */
    record Unnumbered(long id, String recipient) {
    }

    /**
     * Locks a source's sequence row until the caller's transaction ends and returns its last number. Only the relay's
     * numbering takes it, so two instances of a node on one database number one after the other.
     */
    long lockSequence(String source) {
        return jdbc.sql("select last_value from source_sequence where source = :source for update")
                .param("source", source).query(Long.class).optional()
                .orElseThrow(() -> new IllegalStateException("no sequence row for " + source + " (ensureSequence first)"));
    }

    void moveSequence(String source, long lastValue) {
        jdbc.sql("update source_sequence set last_value = :last where source = :source")
                .param("last", lastValue).param("source", source).update();
    }

    /** The last number this node gave a recipient, 0 before its first; read under the source's sequence lock. */
    long recipientSequence(String recipient) {
        return jdbc.sql("select last_value from recipient_sequence where recipient = :recipient")
                .param("recipient", recipient).query(Long.class).optional().orElse(0L);
    }

    /**
     * Sets a recipient's last number, creating its row at its first notification. Only under the source's sequence
     * lock ({@link #lockSequence}), which also makes creating the row race-free.
     */
    void moveRecipientSequence(String recipient, long lastValue) {
        if (jdbc.sql("update recipient_sequence set last_value = :last where recipient = :recipient")
                .param("last", lastValue).param("recipient", recipient).update() == 0) {
            jdbc.sql("insert into recipient_sequence (recipient, last_value) values (:recipient, :last)")
                    .param("recipient", recipient).param("last", lastValue).update();
        }
    }

    /** Gives a committed row its numbers; false if it had them already (numbered outside the sequence lock). */
    boolean number(long id, long sourceSequence, Long recipientSequence) {
        return jdbc.sql("""
                        update outbox_entry set source_sequence = :sequence, recipient_sequence = :recipientSequence
                        where id = :id and source_sequence is null""")
                .param("sequence", sourceSequence).param("recipientSequence", recipientSequence).param("id", id)
                .update() == 1;
    }

    void insert(OutboxEntry entry) {
        jdbc.sql("""
                        insert into outbox_entry (event_id, source_sequence, topic, event_type, object_type, subject,
                                                  dataref, occurred_at, body, recipient, recipient_sequence,
                                                  traceparent)
                        values (:eventId, :sequence, :topic, :eventType, :objectType, :subject, :dataref, :occurredAt,
                                :body, :recipient, :recipientSequence, :traceparent)""")
                .param("eventId", entry.eventId())
                .param("sequence", entry.sourceSequence())
                .param("topic", entry.topic())
                .param("eventType", entry.eventType())
                .param("objectType", entry.objectType())
                .param("subject", entry.subject())
                .param("dataref", entry.dataref().toString())
                .param("occurredAt", Timestamp.from(entry.occurredAt()))
                .param("body", entry.body())
                .param("recipient", entry.recipient())
                .param("recipientSequence", entry.recipientSequence())
                .param("traceparent", entry.traceparent())
                .update();
    }

    /**
     * The sequence number up to which every entry is published: the relay reads on from there. Rows get their numbers
     * from the relay's numbering, in order, under the sequence row's lock, and the relay publishes in that order, so
     * the numbered unpublished entries are always the tail of the sequence (unnumbered ones count for neither part).
     */
    long publishedThrough() {
        return jdbc.sql("""
                        select coalesce(min(source_sequence) - 1, (select coalesce(max(source_sequence), 0) from outbox_entry))
                        from outbox_entry where published_at is null""")
                .query(Long.class).single();
    }

    void markPublished(Collection<Long> ids, Instant at) {
        if (ids.isEmpty()) {
            return;
        }
        jdbc.sql("update outbox_entry set published_at = :at where id in (:ids) and published_at is null")
                .param("at", Timestamp.from(at)).param("ids", ids).update();
    }

    /**
     * Marks every unpublished row up to and including a checkpoint's sequence number as published — if the row at that
     * number is the one the checkpoint names; a different one means this outbox is not the history the checkpoint
     * covers (a restored database), and nothing is marked.
     *
     * @return the rows marked, or -1 when the checkpoint does not belong to this outbox
     */
    int markPublishedThrough(long sequence, UUID eventId, Instant at) {
        List<UUID> named = jdbc.sql("select event_id from outbox_entry where source_sequence = :sequence")
                .param("sequence", sequence).query(UUID.class).list();
        if (!named.equals(List.of(eventId))) {
            return -1;
        }
        return jdbc.sql("update outbox_entry set published_at = :at where published_at is null and source_sequence <= :sequence")
                .param("at", Timestamp.from(at)).param("sequence", sequence).update();
    }

    /**
     * What the relay reads next: the numbered outbox after a node-wide sequence number, oldest first (a row without
     * its number yet is not among them). It walks the sequence's index; asking for {@code published_at is null}
     * instead made H2 gather and sort the whole backlog for every batch, which took a relay with a million rows waiting
     * minutes per batch.
     */
    List<OutboxEntry> findAfter(long afterSequence, int limit) {
        return jdbc.sql("""
                        select * from outbox_entry where source_sequence > :after
                        order by source_sequence fetch first :limit rows only""")
                .param("after", afterSequence)
                .param("limit", limit)
                .query(OutboxRepository::map)
                .list();
    }

    /**
     * What this node sent one recipient after a number of that recipient's own sequence (and, if given, from a moment
     * on), oldest first: the history a recipient that missed notifications asks for. Nobody sees another's. Only
     * numbered rows: a row that the relay has not numbered yet has no place in the recipient's sequence, and is served
     * once it has one (the same moment the relay may publish it).
     */
    public List<OutboxEntry> findSentTo(String recipient, long afterSequence, Instant since, int limit) {
        return jdbc.sql("""
                        select * from outbox_entry where recipient = :recipient and recipient_sequence is not null
                        and recipient_sequence > :after and occurred_at >= :since
                        order by recipient_sequence fetch first :limit rows only""")
                .param("recipient", recipient)
                .param("after", afterSequence)
                .param("since", Timestamp.from(since == null ? Instant.EPOCH : since))
                .param("limit", limit)
                .query(OutboxRepository::map)
                .list();
    }

    /** The whole outbox in the order it was recorded (row id), numbered or not: a picture for tests and tools. */
    public List<OutboxEntry> findAll() {
        return jdbc.sql("select * from outbox_entry order by id").query(OutboxRepository::map).list();
    }

    public long countUnpublished() {
        return jdbc.sql("select count(*) from outbox_entry where published_at is null").query(Long.class).single();
    }

    /** How many rows wait to be published, and when the oldest of them changed (null when none wait). */
    public Backlog backlog() {
        return jdbc.sql("select count(*) as waiting, min(occurred_at) as oldest from outbox_entry where published_at is null")
                .query((rs, row) -> {
                    Timestamp oldest = rs.getTimestamp("oldest");
                    return new Backlog(rs.getLong("waiting"), oldest == null ? null : oldest.toInstant());
                })
                .single();
    }

    /** The unpublished part of the outbox: a count and the moment of the oldest change, for health and metrics. */
    public record Backlog(long count, Instant oldest) {

        /** How long the oldest unpublished row has waited; zero when none waits. */
        public java.time.Duration ageAt(Instant now) {
            return oldest == null || oldest.isAfter(now) ? java.time.Duration.ZERO : java.time.Duration.between(oldest, now);
        }
    }

    private static OutboxEntry map(ResultSet rs, int row) throws SQLException {
        Timestamp published = rs.getTimestamp("published_at");
        return new OutboxEntry(rs.getLong("id"), rs.getObject("event_id", UUID.class),
                rs.getObject("source_sequence", Long.class),
                rs.getString("topic"), rs.getString("event_type"), rs.getString("object_type"), rs.getString("subject"),
                URI.create(rs.getString("dataref")), rs.getTimestamp("occurred_at").toInstant(), rs.getBytes("body"),
                published == null ? null : published.toInstant(), rs.getString("recipient"),
                rs.getObject("recipient_sequence", Long.class), rs.getString("traceparent"));
    }
}

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

/** Storage of the outbox and the per-source sequence; the workflow lives in {@link Outbox} and {@link Relay}. */
public class OutboxRepository {

    private final JdbcClient jdbc;

    public OutboxRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Creates a source's sequence row if it is missing, in its own statement, before any change is recorded: creating
     * it inside a change's transaction would race on PostgreSQL, where the losing insert aborts the whole transaction.
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

    /** Takes the next sequence number of a source; the row stays locked until the caller's transaction ends. */
    long nextSequence(String source) {
        int updated = jdbc.sql("update source_sequence set last_value = last_value + 1 where source = :source")
                .param("source", source).update();
        if (updated == 0) {
            // Only where nothing ran ensureSequence (a lone writer, such as a test of the outbox itself); a node
            // creates the row at start-up, so its concurrent first changes never race on this insert.
            jdbc.sql("insert into source_sequence (source, last_value) values (:source, 1)").param("source", source).update();
            return 1;
        }
        return jdbc.sql("select last_value from source_sequence where source = :source")
                .param("source", source).query(Long.class).single();
    }

    /**
     * Takes the next number in what this node sends one recipient. Only under the node's sequence lock
     * ({@link #nextSequence} first, in the same transaction), which also makes creating the row race-free.
     */
    long nextRecipientSequence(String recipient) {
        int updated = jdbc.sql("update recipient_sequence set last_value = last_value + 1 where recipient = :recipient")
                .param("recipient", recipient).update();
        if (updated == 0) {
            jdbc.sql("insert into recipient_sequence (recipient, last_value) values (:recipient, 1)")
                    .param("recipient", recipient).update();
            return 1;
        }
        return jdbc.sql("select last_value from recipient_sequence where recipient = :recipient")
                .param("recipient", recipient).query(Long.class).single();
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
     * The sequence number up to which every entry is published: the relay reads on from there. Sequence numbers are
     * taken under the sequence row's lock and committed in order, and the relay publishes in that order, so the
     * unpublished entries are always the tail of the sequence.
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
     * What the relay reads next: the outbox after a node-wide sequence number, oldest first. It walks the sequence's
     * index; asking for {@code published_at is null} instead made H2 gather and sort the whole backlog for every batch,
     * which took a relay with a million rows waiting minutes per batch.
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
     * on), oldest first: the history a recipient that missed notifications asks for. Nobody sees another's.
     */
    public List<OutboxEntry> findSentTo(String recipient, long afterSequence, Instant since, int limit) {
        return jdbc.sql("""
                        select * from outbox_entry where recipient = :recipient and recipient_sequence > :after
                        and occurred_at >= :since order by recipient_sequence fetch first :limit rows only""")
                .param("recipient", recipient)
                .param("after", afterSequence)
                .param("since", Timestamp.from(since == null ? Instant.EPOCH : since))
                .param("limit", limit)
                .query(OutboxRepository::map)
                .list();
    }

    public List<OutboxEntry> findAll() {
        return jdbc.sql("select * from outbox_entry order by source_sequence").query(OutboxRepository::map).list();
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
        return new OutboxEntry(rs.getLong("id"), rs.getObject("event_id", UUID.class), rs.getLong("source_sequence"),
                rs.getString("topic"), rs.getString("event_type"), rs.getString("object_type"), rs.getString("subject"),
                URI.create(rs.getString("dataref")), rs.getTimestamp("occurred_at").toInstant(), rs.getBytes("body"),
                published == null ? null : published.toInstant(), rs.getString("recipient"),
                rs.getObject("recipient_sequence", Long.class), rs.getString("traceparent"));
    }
}

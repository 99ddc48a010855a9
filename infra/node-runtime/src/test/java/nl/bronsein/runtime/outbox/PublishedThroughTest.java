package nl.bronsein.runtime.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

import nl.bronsein.runtime.RuntimeTables;

/**
 * Where the relay reads on from: the unpublished rows are the tail of the sequence, so it walks the sequence index
 * from the last published row instead of asking for every unpublished row and sorting them (which, on H2, gathered
 * the whole backlog for each batch).
 */
class PublishedThroughTest {

    private JdbcClient jdbc;
    private OutboxRepository repository;

    @BeforeEach
    void database() {
        jdbc = RuntimeTables.inMemoryH2("published-through");
        repository = new OutboxRepository(jdbc);
    }

    @Test
    void anEmptyOutboxIsPublishedThroughZero() {
        assertThat(repository.publishedThrough()).isZero();
        assertThat(repository.findAfter(0, 500)).isEmpty();
    }

    @Test
    void aFullyPublishedOutboxIsPublishedThroughItsLastRow() {
        rows(1, 40, true);
        assertThat(repository.publishedThrough()).isEqualTo(40);
        assertThat(repository.findAfter(40, 500)).isEmpty();
    }

    @Test
    void theRelayReadsOnFromTheRowBeforeTheFirstUnpublishedOne() {
        rows(1, 1_000, true);
        rows(1_001, 1_800, false);
        assertThat(repository.publishedThrough()).isEqualTo(1_000);
        List<OutboxEntry> next = repository.findAfter(repository.publishedThrough(), 500);
        assertThat(next).extracting(OutboxEntry::sourceSequence).first().isEqualTo(1_001L);
        assertThat(next).extracting(OutboxEntry::sourceSequence).last().isEqualTo(1_500L);
        assertThat(next).allSatisfy(entry -> assertThat(entry.publishedAt()).isNull());
    }

    private void rows(long from, long through, boolean published) {
        for (long sequence = from; sequence <= through; sequence++) {
            jdbc.sql("""
                            insert into outbox_entry (event_id, source_sequence, topic, event_type, object_type, subject,
                                                      dataref, occurred_at, body, published_at)
                            values (:eventId, :sequence, 'bronsein.referral.v1', 'nl.bronsein.referral.recorded.v1',
                                    'referral', :subject, 'https://gp.example:8443/network/v1/objects/referral/x',
                                    :at, :body, :published)""")
                    .param("eventId", UUID.randomUUID()).param("sequence", sequence)
                    .param("subject", UUID.randomUUID().toString()).param("at", Timestamp.from(Instant.now()))
                    .param("body", new byte[] {1}).param("published", published ? Timestamp.from(Instant.now()) : null)
                    .update();
        }
    }
}

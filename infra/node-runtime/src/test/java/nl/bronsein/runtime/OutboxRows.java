package nl.bronsein.runtime;

import java.util.List;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

import nl.bronsein.runtime.outbox.OutboxEntry;
import nl.bronsein.runtime.outbox.OutboxRepository;
import nl.bronsein.schemas.NotificationCodec;
import nl.bronsein.schemas.NotificationTopics;
import nl.bronsein.schemas.ObjectChanged;
import nl.bronsein.schemas.SharedObjectType;

/**
 * The outbox as a {@link NodeServiceSliceTest} reads it: what one step added, judged against a mark taken before it,
 * since the context (and its database) is shared by the tests of a class.
 */
public record OutboxRows(OutboxRepository outbox, JdbcClient jdbc, NotificationCodec codec) {

    private static final String REFUSAL = "node_service_slice_refusal";

    /** Where the outbox stands now: the highest row id, 0 for an empty outbox. */
    public long mark() {
        return outbox.findAll().stream().mapToLong(OutboxEntry::id).max().orElse(0);
    }

    /** The rows committed after {@code mark}, in the order they were recorded. */
    public List<OutboxEntry> since(long mark) {
        return outbox.findAll().stream().filter(entry -> entry.id() > mark).toList();
    }

    /**
     * Asserts that {@code row} tells {@code recipient}, on its own inbox, of {@code change} of one version of one object;
     * the version is read from the signed body, which is what the recipient acts on.
     */
    public void assertNotifies(OutboxEntry row, String recipient, SharedObjectType type, String change, UUID objectId,
                               int version) {
        assertThat(row.recipient()).isEqualTo(recipient);
        assertThat(row.topic()).isEqualTo(NotificationTopics.inbox(SliceNetwork.roleOf(recipient).name(), recipient));
        assertThat(row.objectType()).isEqualTo(type.code());
        assertThat(row.subject()).isEqualTo(objectId.toString());
        assertThat(row.eventType()).isEqualTo(type.eventType(change));
        ObjectChanged body = codec.decode(row.body(), ObjectChanged.class);
        assertThat(String.valueOf(body.getObjectId())).isEqualTo(objectId.toString());
        assertThat(body.getObjectVersion()).isEqualTo(version);
    }

    /**
     * Runs {@code step} while the database refuses every new outbox row: the one failure a service cannot see coming,
     * after its own change is written. Whatever the step wrote must be gone with it. The refusal is lifted afterwards,
     * whatever the step did.
     */
    public void refusingNewRows(Runnable step) {
        // by row id: a new row has no sequence number until a relay numbers it, and a check passes a null
        long last = jdbc.sql("select coalesce(max(id), 0) from outbox_entry").query(Long.class).single();
        // DDL takes no bind parameters; a long is all that is written into it
        jdbc.sql("alter table outbox_entry add constraint " + REFUSAL + " check (id <= " + last + ")").update();
        try {
            step.run();
        } finally {
            jdbc.sql("alter table outbox_entry drop constraint " + REFUSAL).update();
        }
    }
}

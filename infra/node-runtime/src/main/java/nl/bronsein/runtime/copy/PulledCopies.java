package nl.bronsein.runtime.copy;

import nl.bronsein.runtime.api.NodeApi;
import nl.bronsein.runtime.pull.Withdrawal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;

import nl.bronsein.schemas.SharedObjectType;
import tools.jackson.databind.json.JsonMapper;

/**
 * What this node pulled from others, one current copy per object, with provenance. Handlers write here from the
 * inbox's transaction, so a copy and the change derived from it commit together.
 */
@NodeApi
public class PulledCopies {

    private final JdbcClient jdbc;
    private final JsonMapper json;

    public PulledCopies(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    /**
     * Keeps the copy if it is newer than the one held: a late or replayed notification never puts an old version back
     * as current. A withdrawn copy is never replaced; withdrawal is final.
     *
     * @return whether the copy is now the one held
     */
    public boolean keep(PulledCopy<?> copy) {
        Optional<Held> held = held(copy.owner(), copy.objectType(), copy.objectId());
        if (held.isPresent() && (held.get().withdrawn() || held.get().version() > copy.version())) {
            return false;
        }
        String sql = held.isEmpty()
                ? """
                  insert into pulled_copy (owner, object_type, object_id, version, purpose, pulled_at, content)
                  values (:owner, :type, :id, :version, :purpose, :pulledAt, :content)"""
                : """
                  update pulled_copy set version = :version, purpose = :purpose, pulled_at = :pulledAt, content = :content
                  where owner = :owner and object_type = :type and object_id = :id
                    and version <= :version and withdrawal is null""";
        // The guard repeats the check above in the write itself: two notifications' handlers (of the object and of one
        // that refers to it) may keep the same object at once, and the later version must win whichever commits last.
        // Two first copies at once meet on the key instead, and the inbox tries the loser again.
        return jdbc.sql(sql).param("owner", copy.owner()).param("type", copy.objectType().code()).param("id", copy.objectId())
                .param("version", copy.version()).param("purpose", copy.purpose())
                .param("pulledAt", Timestamp.from(copy.pulledAt()))
                .param("content", json.writeValueAsString(copy.content()))
                .update() == 1;
    }

    /**
     * Marks the copy withdrawn, or records the withdrawal when nothing was pulled yet, so that a notification still in
     * flight cannot lead to a pull afterwards. Idempotent; the first withdrawal stays. Only for a withdrawal the owner
     * stated (see {@link OwnerAnswers}), never for one a notification merely claims.
     *
     * @param at when this node learned it
     */
    public void withdraw(String owner, SharedObjectType type, String objectId, Withdrawal withdrawal,
                         Instant at) {
        Optional<Held> held = held(owner, type, objectId);
        if (held.isPresent() && held.get().withdrawn()) {
            return;
        }
        if (held.isEmpty()) {
            jdbc.sql("""
                            insert into pulled_copy (owner, object_type, object_id, version, purpose, pulled_at, content,
                                withdrawal, withdrawn_at)
                            values (:owner, :type, :id, 0, 'none', :at, 'null', :withdrawal, :at)""")
                    .param("owner", owner).param("type", type.code()).param("id", objectId)
                    .param("withdrawal", withdrawal.name()).param("at", Timestamp.from(at))
                    .update();
            return;
        }
        jdbc.sql("""
                        update pulled_copy set withdrawal = :withdrawal, withdrawn_at = :at
                        where owner = :owner and object_type = :type and object_id = :id""")
                .param("owner", owner).param("type", type.code()).param("id", objectId)
                .param("withdrawal", withdrawal.name()).param("at", Timestamp.from(at))
                .update();
    }

    public <T> Optional<PulledCopy<T>> find(String owner, SharedObjectType type, String objectId, Class<T> view) {
        return jdbc.sql("select * from pulled_copy where owner = :owner and object_type = :type and object_id = :id")
                .param("owner", owner).param("type", type.code()).param("id", objectId)
                .query((rs, n) -> map(rs, type, view))
                .optional();
    }

    /**
     * Every copy of one object type this node holds and may still use (not withdrawn), by owner and id, leaving out
     * {@code exceptOwner}'s: what a directory of published objects (contact points, catalogue services) lists.
     */
    public <T> List<PulledCopy<T>> current(SharedObjectType type, Class<T> view, String exceptOwner) {
        return jdbc.sql("""
                        select * from pulled_copy
                        where object_type = :type and withdrawal is null and owner <> :except
                        order by owner, object_id""")
                .param("type", type.code()).param("except", exceptOwner)
                .query((rs, n) -> map(rs, type, view))
                .list().stream().filter(copy -> copy.content() != null).toList();
    }

    /** Whether this node holds a copy of the object, current or withdrawn. */
    public boolean holds(String owner, SharedObjectType type, String objectId) {
        return held(owner, type, objectId).isPresent();
    }

    /** Whether this node may no longer pull the object: its owner withdrew it or the consent it was shared on. */
    public boolean isWithdrawn(String owner, SharedObjectType type, String objectId) {
        return held(owner, type, objectId).map(Held::withdrawn).orElse(false);
    }

    /**
     * Whether this node holds the object, not withdrawn, at {@code version} or later, pulled for {@code purpose}: what
     * a notification of that version could teach it, it already learned.
     */
    boolean holdsCurrent(String owner, SharedObjectType type, String objectId, int version, String purpose) {
        return held(owner, type, objectId)
                .filter(held -> !held.withdrawn() && held.version() >= version && purpose.equals(held.purpose()))
                .isPresent();
    }

    /** Forgets every pulled copy: part of rebuilding what this node knows of others from the topics and pulls. */
    public void forgetAll() {
        jdbc.sql("delete from pulled_copy").update();
    }

    private Optional<Held> held(String owner, SharedObjectType type, String objectId) {
        return jdbc.sql("select version, purpose, withdrawal from pulled_copy where owner = :owner and object_type = :type and object_id = :id")
                .param("owner", owner).param("type", type.code()).param("id", objectId)
                .query((rs, n) -> new Held(rs.getInt("version"), rs.getString("purpose"), rs.getString("withdrawal") != null))
                .optional();
    }

    private <T> PulledCopy<T> map(ResultSet rs, SharedObjectType type, Class<T> view) throws SQLException {
        String withdrawal = rs.getString("withdrawal");
        Timestamp withdrawnAt = rs.getTimestamp("withdrawn_at");
        return new PulledCopy<>(rs.getString("owner"), type, rs.getString("object_id"), rs.getInt("version"),
                rs.getString("purpose"), rs.getTimestamp("pulled_at").toInstant(),
                json.readValue(rs.getString("content"), view),
                withdrawal == null ? null : Withdrawal.valueOf(withdrawal),
                withdrawnAt == null ? null : withdrawnAt.toInstant());
    }

    private record Held(int version, String purpose, boolean withdrawn) {
    }
}

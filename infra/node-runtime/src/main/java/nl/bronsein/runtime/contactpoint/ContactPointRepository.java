package nl.bronsein.runtime.contactpoint;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;

import nl.bronsein.schemas.view.PublishedContactPointView.Entry;

/** This node's own contact points ({@code contact_point}, {@code contact_point_entry}); all of them are owned by {@code owner}. */
public class ContactPointRepository {

    private final JdbcClient jdbc;
    private final String owner;

    public ContactPointRepository(JdbcClient jdbc, String owner) {
        this.jdbc = jdbc;
        this.owner = owner;
    }

    void insert(ContactPoint cp, Instant at) {
        jdbc.sql("insert into contact_point (id, version, created_at, updated_at) values (:id, :version, :at, :at)")
                .param("id", cp.id()).param("version", cp.version()).param("at", Timestamp.from(at))
                .update();
        insertSchedule(cp);
    }

    /** Optimistic: lands only on the version that was read, so two concurrent changes cannot both succeed. */
    boolean update(ContactPoint cp, int expectedVersion, Instant at) {
        int updated = jdbc.sql("""
                        update contact_point set version = :version, updated_at = :at
                        where id = :id and version = :expected""")
                .param("id", cp.id()).param("version", cp.version()).param("at", Timestamp.from(at))
                .param("expected", expectedVersion)
                .update();
        if (updated != 1) {
            return false;
        }
        jdbc.sql("delete from contact_point_entry where contact_point_id = :id").param("id", cp.id()).update();
        insertSchedule(cp);
        return true;
    }

    public Optional<ContactPoint> find(UUID id) {
        Optional<Integer> version = jdbc.sql("select version from contact_point where id = :id").param("id", id)
                .query(Integer.class).optional();
        return version.map(v -> new ContactPoint(id, v, owner, jdbc.sql("""
                        select * from contact_point_entry where contact_point_id = :id order by seq""")
                .param("id", id).query(ContactPointRepository::entry).list()));
    }

    public boolean exists(UUID id) {
        return jdbc.sql("select count(*) from contact_point where id = :id").param("id", id)
                .query(Integer.class).single() > 0;
    }

    /** Oldest first. */
    public List<ContactPoint> findAll() {
        Map<UUID, Integer> versions = new LinkedHashMap<>();
        jdbc.sql("select id, version from contact_point order by created_at, id")
                .query((ResultSet rs) -> {
                    versions.put(rs.getObject("id", UUID.class), rs.getInt("version"));
                });
        Map<UUID, List<Entry>> schedules = new LinkedHashMap<>();
        jdbc.sql("select * from contact_point_entry order by contact_point_id, seq")
                .query((ResultSet rs) -> {
                    schedules.computeIfAbsent(rs.getObject("contact_point_id", UUID.class), k -> new ArrayList<>())
                            .add(entry(rs, 0));
                });
        List<ContactPoint> all = new ArrayList<>();
        versions.forEach((id, version) -> all.add(new ContactPoint(id, version, owner, schedules.get(id))));
        return all;
    }

    private void insertSchedule(ContactPoint cp) {
        for (int i = 0; i < cp.schedule().size(); i++) {
            Entry entry = cp.schedule().get(i);
            jdbc.sql("""
                            insert into contact_point_entry (contact_point_id, seq, name, phone, email, effective_from)
                            values (:id, :seq, :name, :phone, :email, :effectiveFrom)""")
                    .param("id", cp.id()).param("seq", i + 1)
                    .param("name", entry.name()).param("phone", entry.phone()).param("email", entry.email())
                    .param("effectiveFrom", Timestamp.from(entry.effectiveFrom()))
                    .update();
        }
    }

    private static Entry entry(ResultSet rs, int row) throws SQLException {
        return new Entry(rs.getString("name"), rs.getString("phone"), rs.getString("email"),
                rs.getTimestamp("effective_from").toInstant());
    }
}

package nl.bronsein.municipality.cases;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import nl.bronsein.schemas.view.ContactPointView;

@Repository
public class CaseRepository {

    private final JdbcClient jdbc;

    public CaseRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void insert(Case c, Instant at) {
        jdbc.sql("""
                        insert into intake_case (id, version, status, referral_owner, referral_id, received_at, updated_at)
                        values (:id, :version, :status, :owner, :referralId, :receivedAt, :at)""")
                .param("id", c.id()).param("version", c.version()).param("status", c.status().name())
                .param("owner", c.referralOwner()).param("referralId", c.referralId())
                .param("receivedAt", Timestamp.from(c.receivedAt())).param("at", Timestamp.from(at))
                .update();
    }

    /** Optimistic: the update only lands on the version that was read, so concurrent steps cannot both succeed. */
    boolean update(Case c, int expectedVersion, Instant at) {
        ContactPointView cp = c.contactPoint();
        return jdbc.sql("""
                        update intake_case set version = :version, status = :status, picked_up_at = :pickedUpAt,
                            contact_point_name = :cpName, contact_point_phone = :cpPhone, contact_point_email = :cpEmail,
                            updated_at = :at
                        where id = :id and version = :expected""")
                .param("id", c.id()).param("version", c.version()).param("status", c.status().name())
                .param("pickedUpAt", c.pickedUpAt() == null ? null : Timestamp.from(c.pickedUpAt()))
                .param("cpName", cp == null ? null : cp.name()).param("cpPhone", cp == null ? null : cp.phone())
                .param("cpEmail", cp == null ? null : cp.email())
                .param("at", Timestamp.from(at)).param("expected", expectedVersion)
                .update() == 1;
    }

    public Optional<Case> find(UUID id) {
        return jdbc.sql("select * from intake_case where id = :id").param("id", id).query(CaseRepository::map).optional();
    }

    public Optional<Case> findByReferral(String owner, String referralId) {
        return jdbc.sql("select * from intake_case where referral_owner = :owner and referral_id = :id")
                .param("owner", owner).param("id", referralId).query(CaseRepository::map).optional();
    }

    public List<Case> findAll() {
        return jdbc.sql("select * from intake_case order by received_at desc, id").query(CaseRepository::map).list();
    }

    private static Case map(ResultSet rs, int row) throws SQLException {
        Timestamp pickedUp = rs.getTimestamp("picked_up_at");
        String cpName = rs.getString("contact_point_name");
        return new Case(rs.getObject("id", UUID.class), rs.getInt("version"), CaseStatus.valueOf(rs.getString("status")),
                rs.getString("referral_owner"), rs.getString("referral_id"), rs.getTimestamp("received_at").toInstant(),
                pickedUp == null ? null : pickedUp.toInstant(),
                cpName == null ? null : new ContactPointView(cpName, rs.getString("contact_point_phone"),
                        rs.getString("contact_point_email")));
    }
}

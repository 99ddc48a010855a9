package nl.bronsein.provider.assignment;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import nl.bronsein.schemas.view.ObjectReferenceView;
import nl.bronsein.schemas.view.AssignmentStatus;

@Repository
public class AssignmentRepository {

    private final JdbcClient jdbc;

    public AssignmentRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void insert(Assignment a, Instant at) {
        jdbc.sql("""
                        insert into assignment (id, version, status, basis_owner, basis_type, basis_id, referral_owner,
                            referral_type, referral_id, product_category, offered_at, updated_at)
                        values (:id, :version, :status, :basisOwner, :basisType, :basisId, :referralOwner,
                            :referralType, :referralId, :productCategory, :offeredAt, :at)""")
                .param("id", a.id()).param("version", a.version()).param("status", a.status().name())
                .param("basisOwner", a.basis().owner()).param("basisType", a.basis().objectType())
                .param("basisId", a.basis().objectId())
                .param("referralOwner", a.referral().owner()).param("referralType", a.referral().objectType())
                .param("referralId", a.referral().objectId())
                .param("productCategory", a.productCategory())
                .param("offeredAt", Timestamp.from(a.offeredAt())).param("at", Timestamp.from(at))
                .update();
    }

    /**
     * Optimistic: the update only lands on the version that was read, so two concurrent steps (accept and decline
     * from two screens) cannot both succeed. What an assignment rests on never changes, so it is not updated.
     */
    boolean update(Assignment a, int expectedVersion, Instant at) {
        return jdbc.sql("""
                        update assignment set version = :version, status = :status, accepted_at = :acceptedAt,
                            declined_at = :declinedAt, decline_reason = :declineReason, care_started_at = :careStartedAt,
                            care_ended_at = :careEndedAt, care_end_reason = :careEndReason, updated_at = :at
                        where id = :id and version = :expected""")
                .param("id", a.id()).param("version", a.version()).param("status", a.status().name())
                .param("acceptedAt", timestamp(a.acceptedAt())).param("declinedAt", timestamp(a.declinedAt()))
                .param("declineReason", a.declineReason())
                .param("careStartedAt", timestamp(a.careStartedAt())).param("careEndedAt", timestamp(a.careEndedAt()))
                .param("careEndReason", a.careEndReason())
                .param("at", Timestamp.from(at)).param("expected", expectedVersion)
                .update() == 1;
    }

    public Optional<Assignment> find(UUID id) {
        return jdbc.sql("select * from assignment where id = :id").param("id", id)
                .query(AssignmentRepository::map).optional();
    }

    public List<Assignment> findAll() {
        return jdbc.sql("select * from assignment order by offered_at desc, id").query(AssignmentRepository::map).list();
    }

    /**
     * A cheap fingerprint of the whole list: how many assignments there are and the sum of their versions, which grows
     * with every step any of them takes. The staff pages' list polls it, and reads no assignment unless it moved.
     */
    public String fingerprint() {
        return jdbc.sql("select count(*) as n, coalesce(sum(version), 0) as versions from assignment")
                .query((rs, row) -> rs.getLong("n") + "-" + rs.getLong("versions")).single();
    }

    public Optional<Assignment> findByBasis(String owner, String objectType, String objectId) {
        return jdbc.sql("select * from assignment where basis_owner = :owner and basis_type = :type and basis_id = :id")
                .param("owner", owner).param("type", objectType).param("id", objectId)
                .query(AssignmentRepository::map).optional();
    }

    /** The assignments a municipality commissioned on a case that rests on this referral, newest first. */
    public List<Assignment> findCommissionedFor(ObjectReferenceView referral) {
        return jdbc.sql("""
                select * from assignment where referral_owner = :owner and referral_id = :id and basis_type = :case
                order by offered_at desc, id""")
                .param("owner", referral.owner()).param("id", referral.objectId())
                .param("case", nl.bronsein.schemas.SharedObjectType.CASE.code())
                .query(AssignmentRepository::map).list();
    }

    private static Timestamp timestamp(Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }

    private static Assignment map(ResultSet rs, int row) throws SQLException {
        return new Assignment(rs.getObject("id", UUID.class), rs.getInt("version"),
                AssignmentStatus.valueOf(rs.getString("status")),
                new ObjectReferenceView(rs.getString("basis_owner"), rs.getString("basis_type"), rs.getString("basis_id")),
                new ObjectReferenceView(rs.getString("referral_owner"), rs.getString("referral_type"),
                        rs.getString("referral_id")),
                rs.getString("product_category"), instant(rs, "offered_at"), instant(rs, "accepted_at"),
                instant(rs, "declined_at"), rs.getString("decline_reason"), instant(rs, "care_started_at"),
                instant(rs, "care_ended_at"), rs.getString("care_end_reason"));
    }
}

package nl.bronsein.provider.request;

import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import nl.bronsein.schemas.SharedObjectType;
import nl.bronsein.schemas.view.AssignmentRequestStatus;
import nl.bronsein.schemas.view.ObjectReferenceView;

@Repository
public class AssignmentRequestRepository {

    private final JdbcClient jdbc;

    public AssignmentRequestRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void insert(AssignmentRequest r, Instant at) {
        jdbc.sql("""
                        insert into assignment_request (id, version, status, assignment_id, referral_owner, referral_id,
                            municipality, product_category, requested_at, updated_at)
                        values (:id, :version, :status, :assignment, :referralOwner, :referralId, :municipality,
                            :productCategory, :requestedAt, :at)""")
                .param("id", r.id()).param("version", r.version()).param("status", r.status().name())
                .param("assignment", r.assignmentId())
                .param("referralOwner", r.referral().owner()).param("referralId", r.referral().objectId())
                .param("municipality", r.municipality()).param("productCategory", r.productCategory())
                .param("requestedAt", Timestamp.from(r.requestedAt())).param("at", Timestamp.from(at))
                .update();
    }

    /** Optimistic, like the assignment: lands only on the version that was read. */
    boolean update(AssignmentRequest r, int expectedVersion, Instant at) {
        return jdbc.sql("""
                        update assignment_request set version = :version, status = :status, answer_owner = :answerOwner,
                            answer_id = :answerId, answered_at = :answeredAt, adult_on = :adultOn,
                            product_category = :productCategory, updated_at = :at
                        where id = :id and version = :expected""")
                .param("id", r.id()).param("version", r.version()).param("status", r.status().name())
                .param("answerOwner", r.answeredBy() == null ? null : r.answeredBy().owner())
                .param("answerId", r.answeredBy() == null ? null : r.answeredBy().objectId())
                .param("answeredAt", r.answeredAt() == null ? null : Timestamp.from(r.answeredAt()))
                .param("adultOn", r.adultOn() == null ? null : Date.valueOf(r.adultOn()))
                .param("productCategory", r.productCategory())
                .param("at", Timestamp.from(at)).param("expected", expectedVersion)
                .update() == 1;
    }

    Optional<AssignmentRequest> find(UUID id) {
        return jdbc.sql("select * from assignment_request where id = :id").param("id", id)
                .query(AssignmentRequestRepository::map).optional();
    }

    Optional<AssignmentRequest> findByAssignment(UUID assignmentId) {
        return jdbc.sql("select * from assignment_request where assignment_id = :id").param("id", assignmentId)
                .query(AssignmentRequestRepository::map).optional();
    }

    List<AssignmentRequest> findAll() {
        return jdbc.sql("select * from assignment_request order by requested_at desc, id")
                .query(AssignmentRequestRepository::map).list();
    }

    /** How many requests there are and the sum of their versions: moves with every request and every answer. */
    String fingerprint() {
        return jdbc.sql("select count(*) as n, coalesce(sum(version), 0) as versions from assignment_request")
                .query((rs, row) -> rs.getLong("n") + "-" + rs.getLong("versions")).single();
    }

    /** Granted requests whose client was not yet noticed turning 18: the candidates of the daily check. */
    List<AssignmentRequest> grantedForMinors() {
        return jdbc.sql("select * from assignment_request where status = :granted and adult_on is null order by id")
                .param("granted", AssignmentRequestStatus.GRANTED.name())
                .query(AssignmentRequestRepository::map).list();
    }

    private static AssignmentRequest map(ResultSet rs, int row) throws SQLException {
        String answerOwner = rs.getString("answer_owner");
        Timestamp answeredAt = rs.getTimestamp("answered_at");
        Date adultOn = rs.getDate("adult_on");
        return new AssignmentRequest(rs.getObject("id", UUID.class), rs.getInt("version"),
                AssignmentRequestStatus.valueOf(rs.getString("status")), rs.getObject("assignment_id", UUID.class),
                new ObjectReferenceView(rs.getString("referral_owner"), SharedObjectType.REFERRAL.code(),
                        rs.getString("referral_id")),
                rs.getString("municipality"), rs.getString("product_category"),
                rs.getTimestamp("requested_at").toInstant(),
                answerOwner == null ? null : new ObjectReferenceView(answerOwner, SharedObjectType.CASE.code(),
                        rs.getString("answer_id")),
                answeredAt == null ? null : answeredAt.toInstant(), adultOn == null ? null : adultOn.toLocalDate());
    }
}

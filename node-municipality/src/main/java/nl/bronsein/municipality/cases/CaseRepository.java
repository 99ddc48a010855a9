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

import nl.bronsein.schemas.view.CaseStatus;
import nl.bronsein.schemas.view.DecisionOutcome;

@Repository
public class CaseRepository {

    private final JdbcClient jdbc;

    public CaseRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void insert(Case c, Instant at) {
        jdbc.sql("""
                        insert into intake_case (id, version, status, referral_owner, referral_id, received_at, updated_at,
                            request_provider, request_id)
                        values (:id, :version, :status, :owner, :referralId, :receivedAt, :at, :requestProvider,
                            :requestId)""")
                .param("id", c.id()).param("version", c.version()).param("status", c.status().name())
                .param("owner", c.referralOwner()).param("referralId", c.referralId())
                .param("receivedAt", Timestamp.from(c.receivedAt())).param("at", Timestamp.from(at))
                .param("requestProvider", c.requestedBy()).param("requestId", c.requestId())
                .update();
    }

    /** Optimistic: the update only lands on the version that was read, so concurrent steps cannot both succeed. */
    boolean update(Case c, int expectedVersion, Instant at) {
        Decision d = c.decision();
        return jdbc.sql("""
                        update intake_case set version = :version, status = :status, picked_up_at = :pickedUpAt,
                            contact_point_id = :contactPointId, decision_outcome = :outcome,
                            decision_product_category = :productCategory, decision_reason = :decisionReason,
                            decision_general_provision = :generalProvision, decided_at = :decidedAt,
                            assigned_provider = :provider, assigned_at = :assignedAt, conclusion = :conclusion,
                            concluded_at = :concludedAt, returned_to = :returnedTo, return_reason = :returnReason,
                            returned_at = :returnedAt, close_reason = :closeReason, closed_at = :closedAt,
                            updated_at = :at
                        where id = :id and version = :expected""")
                .param("id", c.id()).param("version", c.version()).param("status", c.status().name())
                .param("pickedUpAt", timestamp(c.pickedUpAt())).param("contactPointId", c.contactPointId())
                .param("outcome", d == null ? null : d.outcome().name())
                .param("productCategory", d == null ? null : d.productCategory())
                .param("decisionReason", d == null ? null : d.reason())
                .param("generalProvision", d == null ? null : d.generalProvision())
                .param("decidedAt", d == null ? null : timestamp(d.decidedAt()))
                .param("provider", c.assignedProvider()).param("assignedAt", timestamp(c.assignedAt()))
                .param("conclusion", c.conclusion()).param("concludedAt", timestamp(c.concludedAt()))
                .param("returnedTo", c.returnedTo()).param("returnReason", c.returnReason())
                .param("returnedAt", timestamp(c.returnedAt()))
                .param("closeReason", c.closeReason()).param("closedAt", timestamp(c.closedAt()))
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

    /** The case that answers a provider's request for an assignment, if one does. */
    public Optional<Case> findByRequest(String provider, String requestId) {
        return jdbc.sql("select * from intake_case where request_provider = :provider and request_id = :id")
                .param("provider", provider).param("id", requestId).query(CaseRepository::map).optional();
    }

    public List<Case> findAll() {
        return jdbc.sql("select * from intake_case order by received_at desc, id").query(CaseRepository::map).list();
    }

    /** A case's version alone: what a page polls to learn whether the case changed, reading nothing else of it. */
    Optional<Integer> version(UUID id) {
        return jdbc.sql("select version from intake_case where id = :id").param("id", id).query(Integer.class).optional();
    }

    /**
     * The cases' count and latest change (a new case, a step, a corrected or withdrawn referral): what the worklist
     * polls to learn whether anything on it changed, reading no case's content.
     */
    String fingerprint() {
        return jdbc.sql("select count(*) as n, max(updated_at) as latest from intake_case")
                .query((rs, n) -> {
                    Timestamp latest = rs.getTimestamp("latest");
                    return rs.getLong("n") + "-" + (latest == null ? 0 : latest.getTime());
                }).single();
    }

    private static Case map(ResultSet rs, int row) throws SQLException {
        String outcome = rs.getString("decision_outcome");
        Decision decision = outcome == null ? null : new Decision(DecisionOutcome.valueOf(outcome),
                rs.getString("decision_product_category"), rs.getString("decision_reason"),
                rs.getString("decision_general_provision"), instant(rs, "decided_at"));
        Instant pickedUpAt = instant(rs, "picked_up_at");
        Instant assignedAt = instant(rs, "assigned_at");
        Instant concludedAt = instant(rs, "concluded_at");
        Instant returnedAt = instant(rs, "returned_at");
        Instant closedAt = instant(rs, "closed_at");
        String requestProvider = rs.getString("request_provider");
        // a step sets its time with the rest of its part, so a part is there exactly when its time is
        return new Case(rs.getObject("id", UUID.class), rs.getInt("version"), CaseStatus.valueOf(rs.getString("status")),
                rs.getString("referral_owner"), rs.getString("referral_id"), instant(rs, "received_at"),
                pickedUpAt == null ? null : new Case.PickUp(rs.getObject("contact_point_id", UUID.class), pickedUpAt),
                decision,
                assignedAt == null ? null : new Case.Assignment(rs.getString("assigned_provider"), assignedAt),
                concludedAt == null ? null : new Case.Conclusion(rs.getString("conclusion"), concludedAt),
                returnedAt == null ? null
                        : new Case.Return(rs.getString("returned_to"), rs.getString("return_reason"), returnedAt),
                closedAt == null ? null : new Case.Closing(rs.getString("close_reason"), closedAt),
                requestProvider == null ? null : new Case.Request(requestProvider, rs.getString("request_id")));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp value = rs.getTimestamp(column);
        return value == null ? null : value.toInstant();
    }

    private static Timestamp timestamp(Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }
}

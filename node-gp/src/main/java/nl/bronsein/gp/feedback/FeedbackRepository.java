package nl.bronsein.gp.feedback;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import nl.bronsein.schemas.view.CaseFeedbackView;
import nl.bronsein.schemas.view.ContactPointView;
import nl.bronsein.schemas.view.ObjectReferenceView;

/** The practice's derived knowledge of its referrals' progress. */
@Repository
public class FeedbackRepository {

    private final JdbcClient jdbc;

    public FeedbackRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Takes in a pulled feedback view. An older version than the one held is ignored, so a late or replayed
     * notification never moves the progress backwards; milestones are only ever added.
     */
    public void apply(UUID referralId, CaseFeedbackView view, Instant pulledAt) {
        Optional<Integer> held = jdbc.sql("select case_version from referral_case where referral_id = :id")
                .param("id", referralId).query(Integer.class).optional();
        ContactPointView cp = view.contactPoint();
        if (held.isEmpty()) {
            jdbc.sql("""
                            insert into referral_case (referral_id, case_owner, case_id, case_version, status,
                                contact_point_name, contact_point_phone, contact_point_email, pulled_at)
                            values (:id, :owner, :caseId, :version, :status, :cpName, :cpPhone, :cpEmail, :pulledAt)""")
                    .param("id", referralId).param("owner", view.owner()).param("caseId", view.objectId())
                    .param("version", view.version()).param("status", view.status())
                    .param("cpName", cp == null ? null : cp.name()).param("cpPhone", cp == null ? null : cp.phone())
                    .param("cpEmail", cp == null ? null : cp.email()).param("pulledAt", Timestamp.from(pulledAt))
                    .update();
        } else if (held.get() < view.version()) {
            jdbc.sql("""
                            update referral_case set case_owner = :owner, case_id = :caseId, case_version = :version,
                                status = :status, contact_point_name = :cpName, contact_point_phone = :cpPhone,
                                contact_point_email = :cpEmail, pulled_at = :pulledAt
                            where referral_id = :id""")
                    .param("id", referralId).param("owner", view.owner()).param("caseId", view.objectId())
                    .param("version", view.version()).param("status", view.status())
                    .param("cpName", cp == null ? null : cp.name()).param("cpPhone", cp == null ? null : cp.phone())
                    .param("cpEmail", cp == null ? null : cp.email()).param("pulledAt", Timestamp.from(pulledAt))
                    .update();
        }
        reach(referralId, Milestone.ARRIVED, view.receivedAt(), view);
        reach(referralId, Milestone.PICKED_UP, view.pickedUpAt(), view);
    }

    private void reach(UUID referralId, Milestone milestone, Instant at, CaseFeedbackView view) {
        if (at == null) {
            return;
        }
        boolean reached = jdbc.sql("select count(*) from referral_milestone where referral_id = :id and milestone = :m")
                .param("id", referralId).param("m", milestone.name()).query(Integer.class).single() > 0;
        if (!reached) {
            jdbc.sql("""
                            insert into referral_milestone (referral_id, milestone, occurred_at, source_owner,
                                source_object_type, source_object_id, source_version)
                            values (:id, :m, :at, :owner, 'case', :objectId, :version)""")
                    .param("id", referralId).param("m", milestone.name()).param("at", Timestamp.from(at))
                    .param("owner", view.owner()).param("objectId", view.objectId()).param("version", view.version())
                    .update();
        }
    }

    public Optional<ReferralProgress> progressOf(UUID referralId) {
        List<ReferralProgress.MilestoneReached> milestones = jdbc.sql(
                        "select * from referral_milestone where referral_id = :id order by occurred_at, milestone")
                .param("id", referralId)
                .query((rs, n) -> {
                    Milestone milestone = Milestone.valueOf(rs.getString("milestone"));
                    return new ReferralProgress.MilestoneReached(milestone, milestone.dutch(),
                            rs.getTimestamp("occurred_at").toInstant(),
                            new ObjectReferenceView(rs.getString("source_owner"), rs.getString("source_object_type"),
                                    rs.getString("source_object_id")),
                            rs.getInt("source_version"));
                })
                .list();
        return jdbc.sql("select * from referral_case where referral_id = :id").param("id", referralId)
                .query((rs, n) -> new ReferralProgress(
                        new ObjectReferenceView(rs.getString("case_owner"), "case", rs.getString("case_id")),
                        rs.getInt("case_version"), rs.getString("status"),
                        rs.getString("contact_point_name") == null ? null : new ContactPointView(
                                rs.getString("contact_point_name"), rs.getString("contact_point_phone"),
                                rs.getString("contact_point_email")),
                        rs.getTimestamp("pulled_at").toInstant(), milestones))
                .optional();
    }
}

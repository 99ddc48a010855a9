package nl.bronsein.gp.feedback;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import nl.bronsein.runtime.rebuild.DerivedState;
import nl.bronsein.schemas.view.ObjectReferenceView;

/**
 * The practice's derived knowledge of its referrals: which objects handle each, and the milestones reached. All of it
 * comes from others' notifications and pulls, so a rebuild may forget it.
 */
@Repository
public class TimelineRepository implements DerivedState {

    private final JdbcClient jdbc;

    public TimelineRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public void forget() {
        jdbc.sql("delete from referral_milestone").update();
        jdbc.sql("delete from followed_object").update();
    }

    void follow(UUID referralId, ObjectReferenceView object, Instant at) {
        boolean known = jdbc.sql("""
                        select count(*) from followed_object where owner = :owner and object_type = :type and object_id = :id""")
                .param("owner", object.owner()).param("type", object.objectType()).param("id", object.objectId())
                .query(Integer.class).single() > 0;
        if (!known) {
            jdbc.sql("""
                            insert into followed_object (owner, object_type, object_id, referral_id, first_seen_at)
                            values (:owner, :type, :id, :referralId, :at)""")
                    .param("owner", object.owner()).param("type", object.objectType()).param("id", object.objectId())
                    .param("referralId", referralId).param("at", Timestamp.from(at))
                    .update();
        }
    }

    boolean follows(UUID referralId, ObjectReferenceView object) {
        return jdbc.sql("""
                        select count(*) from followed_object where owner = :owner and object_type = :type
                          and object_id = :id and referral_id = :referralId""")
                .param("owner", object.owner()).param("type", object.objectType()).param("id", object.objectId())
                .param("referralId", referralId)
                .query(Integer.class).single() > 0;
    }

    List<ObjectReferenceView> followedBy(UUID referralId) {
        return jdbc.sql("select * from followed_object where referral_id = :id order by first_seen_at, object_type")
                .param("id", referralId)
                .query((rs, n) -> new ObjectReferenceView(rs.getString("owner"), rs.getString("object_type"),
                        rs.getString("object_id")))
                .list();
    }

    /**
     * Records a milestone, citing the earliest version known to show it. The same step seen again in a later version —
     * every later pull shows it — keeps its citation, so the version does not depend on how many pulls followed; a
     * version that shows the step with other facts (another provider, time or detail: it happened again, or the owner
     * corrected it) replaces it and is cited, and an older version never overwrites a newer one.
     */
    void reach(UUID referralId, Milestone milestone, String detail, Instant at, ObjectReferenceView source, int version) {
        int updated = jdbc.sql("""
                        update referral_milestone set occurred_at = :at, detail = :detail, source_owner = :owner,
                            source_object_type = :type, source_object_id = :objectId, source_version = :version
                        where referral_id = :id and milestone = :m
                          and (source_object_id <> :objectId
                               or (occurred_at = :at and coalesce(detail, '') = coalesce(:detail, '')
                                   and source_version > :version)
                               or (source_version < :version
                                   and (occurred_at <> :at or coalesce(detail, '') <> coalesce(:detail, ''))))""")
                .param("id", referralId).param("m", milestone.name()).param("at", Timestamp.from(at))
                .param("detail", detail).param("owner", source.owner()).param("type", source.objectType())
                .param("objectId", source.objectId()).param("version", version)
                .update();
        boolean reached = updated > 0 || jdbc.sql("select count(*) from referral_milestone where referral_id = :id and milestone = :m")
                .param("id", referralId).param("m", milestone.name()).query(Integer.class).single() > 0;
        if (!reached) {
            jdbc.sql("""
                            insert into referral_milestone (referral_id, milestone, occurred_at, detail, source_owner,
                                source_object_type, source_object_id, source_version)
                            values (:id, :m, :at, :detail, :owner, :type, :objectId, :version)""")
                    .param("id", referralId).param("m", milestone.name()).param("at", Timestamp.from(at))
                    .param("detail", detail).param("owner", source.owner()).param("type", source.objectType())
                    .param("objectId", source.objectId()).param("version", version)
                    .update();
        }
    }

    /**
     * Moves a milestone's citation back to the version whose thin event announced the step: a pull after an earlier
     * event may already have shown it in a later version. Only a step that had happened when the event was committed
     * is the one it announces; a step that happened again after it (a second provider assigned) keeps its own version.
     */
    void announced(UUID referralId, Announcement announcement) {
        for (Milestone milestone : announcement.steps()) {
            jdbc.sql("""
                            update referral_milestone set source_version = :version
                            where referral_id = :id and milestone = :m and source_owner = :owner
                              and source_object_type = :type and source_object_id = :objectId
                              and source_version > :version and occurred_at <= :at""")
                    .param("id", referralId).param("m", milestone.name())
                    .param("owner", announcement.object().owner()).param("type", announcement.object().objectType())
                    .param("objectId", announcement.object().objectId()).param("version", announcement.version())
                    .param("at", Timestamp.from(announcement.at()))
                    .update();
        }
    }

    List<ReferralTimeline.Step> steps(UUID referralId) {
        return jdbc.sql("select * from referral_milestone where referral_id = :id order by occurred_at, milestone")
                .param("id", referralId)
                .query((rs, n) -> {
                    Milestone milestone = Milestone.valueOf(rs.getString("milestone"));
                    return new ReferralTimeline.Step(milestone, milestone.dutch(), rs.getString("detail"),
                            rs.getTimestamp("occurred_at").toInstant(),
                            new ObjectReferenceView(rs.getString("source_owner"), rs.getString("source_object_type"),
                                    rs.getString("source_object_id")),
                            rs.getInt("source_version"));
                })
                .list();
    }
}

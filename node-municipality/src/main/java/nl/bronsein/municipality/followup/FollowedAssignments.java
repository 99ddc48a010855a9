package nl.bronsein.municipality.followup;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import nl.bronsein.runtime.copy.PulledCopies;
import nl.bronsein.runtime.rebuild.DerivedState;
import nl.bronsein.runtime.copy.PulledCopy;
import nl.bronsein.schemas.SharedObjectType;
import nl.bronsein.schemas.view.AssignmentView;

/**
 * Which providers' assignments carry out which of our cases, and what each provider last reported: derived from the
 * providers' notifications and pulls, so a rebuild may forget it.
 */
@Repository
public class FollowedAssignments implements DerivedState {

    private final JdbcClient jdbc;
    private final PulledCopies copies;

    public FollowedAssignments(JdbcClient jdbc, PulledCopies copies) {
        this.jdbc = jdbc;
        this.copies = copies;
    }

    @Override
    public void forget() {
        jdbc.sql("delete from followed_assignment").update();
    }

    void follow(UUID caseId, PulledCopy<AssignmentView> assignment) {
        copies.keep(assignment);
        boolean known = jdbc.sql("select count(*) from followed_assignment where provider = :provider and assignment_id = :id")
                .param("provider", assignment.owner()).param("id", assignment.objectId()).query(Integer.class).single() > 0;
        if (!known) {
            jdbc.sql("""
                            insert into followed_assignment (provider, assignment_id, case_id, first_seen_at)
                            values (:provider, :id, :caseId, :at)""")
                    .param("provider", assignment.owner()).param("id", assignment.objectId()).param("caseId", caseId)
                    .param("at", Timestamp.from(assignment.pulledAt()))
                    .update();
        }
    }

    /** The assignments for a case, oldest first: after a provider declined, the next one follows. */
    public List<PulledCopy<AssignmentView>> forCase(UUID caseId) {
        return jdbc.sql("select provider, assignment_id from followed_assignment where case_id = :id order by first_seen_at")
                .param("id", caseId)
                .query((rs, n) -> copies.find(rs.getString("provider"), SharedObjectType.ASSIGNMENT,
                        rs.getString("assignment_id"), AssignmentView.class))
                .list().stream().flatMap(java.util.Optional::stream).toList();
    }

    /**
     * How many assignments we follow for a case and the sum of the versions we hold of them: it moves whenever a
     * provider reports (accepted, declined, care started or ended), and reading it reads no assignment's content.
     */
    public String fingerprint(UUID caseId) {
        return jdbc.sql("""
                        select count(*) as n, coalesce(sum(c.version), 0) as versions from followed_assignment f
                        join pulled_copy c on c.owner = f.provider and c.object_type = :type and c.object_id = f.assignment_id
                        where f.case_id = :id""")
                .param("type", SharedObjectType.ASSIGNMENT.code()).param("id", caseId)
                .query((rs, n) -> rs.getLong("n") + "-" + rs.getLong("versions")).single();
    }
}

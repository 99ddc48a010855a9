package nl.bronsein.gp.involvement;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import nl.bronsein.runtime.copy.PulledCopies;
import nl.bronsein.runtime.copy.PulledCopy;
import nl.bronsein.runtime.pull.Withdrawal;
import nl.bronsein.runtime.rebuild.DerivedState;
import nl.bronsein.schemas.SharedObjectType;
import nl.bronsein.schemas.view.InvolvementView;

/**
 * The involvements the municipalities told this practice of, each as its owner last answered: the pulled copy, or the
 * withdrawal the owner stated. Derived from the owners' notifications and pulls only, so a rebuild may forget it.
 */
@Repository
public class KnownInvolvements implements DerivedState {

    private final JdbcClient jdbc;
    private final PulledCopies copies;

    public KnownInvolvements(JdbcClient jdbc, PulledCopies copies) {
        this.jdbc = jdbc;
        this.copies = copies;
    }

    @Override
    public void forget() {
        jdbc.sql("delete from known_involvement").update();
    }

    /** Keeps the copy if it is the newest, in the inbox's transaction. */
    void pulled(PulledCopy<InvolvementView> involvement) {
        copies.keep(involvement);
        know(involvement.owner(), involvement.objectId(), involvement.pulledAt());
    }

    /** The owner refused a pull stating the withdrawal: the copy is kept as evidence only, never pulled again. */
    void withdrawn(String owner, String involvementId, Withdrawal withdrawal, Instant at) {
        copies.withdraw(owner, SharedObjectType.INVOLVEMENT, involvementId, withdrawal, at);
        know(owner, involvementId, at);
    }

    /** Every involvement known, newest first. */
    List<PulledCopy<InvolvementView>> all() {
        return jdbc.sql("select owner, involvement_id from known_involvement order by first_seen_at desc, involvement_id")
                .query((rs, n) -> copies.find(rs.getString("owner"), SharedObjectType.INVOLVEMENT,
                        rs.getString("involvement_id"), InvolvementView.class))
                .list().stream().flatMap(Optional::stream).toList();
    }

    private void know(String owner, String involvementId, Instant at) {
        boolean known = jdbc.sql("select count(*) from known_involvement where owner = :owner and involvement_id = :id")
                .param("owner", owner).param("id", involvementId).query(Integer.class).single() > 0;
        if (!known) {
            jdbc.sql("insert into known_involvement (owner, involvement_id, first_seen_at) values (:owner, :id, :at)")
                    .param("owner", owner).param("id", involvementId).param("at", Timestamp.from(at)).update();
        }
    }
}

package nl.bronsein.gp.involvement;

import java.time.Clock;

import org.springframework.stereotype.Component;

import nl.bronsein.runtime.copy.OwnerAnswers;
import nl.bronsein.runtime.copy.Relevance;
import nl.bronsein.runtime.inbox.InboxChange;
import nl.bronsein.runtime.inbox.NotificationHandler;
import nl.bronsein.runtime.inbox.ReceivedNotification;
import nl.bronsein.runtime.pull.Withdrawal;
import nl.bronsein.runtime.trust.NodeIdentity;
import nl.bronsein.schemas.SharedObjectType;
import nl.bronsein.schemas.view.InvolvementView;

/**
 * When a municipality tells the practice that its wijkteam is involved with a patient — started, corrected, ended, or
 * the consent withdrawn — ask the municipality (care-coordination) and keep what it answers: the involvement as
 * served, or the withdrawal its refusal states. No referral of ours is needed. An involvement that names another
 * practice was never ours to read, whatever reached our inbox: it is parked, and nothing is kept.
 */
@Component
public class InvolvementHandler implements NotificationHandler {

    private final OwnerAnswers owners;
    private final KnownInvolvements known;
    private final NodeIdentity identity;
    private final Clock clock;

    public InvolvementHandler(OwnerAnswers owners, KnownInvolvements known, NodeIdentity identity, Clock clock) {
        this.owners = owners;
        this.known = known;
        this.identity = identity;
        this.clock = clock;
    }

    @Override
    public SharedObjectType objectType() {
        return SharedObjectType.INVOLVEMENT;
    }

    @Override
    public InboxChange prepare(ReceivedNotification notification) {
        String owner = notification.source().id().urn();
        String involvementId = notification.objectId();
        return owners.ask(notification, Withdrawal.announcedBy(notification.change()), InvolvementView.class, copy -> {
            if (!identity.id().urn().equals(copy.content().gpPractice())) {
                return Relevance.notForUs("the pulled involvement names another practice to inform");
            }
            return Relevance.apply(() -> known.pulled(copy));
        }, withdrawal -> () -> known.withdrawn(owner, involvementId, withdrawal, clock.instant()));
    }
}

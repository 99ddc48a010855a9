package nl.bronsein.municipality.intake;

import java.util.Optional;

import org.springframework.stereotype.Component;

import nl.bronsein.municipality.cases.CaseService;
import nl.bronsein.runtime.copy.OwnerAnswers;
import nl.bronsein.runtime.copy.Relevance;
import nl.bronsein.runtime.inbox.InboxChange;
import nl.bronsein.runtime.inbox.NotificationHandler;
import nl.bronsein.runtime.inbox.ReceivedNotification;
import nl.bronsein.runtime.pull.Withdrawal;
import nl.bronsein.runtime.trust.NodeIdentity;
import nl.bronsein.schemas.SharedObjectType;
import nl.bronsein.schemas.view.ReferralIntakeView;

/**
 * Intake: a GP's referral addressed to us is pulled for purpose {@code intake} and taken in as a case; a correction
 * or a changed contact person is pulled again. Whatever the notification claims, the GP's answer decides: a referral
 * it serves is taken in (a notification claiming a withdrawal is then contradicted, and parked), a refusal stating a
 * withdrawal withdraws what we hold and is passed on to the case's followers; after that nothing about the referral is
 * pulled again.
 */
@Component
public class ReferralIntakeHandler implements NotificationHandler {

    private final OwnerAnswers owners;
    private final CaseService cases;
    private final NodeIdentity identity;

    public ReferralIntakeHandler(OwnerAnswers owners, CaseService cases, NodeIdentity identity) {
        this.owners = owners;
        this.cases = cases;
        this.identity = identity;
    }

    @Override
    public SharedObjectType objectType() {
        return SharedObjectType.REFERRAL;
    }

    @Override
    public InboxChange prepare(ReceivedNotification notification) {
        String owner = notification.source().id().urn();
        String referralId = notification.objectId();
        Optional<Withdrawal> claimed = Withdrawal.announcedBy(notification.change());
        return owners.ask(notification, claimed, ReferralIntakeView.class, pulled -> {
            if (!identity.id().urn().equals(pulled.content().addressee())) {
                return Relevance.notForUs("the pulled referral is addressed to someone else");
            }
            return Relevance.apply(() -> cases.receive(pulled));
        }, withdrawal -> () -> cases.basisWithdrawn(owner, referralId, withdrawal));
    }
}

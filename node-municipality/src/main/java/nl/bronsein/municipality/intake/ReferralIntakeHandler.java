package nl.bronsein.municipality.intake;

import java.net.URI;
import java.util.Optional;

import org.springframework.stereotype.Component;

import nl.bronsein.municipality.cases.Case;
import nl.bronsein.municipality.cases.CaseRepository;
import nl.bronsein.municipality.cases.CaseService;
import nl.bronsein.runtime.copy.OwnerAnswers;
import nl.bronsein.runtime.copy.Relevance;
import nl.bronsein.runtime.inbox.InboxChange;
import nl.bronsein.runtime.inbox.NotificationHandler;
import nl.bronsein.runtime.inbox.ReceivedNotification;
import nl.bronsein.runtime.pull.Withdrawal;
import nl.bronsein.runtime.trust.NodeIdentity;
import nl.bronsein.runtime.trust.ParticipantList;
import nl.bronsein.schemas.SharedObjectType;
import nl.bronsein.schemas.view.ReferralIntakeView;

/**
 * Intake: a GP's referral addressed to us is pulled for purpose {@code intake} and taken in as a case; a correction
 * or a changed contact person is pulled again. Whatever the notification claims, the GP's answer decides: a referral
 * it serves is taken in (a notification claiming a withdrawal is then contradicted, and parked), a refusal stating a
 * withdrawal withdraws what we hold and is passed on to the case's followers; after that nothing about the referral is
 * pulled again. A youth referral addressed to a provider we hold on that provider's request for an assignment: we
 * present the request when we pull it again ({@link AssignmentRequestHandler}).
 */
@Component
public class ReferralIntakeHandler implements NotificationHandler {

    private final OwnerAnswers owners;
    private final CaseService cases;
    private final NodeIdentity identity;
    private final CaseRepository held;
    private final ParticipantList participants;

    public ReferralIntakeHandler(OwnerAnswers owners, CaseService cases, NodeIdentity identity, CaseRepository held,
                                 ParticipantList participants) {
        this.owners = owners;
        this.cases = cases;
        this.held = held;
        this.participants = participants;
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
        Optional<URI> request = held.findByReferral(owner, referralId).map(Case::request)
                .flatMap(r -> participants.find(r.provider())
                        .map(p -> p.pullUrl(SharedObjectType.ASSIGNMENT_REQUEST.code(), r.requestId())));
        if (request.isPresent()) {
            // youth care: the referral went to the provider, and we hold it on the provider's request, which we present
            return owners.ask(notification, AssignmentRequestHandler.INTAKE, request.get(), claimed,
                    ReferralIntakeView.class, pulled -> Relevance.apply(() -> cases.receive(pulled)),
                    withdrawal -> () -> cases.basisWithdrawn(owner, referralId, withdrawal));
        }
        return owners.ask(notification, claimed, ReferralIntakeView.class, pulled -> {
            if (!identity.id().urn().equals(pulled.content().addressee())) {
                return Relevance.notForUs("the pulled referral is addressed to someone else");
            }
            return Relevance.apply(() -> cases.receive(pulled));
        }, withdrawal -> () -> cases.basisWithdrawn(owner, referralId, withdrawal));
    }
}

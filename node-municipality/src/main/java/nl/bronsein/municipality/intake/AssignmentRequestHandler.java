package nl.bronsein.municipality.intake;

import java.net.URI;
import java.time.Clock;
import java.util.Optional;

import org.springframework.stereotype.Component;

import nl.bronsein.municipality.cases.CaseRepository;
import nl.bronsein.municipality.cases.CaseService;
import nl.bronsein.runtime.copy.OwnerAnswers;
import nl.bronsein.runtime.copy.PulledCopy;
import nl.bronsein.runtime.copy.Relevance;
import nl.bronsein.runtime.inbox.InboxChange;
import nl.bronsein.runtime.inbox.NotificationHandler;
import nl.bronsein.runtime.inbox.ReceivedNotification;
import nl.bronsein.runtime.inbox.UnusableNotificationException;
import nl.bronsein.runtime.pull.PullClient;
import nl.bronsein.runtime.pull.PullRefusedException;
import nl.bronsein.runtime.pull.Withdrawal;
import nl.bronsein.runtime.trust.NodeIdentity;
import nl.bronsein.runtime.trust.Participant;
import nl.bronsein.runtime.trust.ParticipantList;
import nl.bronsein.runtime.trust.ParticipantRole;
import nl.bronsein.schemas.SharedObjectType;
import nl.bronsein.schemas.view.AssignmentRequestView;
import nl.bronsein.schemas.view.ObjectReferenceView;
import nl.bronsein.schemas.view.ReferralIntakeView;

/**
 * Youth-care intake (Jeugdwet): a provider the GP referred a citizen to directly asks us for an assignment. The request
 * is pulled from the provider for {@code youth-assignment}; it names the GP's referral, which we pull from the GP for
 * {@code intake}, presenting the request — the GP asks the provider whether it asked us before it admits us. The case
 * opened on both answers the request. A later version of the request (the client came of age in care) is passed on to
 * the case's followers as a change of what the case rests on; a withdrawal the provider answers marks the case.
 */
@Component
public class AssignmentRequestHandler implements NotificationHandler {

    static final String INTAKE = "intake";

    private final OwnerAnswers owners;
    private final PullClient pull;
    private final CaseService cases;
    private final CaseRepository held;
    private final ParticipantList participants;
    private final NodeIdentity identity;
    private final Clock clock;

    public AssignmentRequestHandler(OwnerAnswers owners, PullClient pull, CaseService cases, CaseRepository held,
                                    ParticipantList participants, NodeIdentity identity, Clock clock) {
        this.owners = owners;
        this.pull = pull;
        this.cases = cases;
        this.held = held;
        this.participants = participants;
        this.identity = identity;
        this.clock = clock;
    }

    @Override
    public SharedObjectType objectType() {
        return SharedObjectType.ASSIGNMENT_REQUEST;
    }

    @Override
    public InboxChange prepare(ReceivedNotification notification) {
        return owners.ask(notification, Withdrawal.announcedBy(notification.change()), AssignmentRequestView.class,
                request -> taken(request, notification), withdrawal -> held.findByRequest(
                        notification.source().id().urn(), notification.objectId()).<InboxChange>map(c ->
                        () -> cases.requestWithdrawn(c.requestedBy(), c.requestId(), withdrawal))
                        .orElseGet(() -> owners.withdrawal(notification, withdrawal)));
    }

    private Relevance taken(PulledCopy<AssignmentRequestView> request, ReceivedNotification notification) {
        AssignmentRequestView view = request.content();
        if (!identity.id().urn().equals(view.municipality())) {
            return Relevance.notForUs("the pulled request asks another municipality");
        }
        ObjectReferenceView referral = view.referral();
        if (referral == null || !SharedObjectType.REFERRAL.code().equals(referral.objectType())) {
            throw new UnusableNotificationException("the pulled request names no referral");
        }
        if (held.findByReferral(referral.owner(), referral.objectId()).isPresent()) {
            return Relevance.apply(() -> cases.requestChanged(request));
        }
        Optional<Participant> practice = participants.find(referral.owner())
                .filter(p -> p.role() == ParticipantRole.GP_PRACTICE);
        if (practice.isEmpty()) {
            return Relevance.notForUs("the pulled request names a referral of a participant that is not a listed GP practice");
        }
        URI requestUrl = notification.source().pullUrl(SharedObjectType.ASSIGNMENT_REQUEST.code(), request.objectId());
        PulledCopy<ReferralIntakeView> referralCopy;
        try {
            referralCopy = PulledCopy.pulledFrom(referral, INTAKE, pull.pull(practice.get(),
                    SharedObjectType.REFERRAL.code(), referral.objectId(), INTAKE, requestUrl, ReferralIntakeView.class),
                    clock.instant());
        } catch (PullRefusedException refused) {
            if (refused.withdrawal().isPresent()) {
                // withdrawn at the GP between the request and our pull: no case on it, nothing of the citizen held
                return Relevance.nothingToDo("the GP withdrew the referral the request names");
            }
            throw new PullRefusedException(refused.status(), "the GP did not give us the referral the request names ("
                    + refused.getMessage() + ")");
        }
        return Relevance.apply(() -> cases.receiveRequest(request, referralCopy));
    }
}

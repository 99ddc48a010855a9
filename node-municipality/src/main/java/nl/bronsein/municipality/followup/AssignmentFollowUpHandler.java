package nl.bronsein.municipality.followup;

import java.util.Optional;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import nl.bronsein.municipality.cases.Case;
import nl.bronsein.municipality.cases.CaseRepository;
import nl.bronsein.runtime.copy.Relevance;
import nl.bronsein.runtime.domain.ObjectIds;
import nl.bronsein.runtime.copy.OwnerAnswers;
import nl.bronsein.runtime.copy.PulledCopies;
import nl.bronsein.runtime.inbox.InboxChange;
import nl.bronsein.runtime.inbox.NotificationHandler;
import nl.bronsein.runtime.inbox.ReceivedNotification;
import nl.bronsein.runtime.trust.NodeIdentity;
import nl.bronsein.schemas.SharedObjectType;
import nl.bronsein.schemas.view.AssignmentView;

/**
 * The municipality follows the assignments it commissioned (accepted, declined, care started and ended, cf. iWmo
 * 305/307) by pulling them from the provider, instead of waiting for a message that may never come.
 */
@Component
public class AssignmentFollowUpHandler implements NotificationHandler {

    private static final Logger log = LoggerFactory.getLogger(AssignmentFollowUpHandler.class);

    private final OwnerAnswers owners;
    private final CaseRepository cases;
    private final FollowedAssignments assignments;
    private final PulledCopies copies;
    private final NodeIdentity identity;

    public AssignmentFollowUpHandler(OwnerAnswers owners, CaseRepository cases, FollowedAssignments assignments,
                                     PulledCopies copies, NodeIdentity identity) {
        this.owners = owners;
        this.cases = cases;
        this.assignments = assignments;
        this.copies = copies;
        this.identity = identity;
    }

    @Override
    public SharedObjectType objectType() {
        return SharedObjectType.ASSIGNMENT;
    }

    @Override
    public InboxChange prepare(ReceivedNotification notification) {
        String me = identity.id().urn();
        // An assignment followed before is known by its copy: if the case it rests on lost its referral or consent, the
        // provider would refuse, and we do not ask again.
        Optional<Case> known = copies.find(notification.source().id().urn(), SharedObjectType.ASSIGNMENT,
                        notification.objectId(), AssignmentView.class)
                .map(copy -> copy.content().basis()).filter(basis -> basis != null && me.equals(basis.owner()))
                .flatMap(basis -> ObjectIds.parse(basis.objectId()).flatMap(cases::find));
        if (known.isPresent() && copies.isWithdrawn(known.get().referralOwner(), SharedObjectType.REFERRAL,
                known.get().referralId())) {
            log.debug("Assignment {} rests on case {} whose referral was withdrawn; not pulled",
                    notification.objectId(), known.get().id());
            return InboxChange.NONE;
        }
        // The event names no case (issue 16): the provider's answer says which of our cases the assignment rests on.
        return owners.ask(notification, Optional.empty(), AssignmentView.class, copy -> {
            AssignmentView view = copy.content();
            Optional<Case> ourCase = view.basis() != null && me.equals(view.basis().owner())
                    && SharedObjectType.CASE.code().equals(view.basis().objectType())
                    ? ObjectIds.parse(view.basis().objectId()).flatMap(cases::find) : Optional.empty();
            if (ourCase.isEmpty()) {
                return Relevance.notForUs("the pulled assignment rests on no case of ours");
            }
            if (copies.isWithdrawn(ourCase.get().referralOwner(), SharedObjectType.REFERRAL, ourCase.get().referralId())) {
                // The case rests on a withdrawn referral or consent: what the provider still says is not ours to keep.
                return Relevance.nothingToDo("it rests on case " + ourCase.get().id() + ", whose referral was withdrawn");
            }
            UUID caseId = ourCase.get().id();
            return Relevance.apply(() -> assignments.follow(caseId, copy));
        }, withdrawal -> owners.withdrawal(notification, withdrawal));
    }
}

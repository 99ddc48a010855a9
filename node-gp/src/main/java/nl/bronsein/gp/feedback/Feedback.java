package nl.bronsein.gp.feedback;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import nl.bronsein.schemas.view.ConsentStatus;
import nl.bronsein.gp.referral.Referral;
import nl.bronsein.gp.referral.ReferralRepository;
import nl.bronsein.schemas.view.ReferralStatus;
import nl.bronsein.runtime.contactpoint.ContactPointDirectory;
import nl.bronsein.runtime.copy.PulledCopies;
import nl.bronsein.runtime.copy.PulledCopy;
import nl.bronsein.runtime.domain.ObjectIds;
import nl.bronsein.runtime.inbox.InboxChange;
import nl.bronsein.runtime.inbox.UnusableNotificationException;
import nl.bronsein.runtime.pull.Withdrawal;
import nl.bronsein.runtime.subscription.Subscription;
import nl.bronsein.runtime.subscription.SubscriptionProperties;
import nl.bronsein.runtime.trust.NodeIdentity;
import nl.bronsein.runtime.trust.Participant;
import nl.bronsein.runtime.trust.ParticipantList;
import nl.bronsein.schemas.SharedObjectType;
import nl.bronsein.schemas.view.AssignmentView;
import nl.bronsein.schemas.view.CaseFeedbackView;
import nl.bronsein.schemas.view.ContactPointView;
import nl.bronsein.schemas.view.DecisionView;
import nl.bronsein.schemas.view.ObjectReferenceView;

/**
 * Terugkoppeling: turns what the practice pulled or was notified about the objects that handle its referrals into the
 * referral's timeline. Pulled views are kept as copies with their provenance; the milestones say where each came from.
 */
@Service
public class Feedback {

    private static final Logger log = LoggerFactory.getLogger(Feedback.class);

    private final PulledCopies copies;
    private final TimelineRepository timeline;
    private final ReferralRepository referrals;
    private final ContactPointDirectory contactPoints;
    private final ParticipantList participants;
    private final NodeIdentity identity;
    private final SubscriptionProperties subscriptions;
    private final Clock clock;

    public Feedback(PulledCopies copies, TimelineRepository timeline, ReferralRepository referrals,
                    ContactPointDirectory contactPoints, ParticipantList participants, NodeIdentity identity,
                    SubscriptionProperties subscriptions, Clock clock) {
        this.copies = copies;
        this.timeline = timeline;
        this.referrals = referrals;
        this.contactPoints = contactPoints;
        this.participants = participants;
        this.identity = identity;
        this.subscriptions = subscriptions;
        this.clock = clock;
    }

    /** The referral of this practice a pulled view's reference names, if it names one. */
    public Optional<Referral> referralOf(ObjectReferenceView reference) {
        if (reference == null || !SharedObjectType.REFERRAL.code().equals(reference.objectType())
                || !identity.id().urn().equals(reference.owner())) {
            return Optional.empty();
        }
        return ObjectIds.parse(reference.objectId()).flatMap(referrals::find);
    }

    /**
     * The referral of this practice that a case or assignment rests on, as the copy this practice pulled of it before
     * says: a notification names no referral (issue 16), so a case or assignment seen for the first time is pulled to
     * learn it, and one followed before is known by its copy — also when its owner now answers only with a withdrawal.
     */
    public Optional<Referral> referralFollowedBy(ObjectReferenceView object) {
        Optional<ObjectReferenceView> reference = SharedObjectType.CASE.code().equals(object.objectType())
                ? copies.find(object.owner(), SharedObjectType.CASE, object.objectId(), CaseFeedbackView.class)
                        .map(copy -> copy.content().referral())
                : copies.find(object.owner(), SharedObjectType.ASSIGNMENT, object.objectId(), AssignmentView.class)
                        .map(copy -> copy.content().referral());
        return reference.flatMap(this::referralOf);
    }

    /** Whether a pulled view's reference names this practice's referral. */
    boolean isAbout(ObjectReferenceView reference, UUID referralId) {
        return reference != null && identity.id().urn().equals(reference.owner())
                && referralId.toString().equals(reference.objectId());
    }

    /**
     * Whether the practice may ask for feedback on its referral at all: not once it withdrew the referral, not while the
     * citizen's consent does not cover the purpose (never did, or was withdrawn). Whether the object's owner said it
     * was withdrawn is the owner's answer to keep ({@code OwnerAnswers}).
     */
    public boolean mayAsk(Referral referral, String purpose) {
        return referral.status() != ReferralStatus.WITHDRAWN && referral.consent().covers(purpose);
    }

    /**
     * Whether the addressee's progress reaches the practice, and if not why: the purpose the practice follows the
     * addressee's objects for (its subscription, {@code referral-feedback}) must be in the citizen's consent, and neither
     * the referral nor the consent withdrawn — the same rule {@link #mayAsk} applies to every pull.
     */
    ReferralTimeline.FeedbackSharing sharing(Referral referral) {
        if (referral.status() == ReferralStatus.WITHDRAWN) {
            return ReferralTimeline.FeedbackSharing.notShared("the practice withdrew the referral");
        }
        if (referral.consent().status() == ConsentStatus.WITHDRAWN) {
            return ReferralTimeline.FeedbackSharing.notShared("the citizen withdrew their consent");
        }
        Optional<String> purpose = participants.find(referral.content().addressee()).flatMap(addressee ->
                Stream.of(SharedObjectType.CASE, SharedObjectType.ASSIGNMENT)
                        .flatMap(type -> subscriptions.covering(type, addressee).stream())
                        .map(Subscription::purpose).findFirst());
        if (purpose.isEmpty()) {
            return ReferralTimeline.FeedbackSharing.notShared("this practice follows nothing of the addressee");
        }
        if (!referral.consent().covers(purpose.get())) {
            return ReferralTimeline.FeedbackSharing.notShared("the citizen's consent does not cover " + purpose.get());
        }
        return ReferralTimeline.FeedbackSharing.SHARED;
    }

    /**
     * What an event means when the practice may not ask its owner: nothing of the object's status, time or steps — the
     * practice learns those only from the owner's answer, and a referral without feedback consent gets no milestones.
     * One thing the practice can confirm itself: that the referral, or its consent, was withdrawn — its own record. An
     * event claiming that marks an object it already follows withdrawn; an event claiming it against the practice's own
     * record is parked.
     */
    public InboxChange withoutAsking(Referral referral, ObjectReferenceView object, Optional<Withdrawal> claimed) {
        if (claimed.isEmpty()) {
            return InboxChange.NONE;
        }
        Optional<Withdrawal> own = referral.status() == ReferralStatus.WITHDRAWN
                ? Optional.of(Withdrawal.OBJECT_WITHDRAWN)
                : referral.consent().status() == ConsentStatus.WITHDRAWN
                ? Optional.of(Withdrawal.CONSENT_WITHDRAWN) : Optional.empty();
        if (own.isEmpty()) {
            throw new UnusableNotificationException("the event contradicts this practice's record: the referral and its "
                    + "consent were not withdrawn");
        }
        if (!timeline.follows(referral.id(), object)) {
            return InboxChange.NONE;
        }
        UUID referralId = referral.id();
        return () -> withdrawn(referralId, object, own.get());
    }

    /**
     * @param announcement what the event that led to this pull said; the pull may show a later version than the event's
     */
    @Transactional
    public void caseView(UUID referralId, PulledCopy<CaseFeedbackView> copy, Announcement announcement) {
        timeline.follow(referralId, copy.reference(), copy.pulledAt());
        if (copies.keep(copy)) {
            caseSteps(referralId, copy);
        }
        // also when the pull showed nothing new: an earlier pull may have shown this event's step in a later version
        timeline.announced(referralId, announcement);
    }

    private void caseSteps(UUID referralId, PulledCopy<CaseFeedbackView> copy) {
        CaseFeedbackView c = copy.content();
        if (c.status() == null) {
            newerRelease(copy, "a case status");
        }
        reach(referralId, Milestone.ARRIVED, null, c.receivedAt(), copy);
        reach(referralId, Milestone.PICKED_UP, null, c.pickedUpAt(), copy);
        DecisionView decision = c.decision();
        if (decision != null) {
            Optional<Milestone> decided = Milestone.ofDecision(decision.outcome());
            if (decided.isPresent()) {
                reach(referralId, decided.get(), detailOf(decision), decision.decidedAt(), copy);
            } else {
                newerRelease(copy, "a decision outcome");
            }
        }
        reach(referralId, Milestone.PROVIDER_ASSIGNED, nameOf(c.assignedProvider()), c.assignedAt(), copy);
        reach(referralId, Milestone.CONCLUDED, c.conclusion(), c.concludedAt(), copy);
        reach(referralId, Milestone.RETURNED, nameOf(c.returnedTo()), c.returnedAt(), copy);
        reach(referralId, Milestone.CLOSED_WITHOUT_DECISION, null, c.closedAt(), copy);
    }

    @Transactional
    public void assignmentView(UUID referralId, PulledCopy<AssignmentView> copy, Announcement announcement) {
        timeline.follow(referralId, copy.reference(), copy.pulledAt());
        if (copies.keep(copy)) {
            assignmentSteps(referralId, copy);
        }
        timeline.announced(referralId, announcement);
    }

    private void assignmentSteps(UUID referralId, PulledCopy<AssignmentView> copy) {
        AssignmentView a = copy.content();
        if (a.status() == null) {
            newerRelease(copy, "an assignment status");
        }
        if (referredDirectly(a)) {
            reach(referralId, Milestone.ARRIVED, null, a.offeredAt(), copy);
            reach(referralId, Milestone.PICKED_UP, null, a.acceptedAt(), copy);
        } else {
            reach(referralId, Milestone.ACCEPTED_BY_PROVIDER, nameOf(a.owner()), a.acceptedAt(), copy);
        }
        reach(referralId, Milestone.DECLINED_BY_PROVIDER, nameOf(a.owner()), a.declinedAt(), copy);
        reach(referralId, Milestone.CARE_STARTED, nameOf(a.owner()), a.careStartedAt(), copy);
        reach(referralId, Milestone.CARE_ENDED, nameOf(a.owner()), a.careEndedAt(), copy);
    }

    /**
     * The object, or the referral or consent it rests on, was withdrawn — as its owner answered a pull (which it does
     * only to a participant involved in an object that exists), or as the practice's own record shows.
     */
    @Transactional
    public void withdrawn(UUID referralId, ObjectReferenceView object, Withdrawal withdrawal) {
        Instant now = clock.instant();
        timeline.follow(referralId, object, now);
        copies.withdraw(object.owner(), type(object), object.objectId(), withdrawal, now);
    }

    public ReferralTimeline timelineOf(UUID referralId) {
        List<ReferralTimeline.Source> sources = new ArrayList<>();
        ContactPointView contactPoint = null;
        for (ObjectReferenceView object : timeline.followedBy(referralId)) {
            if (SharedObjectType.CASE.code().equals(object.objectType())) {
                Optional<PulledCopy<CaseFeedbackView>> copy = copies.find(object.owner(), SharedObjectType.CASE,
                        object.objectId(), CaseFeedbackView.class);
                sources.add(source(object, copy, copy.map(PulledCopy::content).map(CaseFeedbackView::status).map(Enum::name)));
                contactPoint = copy.map(PulledCopy::content).map(this::currentContactPoint).orElse(contactPoint);
            } else {
                Optional<PulledCopy<AssignmentView>> copy = copies.find(object.owner(), SharedObjectType.ASSIGNMENT,
                        object.objectId(), AssignmentView.class);
                sources.add(source(object, copy, copy.map(PulledCopy::content).map(AssignmentView::status)
                        .map(Enum::name)));
            }
        }
        List<ReferralTimeline.Step> steps = timeline.steps(referralId);
        // in the order the chain reached them, whatever order their notifications happened to be handled in
        sources.sort(Comparator.comparing((ReferralTimeline.Source source) -> steps.stream()
                        .filter(step -> step.source().equals(source.object())).map(ReferralTimeline.Step::at)
                        .min(Comparator.naturalOrder()).orElse(Instant.MAX))
                .thenComparing(source -> source.object().objectType())
                .thenComparing(source -> source.object().objectId()));
        return new ReferralTimeline(steps, sources, contactPoint, referrals.find(referralId).map(this::sharing)
                .orElse(ReferralTimeline.FeedbackSharing.notShared("the referral is not this practice's")));
    }

    /** The wijkteam's contact point as published now — it may have changed since the case was pulled. */
    private ContactPointView currentContactPoint(CaseFeedbackView c) {
        if (c == null) {
            return null;
        }
        if (c.contactPointRef() != null) {
            Optional<ContactPointView> current = contactPoints.currentDetails(c.contactPointRef().owner(),
                    c.contactPointRef().objectId());
            if (current.isPresent()) {
                return current.get();
            }
        }
        return c.contactPoint();
    }

    private ReferralTimeline.Source source(ObjectReferenceView object, Optional<? extends PulledCopy<?>> copy,
                                           Optional<String> status) {
        return new ReferralTimeline.Source(object, nameOf(object.owner()), copy.map(PulledCopy::version).orElse(0),
                status.orElse(null), copy.filter(c -> c.content() != null).map(PulledCopy::pulledAt).orElse(null),
                copy.map(PulledCopy::withdrawn).orElse(false));
    }

    /** What the practice is told with a decision: the product, the reason, or the general provision it points to. */
    private static String detailOf(DecisionView decision) {
        return switch (decision.outcome()) {
            case GRANTED -> decision.productCategory();
            case DECLINED -> decision.reason();
            case REDIRECTED -> decision.generalProvision();
        };
    }

    /**
     * The owner serves a status or outcome of a newer release than this node's (it reads as null). The steps with times
     * are still recorded; the one it stands for cannot be named, so the practice sees no step for it rather than a
     * wrong one, and the operator is told the node is behind — once per pulled version.
     */
    private static void newerRelease(PulledCopy<?> copy, String what) {
        log.warn("{} {} of {} (version {}) has {} this node does not know; upgrade the node to show it in the timeline",
                copy.objectType().code(), copy.objectId(), copy.owner(), copy.version(), what);
    }

    private void reach(UUID referralId, Milestone milestone, String detail, Instant at, PulledCopy<?> copy) {
        if (at != null) {
            timeline.reach(referralId, milestone, detail, at, copy.reference(), copy.version());
        }
    }

    private static boolean referredDirectly(AssignmentView a) {
        return a.basis() != null && SharedObjectType.REFERRAL.code().equals(a.basis().objectType());
    }

    private String nameOf(String participant) {
        return participant == null ? null
                : participants.find(participant).map(Participant::name).orElse(participant);
    }

    private static SharedObjectType type(ObjectReferenceView object) {
        return SharedObjectType.fromCode(object.objectType()).orElseThrow();
    }
}

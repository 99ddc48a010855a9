package nl.bronsein.runtime.copy;

import java.net.URI;
import java.time.Clock;
import java.util.Optional;
import java.util.function.Function;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import nl.bronsein.runtime.api.NodeApi;
import nl.bronsein.runtime.inbox.InboxChange;
import nl.bronsein.runtime.inbox.ReceivedNotification;
import nl.bronsein.runtime.inbox.UnusableNotificationException;
import nl.bronsein.runtime.pull.PullClient;
import nl.bronsein.runtime.pull.PullRefusedException;
import nl.bronsein.runtime.pull.Withdrawal;
import nl.bronsein.schemas.view.SharedView;

/**
 * A notification is a trigger, never a fact: what this node knows of another owner's object changes only by what that
 * owner answers on a pull — the view it serves, or its refusal stating that the object or its consent was withdrawn.
 * Whatever the broker lets through, an event whose pull says otherwise changes nothing and is parked with the reason.
 * (Forged withdrawals once froze live cases at the municipality; forged case events once put steps that never happened
 * in a GP's timeline.)
 *
 * <p>This is the one way a node follows another owner's object: withdrawal (a copy withdrawn before is never pulled
 * again; a refusal stating a withdrawal becomes one), what is held (a version held already is not pulled again), pull,
 * relevance (the follower's {@link Relevance} of what was
 * served), apply. Every handler of another owner's notifications goes through {@link #ask}.
 */
@NodeApi
public class OwnerAnswers {

    private static final Logger log = LoggerFactory.getLogger(OwnerAnswers.class);

    /** How every reason for parking an event its owner's answer contradicts begins. */
    public static final String CONTRADICTS = "the owner's answer contradicts the event: ";
    /** How every reason for parking an event the owner's answer shows was not for this node begins. */
    public static final String NOT_FOR_US = "not for us: ";

    private final PullClient pull;
    private final PulledCopies copies;
    private final Clock clock;

    public OwnerAnswers(PullClient pull, PulledCopies copies, Clock clock) {
        this.pull = pull;
        this.copies = copies;
        this.clock = clock;
    }

    /**
     * Asks the owner about the object a notification names and turns its answer into the change to make: {@code
     * current} judges the view it served, {@code withdrawn} a withdrawal its refusal stated. Nothing when this node's
     * copy was withdrawn before: it is never pulled again; nothing either when it holds the notified version or a later
     * one, pulled for the same purpose, unless the event claims a withdrawal (the owner's answer decides that).
     *
     * @param announced the withdrawal the event claims, if any: a view served instead contradicts it
     * @throws PullRefusedException          when the owner refuses for any other reason: the entry is parked
     * @throws UnusableNotificationException when the owner serves another object, an answer the event contradicts, or
     *                                       one {@code current} finds {@linkplain Relevance#notForUs not for us}: parked
     */
    public <T extends SharedView> InboxChange ask(ReceivedNotification notification, Optional<Withdrawal> announced,
                                                  Class<T> view, Function<PulledCopy<T>, Relevance> current,
                                                  Function<Withdrawal, InboxChange> withdrawn) {
        return ask(notification, notification.purpose(), null, announced, view, current, withdrawn);
    }

    /**
     * As {@link #ask(ReceivedNotification, Optional, Class, Function, Function)}, for another purpose than the
     * subscription's, presenting the object this node's access rests on ({@code basis}, its owner's pull URL; null for
     * none): the provider asks the GP again about a referral it holds for the care of the case assigned to it.
     */
    public <T extends SharedView> InboxChange ask(ReceivedNotification notification, String purpose, URI basis,
                                                  Optional<Withdrawal> announced, Class<T> view,
                                                  Function<PulledCopy<T>, Relevance> current,
                                                  Function<Withdrawal, InboxChange> withdrawn) {
        String owner = notification.source().id().urn();
        if (copies.isWithdrawn(owner, notification.objectType(), notification.objectId())) {
            return InboxChange.NONE;
        }
        if (announced.isEmpty() && copies.holdsCurrent(owner, notification.objectType(), notification.objectId(),
                notification.facts().objectVersion(), purpose)) {
            // A node that was away (or slower than its owner) pulls the current version on the first notification of a
            // backlog, and the rest name versions it already holds. Pulling each again cost the municipality one HTTP
            // round trip per referral version — 7,200 of them, 106 s, after the chaos suite's contact-person changes —
            // and taught it nothing: the owner serves only its current version, which this node applied then.
            log.debug("{} {} of {}: version {} already held", notification.objectType().code(),
                    notification.objectId(), owner, notification.facts().objectVersion());
            return InboxChange.NONE;
        }
        T answer;
        try {
            answer = pull.pull(notification.source(), notification.objectType().code(),
                    notification.objectId(), purpose, basis, view);
        } catch (PullRefusedException refused) {
            if (refused.withdrawal().isPresent()) {
                return withdrawn.apply(refused.withdrawal().get());
            }
            throw refused;
        }
        PulledCopy<T> copy = PulledCopy.pulledFor(notification, purpose, answer, clock.instant());
        if (announced.isPresent()) {
            throw contradiction("the " + notification.objectType().code() + " was not withdrawn, the owner served it");
        }
        if (notification.facts().objectVersion() > copy.version()) {
            // the owner committed the event before anyone could pull, and its versions only go up
            throw contradiction("the owner served version " + copy.version() + ", before the event's version "
                    + notification.facts().objectVersion());
        }
        Relevance relevance = current.apply(copy);
        if (relevance instanceof Relevance.NotForUs notForUs) {
            throw new UnusableNotificationException(NOT_FOR_US + notForUs.reason());
        }
        if (relevance instanceof Relevance.NothingToDo nothing) {
            log.debug("{} {} of {}: nothing to do, {}", notification.objectType().code(), copy.objectId(), copy.owner(),
                    nothing.why());
            return InboxChange.NONE;
        }
        return ((Relevance.Apply) relevance).change();
    }

    /** Records a withdrawal the owner stated, on the copy of the notified object, as learned now. */
    public InboxChange withdrawal(ReceivedNotification notification, Withdrawal withdrawal) {
        String owner = notification.source().id().urn();
        String objectId = notification.objectId();
        return () -> copies.withdraw(owner, notification.objectType(), objectId, withdrawal, clock.instant());
    }

    /** The refusal that parks an event whose owner answered otherwise than it claims. */
    public static UnusableNotificationException contradiction(String what) {
        return new UnusableNotificationException(CONTRADICTS + what);
    }
}

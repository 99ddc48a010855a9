package nl.bronsein.runtime.copy;

import nl.bronsein.runtime.pull.Withdrawal;

import java.net.URI;
import java.time.Clock;
import java.util.Optional;
import java.util.function.Function;

import nl.bronsein.runtime.inbox.InboxChange;
import nl.bronsein.runtime.inbox.ReceivedNotification;
import nl.bronsein.runtime.pull.PullClient;
import nl.bronsein.runtime.pull.PullRefusedException;
import nl.bronsein.schemas.view.SharedView;

/**
 * A notification is a trigger, never a fact: what this node knows of another owner's object changes only by what that
 * owner answers on a pull — the view it serves, or its refusal stating that the object or its consent was withdrawn.
 * Whatever the broker lets through, an event whose pull says otherwise changes nothing and is parked with the reason.
 * (Forged withdrawals once froze live cases at the municipality; forged case events once put steps that never happened
 * in a GP's timeline.)
 */
public class OwnerAnswers {

    /** How every reason for parking an event its owner's answer contradicts begins. */
    public static final String CONTRADICTS = "the owner's answer contradicts the event: ";

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
     * current} for the view it served, {@code withdrawn} for a withdrawal its refusal stated. Nothing when this node's
     * copy was withdrawn before: it is never pulled again.
     *
     * @param announced the withdrawal the event claims, if any: a view served instead contradicts it
     * @throws PullRefusedException when the owner refuses for any other reason, serves another object, or serves an
     *                              answer the event contradicts: the entry is parked
     */
    public <T extends SharedView> InboxChange ask(ReceivedNotification notification, Optional<Withdrawal> announced,
                                                  Class<T> view, Function<PulledCopy<T>, InboxChange> current,
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
                                                  Function<PulledCopy<T>, InboxChange> current,
                                                  Function<Withdrawal, InboxChange> withdrawn) {
        if (copies.isWithdrawn(notification.source().id().urn(), notification.objectType(),
                notification.notification().subject())) {
            return InboxChange.NONE;
        }
        T answer;
        try {
            answer = pull.pull(notification.source(), notification.objectType().code(),
                    notification.notification().subject(), purpose, basis, view);
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
        return current.apply(copy);
    }

    /** Records a withdrawal the owner stated, on the copy of the notified object, as learned now. */
    public InboxChange withdrawal(ReceivedNotification notification, Withdrawal withdrawal) {
        String owner = notification.source().id().urn();
        String objectId = notification.notification().subject();
        return () -> copies.withdraw(owner, notification.objectType(), objectId, withdrawal, clock.instant());
    }

    /** The refusal that parks an event whose owner answered otherwise than it claims. */
    public static PullRefusedException contradiction(String what) {
        return new PullRefusedException(200, CONTRADICTS + what);
    }
}

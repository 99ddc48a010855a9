package nl.bronsein.runtime.copy;

import nl.bronsein.runtime.api.NodeApi;
import nl.bronsein.runtime.inbox.InboxChange;

/**
 * What a follower makes of the view an owner served, the third of following's steps (withdrawal, pull, relevance,
 * apply; {@link OwnerAnswers#ask}). Each outcome has its name, so "not for us" is no longer dressed as the owner's
 * refusal: once it was a {@code PullRefusedException} with status 200, which an operator read as a refused pull.
 */
@NodeApi
public sealed interface Relevance permits Relevance.Apply, Relevance.NothingToDo, Relevance.NotForUs {

    /** The view concerns this node: the change to make, applied in the inbox's transaction. */
    static Relevance apply(InboxChange change) {
        return new Apply(change);
    }

    /** The view concerns this node, and nothing in it asks for a change now (e.g. reassigned to another since). */
    static Relevance nothingToDo(String why) {
        return new NothingToDo(why);
    }

    /**
     * The owner's answer shows that the event was never for this node — addressed to someone else, about none of its
     * objects: the entry is parked with the reason, since a notification that reached the wrong node is worth a look.
     */
    static Relevance notForUs(String reason) {
        return new NotForUs(reason);
    }

    record Apply(InboxChange change) implements Relevance {
    }

    record NothingToDo(String why) implements Relevance {
    }

    record NotForUs(String reason) implements Relevance {
    }
}

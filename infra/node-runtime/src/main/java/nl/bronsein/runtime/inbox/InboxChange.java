package nl.bronsein.runtime.inbox;

/**
 * The change a handler makes to this node's own registration for one notification. The inbox applies it in the same
 * transaction that marks the notification handled, so it happens exactly once.
 */
@FunctionalInterface
public interface InboxChange {

    InboxChange NONE = () -> { };

    void apply();
}

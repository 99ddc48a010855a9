package nl.bronsein.runtime.inbox;

import nl.bronsein.runtime.api.NodeApi;

/**
 * The change a handler makes to this node's own registration for one notification. The inbox applies it in the same
 * transaction that marks the notification handled, so it happens exactly once.
 */
@NodeApi
@FunctionalInterface
public interface InboxChange {

    InboxChange NONE = () -> { };

    void apply();
}

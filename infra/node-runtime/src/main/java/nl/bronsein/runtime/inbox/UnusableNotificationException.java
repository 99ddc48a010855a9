package nl.bronsein.runtime.inbox;

import nl.bronsein.runtime.api.NodeApi;

/**
 * A notification this node cannot act on, and trying again will not change that: the owner's answer contradicts it,
 * shows it was not for this node, or cannot be used. The inbox parks the entry with the reason, for an operator to see.
 * It is no refusal by the owner ({@code PullRefusedException}): the owner answered, and the answer is what says no.
 */
@NodeApi
public class UnusableNotificationException extends RuntimeException {

    public UnusableNotificationException(String reason) {
        super(reason);
    }
}

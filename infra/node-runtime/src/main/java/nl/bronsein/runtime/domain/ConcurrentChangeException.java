package nl.bronsein.runtime.domain;

import nl.bronsein.runtime.api.NodeApi;

/**
 * The object changed between reading and writing it (its version moved on): answered 409 with its own problem type,
 * so a client can tell "reload and try again" from a step its state does not allow. Nothing changes.
 */
@NodeApi
public class ConcurrentChangeException extends RuntimeException {

    public ConcurrentChangeException(String what) {
        super("the " + what + " changed meanwhile; reload and try again");
    }
}

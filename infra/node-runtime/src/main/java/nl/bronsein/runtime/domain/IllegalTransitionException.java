package nl.bronsein.runtime.domain;

import nl.bronsein.runtime.api.NodeApi;

/** A lifecycle step that the object's current state does not allow: answered 409, nothing changes. */
@NodeApi
public class IllegalTransitionException extends RuntimeException {

    public IllegalTransitionException(String message) {
        super(message);
    }
}

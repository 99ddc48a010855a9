package nl.bronsein.runtime.domain;

/** A lifecycle step that the object's current state does not allow: answered 409, nothing changes. */
public class IllegalTransitionException extends RuntimeException {

    public IllegalTransitionException(String message) {
        super(message);
    }
}

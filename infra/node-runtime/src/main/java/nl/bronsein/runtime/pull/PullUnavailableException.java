package nl.bronsein.runtime.pull;

/** The owner could not be reached or failed to answer: a later attempt may succeed. */
public class PullUnavailableException extends RuntimeException {

    public PullUnavailableException(String reason, Throwable cause) {
        super(reason, cause);
    }

    public PullUnavailableException(String reason) {
        super(reason);
    }
}

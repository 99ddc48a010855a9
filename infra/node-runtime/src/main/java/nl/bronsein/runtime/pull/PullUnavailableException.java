package nl.bronsein.runtime.pull;

import nl.bronsein.runtime.api.NodeApi;

/** The owner could not be reached or failed to answer: a later attempt may succeed. */
@NodeApi
public class PullUnavailableException extends RuntimeException {

    public PullUnavailableException(String reason, Throwable cause) {
        super(reason, cause);
    }

    public PullUnavailableException(String reason) {
        super(reason);
    }
}

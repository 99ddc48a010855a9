package nl.bronsein.runtime.audit;

import nl.bronsein.runtime.api.NodeApi;

/**
 * A processing record could not be written, so the processing does not happen (fail closed, as FSC's logging rule
 * asks): the request is answered 503 and serves nothing, a change rolls back. The cause's message is not kept: it can
 * carry SQL with values in it.
 */
@NodeApi
public class ProcessingLogUnavailableException extends RuntimeException {

    public ProcessingLogUnavailableException(Throwable cause) {
        super("the processing log could not be written: " + cause.getClass().getSimpleName(), null, false, false);
    }
}

package nl.bronsein.runtime.audit;

import java.util.Optional;

import nl.bronsein.runtime.api.NodeApi;

/**
 * The span the current thread runs in, if any: the tracing that carries W3C trace context across the network (on the
 * pull and on the notification) supplies it, so that one change and every pull it causes share one trace id in every
 * node's processing log.
 */
@NodeApi
@FunctionalInterface
public interface CurrentTrace {

    Optional<ProcessingSpan> span();
}

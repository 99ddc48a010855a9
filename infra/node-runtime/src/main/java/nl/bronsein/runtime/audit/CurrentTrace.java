package nl.bronsein.runtime.audit;

import java.util.Optional;
import java.util.function.Supplier;

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

    /**
     * Whether the current trace is sampled, i.e. its spans are exported where the operator switched export on. Ids exist
     * and travel either way; this is only the flag a {@code traceparent} passes on.
     */
    default boolean sampled() {
        return false;
    }

    /**
     * Runs {@code work} in a span of its own whose parent is {@code traceparent} (W3C), as received with a notification:
     * the processing records it writes, and the pulls it makes, join the sender's trace. A missing or malformed
     * traceparent starts a new trace; it never fails the work. Without tracing the work simply runs.
     */
    default <T> T continuing(String traceparent, String name, Supplier<T> work) {
        return work.get();
    }
}

package nl.bronsein.runtime.audit;

import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

import io.micrometer.tracing.Span;
import io.micrometer.tracing.TraceContext;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;

/**
 * The current span as Micrometer Tracing knows it: the server observation of a request continues the caller's
 * {@code traceparent}, the pull client's observation sends it on, and a notification is handled in a span continuing
 * the one it carried. Ids exist whether or not a span is sampled for export, so the processing log never lacks them.
 */
public final class MicrometerTrace implements CurrentTrace {

    private static final String HEADER = "traceparent";

    private final Tracer tracer;
    private final Propagator propagator;

    public MicrometerTrace(Tracer tracer, Propagator propagator) {
        this.tracer = tracer;
        this.propagator = propagator;
    }

    @Override
    public Optional<ProcessingSpan> span() {
        return context().filter(c -> ProcessingSpan.valid(c.traceId(), c.spanId()))
                .map(c -> new ProcessingSpan(c.traceId(), c.spanId()));
    }

    @Override
    public boolean sampled() {
        return context().map(TraceContext::sampled).orElse(Boolean.FALSE) == Boolean.TRUE;
    }

    @Override
    public <T> T continuing(String traceparent, String name, Supplier<T> work) {
        // parsed here first: only a well-formed traceparent reaches the propagator, anything else starts a new trace
        Span.Builder builder = TraceParent.parse(traceparent)
                .map(parent -> propagator.extract(Map.of(HEADER, parent.toString()), Map::get))
                .orElseGet(() -> tracer.spanBuilder().setNoParent());
        Span span = builder.name(name).kind(Span.Kind.CONSUMER).start();
        try (Tracer.SpanInScope scope = tracer.withSpan(span)) {
            return work.get();
        } catch (RuntimeException | Error e) {
            span.error(e);
            throw e;
        } finally {
            span.end();
        }
    }

    private Optional<TraceContext> context() {
        Span current = tracer.currentSpan();
        return current == null ? Optional.empty() : Optional.ofNullable(current.context());
    }
}

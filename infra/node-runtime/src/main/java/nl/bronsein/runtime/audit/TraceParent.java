package nl.bronsein.runtime.audit;

import java.util.Optional;
import java.util.regex.Pattern;

import nl.bronsein.runtime.api.NodeApi;

/**
 * A W3C {@code traceparent} ({@code 00-<trace id>-<parent span id>-<flags>}): how a processing's place in its trace
 * travels with a notification (the CloudEvents distributed-tracing extension, header {@code ce_traceparent}). Its ids
 * are random, chosen by the node that started the trace: they say nothing of a citizen.
 */
@NodeApi
public record TraceParent(ProcessingSpan span, boolean sampled) {

    /** Version 00 only: a traceparent of a later version starts a new trace rather than being half read. */
    private static final Pattern FORM = Pattern.compile("00-([0-9a-f]{32})-([0-9a-f]{16})-([0-9a-f]{2})");

    public TraceParent {
        if (span == null) {
            throw new IllegalArgumentException("a traceparent names a span");
        }
    }

    /** The traceparent a processing record passes on: its trace, and its own span as the parent of what follows. */
    public static TraceParent of(AuditRecord record, boolean sampled) {
        return new TraceParent(new ProcessingSpan(record.traceId(), record.spanId()), sampled);
    }

    /** Reads a traceparent as a sender put it; empty when missing or malformed, which is never an error. */
    public static Optional<TraceParent> parse(String value) {
        if (value == null || value.length() != 55) {
            return Optional.empty();
        }
        // strict, as W3C asks: upper-case hex is no trace id, and an id that is not one starts a new trace
        var matcher = FORM.matcher(value);
        if (!matcher.matches() || !ProcessingSpan.valid(matcher.group(1), matcher.group(2))) {
            return Optional.empty();
        }
        boolean sampled = (Integer.parseInt(matcher.group(3), 16) & 1) == 1;
        return Optional.of(new TraceParent(new ProcessingSpan(matcher.group(1), matcher.group(2)), sampled));
    }

    @Override
    public String toString() {
        return "00-" + span.traceId() + "-" + span.spanId() + (sampled ? "-01" : "-00");
    }
}

package nl.bronsein.runtime.audit;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * Where a processing sits in its trace (W3C trace context): the trace it belongs to and the span it runs in. A
 * processing record is a span of its own inside it ({@code parentSpanId} is this span).
 */
public record ProcessingSpan(String traceId, String spanId) {

    private static final Pattern TRACE_ID = Pattern.compile("[0-9a-f]{32}");
    private static final Pattern SPAN_ID = Pattern.compile("[0-9a-f]{16}");
    private static final String INVALID_TRACE = "0".repeat(32);
    private static final String INVALID_SPAN = "0".repeat(16);

    public ProcessingSpan {
        if (!valid(traceId, spanId)) {
            throw new IllegalArgumentException("not a W3C trace id and span id");
        }
    }

    /** W3C's form: lower-case hex of 16 and 8 bytes, not all zeros. */
    public static boolean valid(String traceId, String spanId) {
        return traceId != null && spanId != null && TRACE_ID.matcher(traceId).matches()
                && SPAN_ID.matcher(spanId).matches() && !INVALID_TRACE.equals(traceId) && !INVALID_SPAN.equals(spanId);
    }

    /** A new trace: for a processing that no caller and no notification started. */
    static ProcessingSpan newTrace(SecureRandom random) {
        return new ProcessingSpan(randomHex(random, 16), randomHex(random, 8));
    }

    static String newSpanId(SecureRandom random) {
        return randomHex(random, 8);
    }

    private static String randomHex(SecureRandom random, int bytes) {
        byte[] id = new byte[bytes];
        do {
            random.nextBytes(id);
        } while (allZero(id));
        return HexFormat.of().formatHex(id);
    }

    private static boolean allZero(byte[] id) {
        for (byte b : id) {
            if (b != 0) {
                return false;
            }
        }
        return true;
    }
}

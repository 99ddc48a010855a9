package nl.bronsein.runtime.metrics;

import java.time.Duration;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;

/**
 * The runtime's counters and timers. Tags are bounded and never identify a citizen: topics, object types, purposes
 * and outcomes only — no object ids, event ids or participant ids.
 */
public final class RuntimeMetrics {

    /** Records nothing: for a runtime part built without a registry. */
    public static final RuntimeMetrics NONE = new RuntimeMetrics(new CompositeMeterRegistry());

    public static final String PUBLISHED = "bronsein.events.published";
    public static final String RECEIVED = "bronsein.events.received";
    public static final String HANDLED = "bronsein.events.handled";
    public static final String PARKED = "bronsein.intake.parked";
    public static final String PULLS_SERVED = "bronsein.pulls.served";
    public static final String PULL_DURATION = "bronsein.pull.duration";
    public static final String HANDSHAKES_REFUSED = "bronsein.tls.refused";
    public static final String GAPS_UNCONFIRMED = "bronsein.catch-up.gaps.unconfirmed";

    private final MeterRegistry registry;

    public RuntimeMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    /**
     * One of this node's notifications acknowledged by the broker. Tagged by object type, not topic: a topic is a
     * recipient now, and a counter per recipient would be thousands of series that tell whom this node notifies.
     */
    public void published(String objectType) {
        Counter.builder(PUBLISHED).description("notifications of this node acknowledged by the broker")
                .tag("object_type", objectType).register(registry).increment();
    }

    /**
     * A notification offered to this node, from a topic or a source's history.
     *
     * @param outcome {@code stored} (in the inbox), {@code ignored} (not for this node), {@code duplicate} (received
     *                before) or {@code parked} (not a valid notification)
     */
    public void received(String topic, String outcome) {
        Counter.builder(RECEIVED).description("notifications offered to this node, by what became of them")
                .tag("topic", topic == null ? "unknown" : topic).tag("outcome", outcome).register(registry).increment();
    }

    /**
     * A record read from a topic and parked by its position instead of taken in.
     *
     * @param reason {@code refused} (it failed a check: not a notification, out of bounds, not from its owner...) or
     *               {@code unstorable} (it passed every check and the database still refused it: the checks miss
     *               something — worth an alert of its own)
     */
    public void parked(String topic, String reason) {
        Counter.builder(PARKED).description("records read from a topic and parked by their position, by reason")
                .tag("topic", topic).tag("reason", reason).register(registry).increment();
    }

    /** An inbox entry handled ({@code handled}), put back ({@code retried}) or parked ({@code parked}). */
    public void handled(String objectType, String outcome) {
        Counter.builder(HANDLED).description("attempts at handling received notifications, by outcome")
                .tag("object_type", objectType).tag("outcome", outcome).register(registry).increment();
    }

    /** A pull answered by this node as owner, with the audit outcome. */
    public void pullServed(String objectType, String purpose, String outcome) {
        Counter.builder(PULLS_SERVED).description("pulls answered by this node as owner, by audit outcome")
                .tag("object_type", objectType).tag("purpose", purpose).tag("outcome", outcome)
                .register(registry).increment();
    }

    /** A pull this node made, with its outcome: {@code ok}, {@code refused}, {@code unavailable} or {@code error}. */
    public void pulled(String objectType, String purpose, String outcome, Duration duration) {
        Timer.builder(PULL_DURATION).description("pulls made by this node, from request to answer")
                .tag("object_type", objectType).tag("purpose", purpose).tag("outcome", outcome)
                .register(registry).record(duration);
    }

    /**
     * A client certificate refused in the TLS handshake of the network port. Counts every refusal, also those the
     * audit trail folds into one row.
     */
    public void handshakeRefused(String reason) {
        Counter.builder(HANDSHAKES_REFUSED).description("client certificates refused in the network port's TLS handshake")
                .tag("reason", reason).register(registry).increment();
    }

    /** A gap in a source's sequence that its history did not confirm after every try, given up. */
    public void gapUnconfirmed(String source) {
        Counter.builder(GAPS_UNCONFIRMED)
                .description("sequence gaps a source's own history did not confirm, settled without them")
                .tag("source", source).register(registry).increment();
    }
}

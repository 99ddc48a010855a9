package nl.bronsein.runtime.operations;

import java.time.Clock;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import nl.bronsein.runtime.outbox.OutboxRepository;

/**
 * {@code bronsein.outbox.backlog} (unpublished rows) and {@code bronsein.outbox.oldest.age} (seconds since the oldest
 * unpublished row's change, 0 when none), read from the outbox when the registry asks; NaN while the database is away.
 */
class OutboxMetrics implements MeterBinder {

    public static final String BACKLOG = "bronsein.outbox.backlog";
    public static final String OLDEST_AGE = "bronsein.outbox.oldest.age";

    private final OutboxRepository outbox;
    private final Clock clock;

    public OutboxMetrics(OutboxRepository outbox, Clock clock) {
        this.outbox = outbox;
        this.clock = clock;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        Gauge.builder(BACKLOG, this, OutboxMetrics::backlog).description("notifications waiting in the outbox")
                .baseUnit("rows").strongReference(true).register(registry);
        Gauge.builder(OLDEST_AGE, this, OutboxMetrics::oldestAge).description("age of the oldest unpublished notification")
                .baseUnit("seconds").strongReference(true).register(registry);
    }

    private double backlog() {
        try {
            return outbox.backlog().count();
        } catch (RuntimeException e) {
            return Double.NaN;
        }
    }

    private double oldestAge() {
        try {
            return outbox.backlog().ageAt(clock.instant()).toMillis() / 1000.0;
        } catch (RuntimeException e) {
            return Double.NaN;
        }
    }
}

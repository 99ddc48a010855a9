package nl.bronsein.runtime.operations;

import nl.bronsein.runtime.metrics.RuntimeMetrics;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import nl.bronsein.runtime.subscription.IntakeProgress;

/**
 * {@code bronsein.intake.failed.polls} (polls of the notification listener that failed in a row, 0 while it makes
 * progress) and {@code bronsein.intake.stall.age} (seconds since the first of them, 0 while it makes progress): what an
 * operator alerts on when nothing new reaches the inbox. Parked records are counted by {@link RuntimeMetrics#PARKED}.
 */
class IntakeMetrics implements MeterBinder {

    public static final String FAILED_POLLS = "bronsein.intake.failed.polls";
    public static final String STALL_AGE = "bronsein.intake.stall.age";

    private final IntakeProgress progress;

    public IntakeMetrics(IntakeProgress progress) {
        this.progress = progress;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        Gauge.builder(FAILED_POLLS, progress, p -> p.state().failedPolls())
                .description("polls of the notification listener that failed in a row").strongReference(true)
                .register(registry);
        Gauge.builder(STALL_AGE, progress, p -> p.state().stalledFor().toMillis() / 1000.0)
                .description("time since the notification listener last took in a poll, while it fails")
                .baseUnit("seconds").strongReference(true).register(registry);
    }
}

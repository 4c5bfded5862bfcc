package dev.tideflow.log.quarkus;

import dev.tideflow.log.ScalingLogger;
import dev.tideflow.log.scale.ProducerMode;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import jakarta.inject.Singleton;

import java.util.function.ToDoubleFunction;

/**
 * The logger's stats as Micrometer meters: current values as gauges, totals since start as function counters (so
 * Prometheus sees {@code _total} series it can {@code rate()}). Registered only when the application has
 * micrometer; Quarkus binds every {@link MeterBinder} bean to its registry.
 */
@Singleton
public class ScalingLoggerMetrics implements MeterBinder {

    private final ScalingLogger logger;

    public ScalingLoggerMetrics(ScalingLogger logger) {
        this.logger = logger;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        Gauge.builder("tideflow.log.mode", logger, l -> l.mode() == ProducerMode.MPSC ? 1 : 0)
                .description("Producer mode: 0 = SINGLE, 1 = MPSC").register(registry);
        Gauge.builder("tideflow.log.active.writers", logger, l -> l.stats().activeWriters())
                .description("Threads that wrote in the last measurement window").register(registry);
        Gauge.builder("tideflow.log.ring.fill", logger, l -> l.stats().ringFill())
                .description("Records waiting in the rings / their capacity (0..1)").register(registry);
        counter(registry, "tideflow.log.switches", "Mode switches", l -> l.stats().switchesToMpsc(),
                "direction", "to_mpsc");
        counter(registry, "tideflow.log.switches", "Mode switches", l -> l.stats().switchesToSingle(),
                "direction", "to_single");
        counter(registry, "tideflow.log.writes", "Records published to a ring", l -> l.stats().writes());
        counter(registry, "tideflow.log.drops", "Records dropped (full ring under a dropping policy, closed logger)",
                l -> l.stats().drops());
        counter(registry, "tideflow.log.contention.events",
                "Lost claim races plus writes by threads the single ring was taken for",
                l -> l.stats().contentionEvents());
        counter(registry, "tideflow.log.rotations", "Log files rotated", l -> l.stats().rotations());
        counter(registry, "tideflow.log.bytes.written", "Bytes the sink accepted", l -> l.stats().bytesWritten());
        counter(registry, "tideflow.log.sink.errors", "Sink calls that failed", l -> l.stats().sinkErrors());
    }

    private void counter(MeterRegistry registry, String name, String description,
            ToDoubleFunction<ScalingLogger> value, String... tags) {
        FunctionCounter.builder(name, logger, value).description(description).tags(tags).register(registry);
    }
}

package dev.tideflow.config.service;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.Startup;
import jakarta.inject.Singleton;

/** The service's counters, registered at start so that dashboards see zeros rather than missing series. */
@Startup
@Singleton
public class ConfigMetrics {

    private final Counter written;
    private final Counter published;
    private final Counter publishFailures;

    public ConfigMetrics(MeterRegistry registry) {
        this.written = Counter.builder("tideflow.config.changes.written")
                .description("Config changes committed (assignments and deletions)")
                .register(registry);
        this.published = Counter.builder("tideflow.config.changes.published")
                .description("Config changes acknowledged by the broker on tideflow.config")
                .register(registry);
        this.publishFailures = Counter.builder("tideflow.config.publish.failures")
                .description("Config change sends that failed or timed out; the change is retried")
                .register(registry);
    }

    public void written() {
        written.increment();
    }

    public void published() {
        published.increment();
    }

    public void publishFailed() {
        publishFailures.increment();
    }
}

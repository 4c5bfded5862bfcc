package dev.tideflow.executor.service;

import dev.tideflow.executor.domain.ActionStatus;
import dev.tideflow.executor.notify.WebhookNotifier;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;

@ApplicationScoped
public class ExecutorMetrics {

    private final MeterRegistry registry;
    private final Map<ActionStatus, Counter> actions = new EnumMap<>(ActionStatus.class);
    private final Counter duplicates;

    ExecutorMetrics(MeterRegistry registry) {
        this.registry = registry;
        for (ActionStatus status : ActionStatus.values()) {
            if (status.isTerminal()) {
                actions.put(status, Counter.builder("tideflow.executor.actions")
                        .description("Decisions applied, by outcome")
                        .tag("status", status.name())
                        .register(registry));
            }
        }
        this.duplicates = Counter.builder("tideflow.executor.decisions.duplicate")
                .description("Redelivered decisions recognised by their id and not applied again")
                .register(registry);
    }

    public void action(ActionStatus status) {
        actions.get(status).increment();
    }

    public void notification(WebhookNotifier.Outcome outcome) {
        Counter.builder("tideflow.executor.notifications")
                .description("Scaling outcomes posted to the webhook, by fate (dropped: queue full or turned off)")
                .tag("outcome", outcome.name().toLowerCase(Locale.ROOT))
                .register(registry)
                .increment();
    }

    public double notifications(WebhookNotifier.Outcome outcome) {
        Counter counter = registry.find("tideflow.executor.notifications")
                .tag("outcome", outcome.name().toLowerCase(Locale.ROOT)).counter();
        return counter == null ? 0 : counter.count();
    }

    public void duplicate() {
        duplicates.increment();
    }

    public double duplicates() {
        return duplicates.count();
    }

    public void driverCall(String driver, boolean succeeded, Duration took) {
        Timer.builder("tideflow.executor.driver.calls")
                .description("Time the platform took to apply a decision")
                .tag("driver", driver)
                .tag("outcome", succeeded ? "success" : "failure")
                .register(registry)
                .record(took);
    }
}

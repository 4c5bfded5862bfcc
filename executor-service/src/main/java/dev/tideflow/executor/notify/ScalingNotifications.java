package dev.tideflow.executor.notify;

import dev.tideflow.contracts.ContractCodec;
import dev.tideflow.contracts.ScalingEvent;
import dev.tideflow.executor.config.ExecutorConfig;
import dev.tideflow.executor.config.ExecutorSettings;
import dev.tideflow.executor.service.ExecutorMetrics;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import java.time.Clock;

/**
 * Posts each published scaling outcome (the {@code tideflow.scaling-events} JSON) to the webhook the live settings
 * name, signed as {@link WebhookSignature} describes. Offering never blocks the decision path.
 */
@ApplicationScoped
public class ScalingNotifications {

    private final WebhookNotifier notifier;

    ScalingNotifications(ExecutorSettings settings, ExecutorConfig config, ExecutorMetrics metrics) {
        ExecutorConfig.Notifications limits = config.notifications();
        this.notifier = new WebhookNotifier(settings::webhookUrl, settings::signingSecret, limits.queueCapacity(),
                limits.maxAttempts(), limits.firstBackoff(), limits.timeout(), metrics::notification,
                Clock.systemUTC());
    }

    void start(@Observes StartupEvent event) {
        notifier.start();
    }

    void stop(@Observes ShutdownEvent event) {
        notifier.close();
    }

    /** Queues the outcome; the decision id is the delivery id a receiver deduplicates by. */
    public void outcome(ScalingEvent event) {
        notifier.offer(event.decisionId(), ContractCodec.encode(event));
    }
}

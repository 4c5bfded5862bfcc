package dev.tideflow.collector.messaging;

import dev.tideflow.collector.config.CollectorConfig;
import dev.tideflow.collector.service.CollectorMetrics;
import dev.tideflow.collector.service.MetricWindowService;
import dev.tideflow.contracts.Channels;
import dev.tideflow.contracts.ContractCodec;
import dev.tideflow.contracts.MetricWindow;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Records every window on {@code tideflow.metric-windows} in PostgreSQL. The history is a projection of
 * the topic rather than a second write beside the publish: a window is stored exactly when it was
 * published, whichever instance published it, and a database outage never holds back publishing.
 * The unique key makes a re-published window a no-op; the record is acknowledged once stored.
 */
@ApplicationScoped
public class WindowHistoryConsumer {

    private final MetricWindowService windows;
    private final CollectorMetrics metrics;
    private final CollectorConfig config;

    WindowHistoryConsumer(MetricWindowService windows, CollectorMetrics metrics, CollectorConfig config) {
        this.windows = windows;
        this.metrics = metrics;
        this.config = config;
    }

    @Incoming(Channels.WINDOWS_IN)
    public Uni<Void> record(String payload) {
        MetricWindow window = ContractCodec.decode(payload, MetricWindow.class);
        // A short database hiccup is retried like a publish; past that the window is dead-lettered for replay.
        CollectorConfig.Publish retry = config.publish();
        return Uni.createFrom().deferred(() -> windows.record(window))
                .onFailure().retry().withBackOff(retry.backoff(), retry.maxBackoff()).atMost(retry.attempts())
                .invoke(added -> {
                    if (added) {
                        metrics.windowRecorded();
                    }
                })
                .replaceWithVoid();
    }
}

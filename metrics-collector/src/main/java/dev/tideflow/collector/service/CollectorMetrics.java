package dev.tideflow.collector.service;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The collector's counters. {@code source} tells the REST intake ({@code rest}: handed to
 * {@code tideflow.metrics}) from the consumer ({@code kafka}: counted into a window), so a REST sample
 * is counted once by each.
 */
@ApplicationScoped
public class CollectorMetrics {

    public static final String SOURCE_REST = "rest";
    public static final String SOURCE_KAFKA = "kafka";

    /** Why a sample was refused; the {@code reason} tag. */
    public enum RejectReason {
        INVALID("invalid"),
        TOO_FAR_AHEAD("too-far-ahead"),
        OVER_CAPACITY("over-capacity"),
        PUBLISH_FAILED("publish-failed");

        private final String tag;

        RejectReason(String tag) {
            this.tag = tag;
        }
    }

    private final MeterRegistry registry;
    private final Map<String, Counter> counters = new ConcurrentHashMap<>();
    private final Counter late;
    private final Counter windowsPublished;
    private final Counter windowsRecorded;
    private final Counter instanceSamplesOmitted;

    CollectorMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.late = Counter.builder("tideflow.collector.samples.late")
                .description("Samples dropped because their window had already closed")
                .register(registry);
        this.windowsPublished = Counter.builder("tideflow.collector.windows.published")
                .description("Windows published to tideflow.metric-windows and acknowledged by the broker")
                .register(registry);
        this.windowsRecorded = Counter.builder("tideflow.collector.windows.recorded")
                .description("Published windows newly stored in the window history")
                .register(registry);
        this.instanceSamplesOmitted = Counter.builder("tideflow.collector.instance-samples.omitted")
                .description("Samples of instances beyond tideflow.collector.max-instances-per-window: in their"
                        + " window's target-wide aggregate, not in its per-instance list")
                .register(registry);
    }

    public void accepted(String source, int samples) {
        counters.computeIfAbsent("accepted/" + source, k -> Counter.builder("tideflow.collector.samples.accepted")
                .description("Samples accepted: handed to tideflow.metrics (rest) or counted into a window (kafka)")
                .tag("source", source)
                .register(registry)).increment(samples);
    }

    public void rejected(String source, RejectReason reason, int samples) {
        counters.computeIfAbsent("rejected/" + source + "/" + reason.tag,
                k -> Counter.builder("tideflow.collector.samples.rejected")
                        .description("Samples refused, by reason")
                        .tag("source", source)
                        .tag("reason", reason.tag)
                        .register(registry)).increment(samples);
    }

    public void late() {
        late.increment();
    }

    public void windowPublished() {
        windowsPublished.increment();
    }

    public void windowRecorded() {
        windowsRecorded.increment();
    }

    public void instanceSamplesOmitted(long samples) {
        instanceSamplesOmitted.increment(samples);
    }
}

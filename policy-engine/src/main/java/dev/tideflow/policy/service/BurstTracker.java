package dev.tideflow.policy.service;

import dev.tideflow.contracts.MetricWindow;
import dev.tideflow.policy.config.PolicyEngineConfig;
import dev.tideflow.policy.hpa.BurstDetector;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One {@link BurstDetector} per target, metric and aggregate read, fed each window's value once. The detectors
 * live in memory with the partition owner: after a restart or a rebalance a detector judges nothing until it has
 * seen its minimum number of windows again, which only delays a {@code high} priority, never a decision.
 */
@ApplicationScoped
public class BurstTracker {

    private final PolicyEngineConfig.Bursts config;
    private final Map<String, Tracked> detectors = new ConcurrentHashMap<>();

    public BurstTracker(PolicyEngineConfig config) {
        this.config = config.bursts();
    }

    /**
     * Judges the window's {@code aggregate} of its metric. A window seen before (a redelivery) or older than the
     * last one seen is judged again without entering the detector's history twice.
     */
    public BurstDetector.Burst observe(MetricWindow window, String aggregate, double value) {
        String key = window.target() + "|" + window.metric() + "|" + aggregate;
        Tracked tracked = detectors.computeIfAbsent(key, k -> new Tracked(
                new BurstDetector(config.window(), config.minSamples(), config.threshold())));
        synchronized (tracked) {
            if (tracked.lastEnd != null && !window.windowEnd().isAfter(tracked.lastEnd)) {
                return tracked.detector.assess(value);
            }
            tracked.lastEnd = window.windowEnd();
            return tracked.detector.observe(value);
        }
    }

    private static final class Tracked {
        final BurstDetector detector;
        Instant lastEnd;

        Tracked(BurstDetector detector) {
            this.detector = detector;
        }
    }
}

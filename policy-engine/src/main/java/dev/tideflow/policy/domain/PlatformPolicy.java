package dev.tideflow.policy.domain;

import java.util.List;

/**
 * One entry of the platform team's {@code policies.json}, as {@code POST /api/policies/import} reads it.
 * Durations ({@code window}, {@code cooldownPeriod}, {@code evaluationInterval}) are seconds or a number with a
 * unit: {@code 30s}, {@code 5m}, {@code 1h}.
 */
public record PlatformPolicy(String name, String service, Integer minReplicas, Integer maxReplicas,
        List<Metric> metrics, List<Threshold> thresholds, String cooldownPeriod, Integer scaleUpBy,
        Integer scaleDownBy, String evaluationInterval, Boolean enabled) {

    public record Metric(String name, String type, String source, String aggregation, String window, Double weight) {
    }

    /** @param comparison greater_than, less_than or percentage_change */
    public record Threshold(String metric, Double scaleUp, Double scaleDown, String comparison) {
    }
}

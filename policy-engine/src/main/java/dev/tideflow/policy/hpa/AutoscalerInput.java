package dev.tideflow.policy.hpa;

import java.time.Instant;
import java.util.List;

/**
 * Everything one horizontal autoscaling evaluation needs.
 *
 * @param tolerance       the tolerance of both directions unless the behavior sets its own; null for 0.1
 * @param globalCap       the most replicas any target may run; null for none
 * @param recommendations earlier recommendations, for stabilization
 * @param events          earlier replica changes, for the rate policies
 * @param now             the moment of evaluation, which the history's timestamps are measured against
 */
public record AutoscalerInput(int currentReplicas, int minReplicas, int maxReplicas, Integer globalCap,
        Double tolerance, List<MetricInput> metrics, Behavior behavior, List<Recommendation> recommendations,
        List<ScaleEvent> events, Instant now) {

    public AutoscalerInput {
        metrics = List.copyOf(metrics);
        behavior = behavior == null ? Behavior.DEFAULTS : behavior;
        recommendations = recommendations == null ? List.of() : List.copyOf(recommendations);
        events = events == null ? List.of() : List.copyOf(events);
    }
}

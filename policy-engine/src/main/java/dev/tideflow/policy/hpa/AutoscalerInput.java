package dev.tideflow.policy.hpa;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Everything one horizontal autoscaling evaluation needs.
 *
 * @param tolerance       the tolerance of both directions unless the behavior sets its own; null for 0.1
 * @param globalCap       the most replicas any target may run; null for none
 * @param recommendations earlier recommendations, for stabilization
 * @param events          earlier replica changes, for the rate policies
 * @param now             the moment of evaluation, which the history's timestamps are measured against
 * @param combination     how the metrics' valid proposals combine; null for {@link MetricCombination#MAX}
 * @param weights         each metric's weight for {@link MetricCombination#WEIGHTED}, in the order of
 *                        {@code metrics}; null or empty for all 1 (a null entry is 1)
 */
public record AutoscalerInput(int currentReplicas, int minReplicas, int maxReplicas, Integer globalCap,
        Double tolerance, List<MetricInput> metrics, Behavior behavior, List<Recommendation> recommendations,
        List<ScaleEvent> events, Instant now, MetricCombination combination, List<Double> weights) {

    public AutoscalerInput {
        metrics = List.copyOf(metrics);
        behavior = behavior == null ? Behavior.DEFAULTS : behavior;
        recommendations = recommendations == null ? List.of() : List.copyOf(recommendations);
        events = events == null ? List.of() : List.copyOf(events);
        combination = combination == null ? MetricCombination.MAX : combination;
        weights = weights == null ? List.of() : Collections.unmodifiableList(new ArrayList<>(weights));
        if (!weights.isEmpty() && weights.size() != metrics.size()) {
            throw new IllegalArgumentException(weights.size() + " weights for " + metrics.size() + " metrics");
        }
    }

    /** Metrics combined as HPA combines them: the largest valid proposal. */
    public AutoscalerInput(int currentReplicas, int minReplicas, int maxReplicas, Integer globalCap,
            Double tolerance, List<MetricInput> metrics, Behavior behavior, List<Recommendation> recommendations,
            List<ScaleEvent> events, Instant now) {
        this(currentReplicas, minReplicas, maxReplicas, globalCap, tolerance, metrics, behavior, recommendations,
                events, now, MetricCombination.MAX, null);
    }
}

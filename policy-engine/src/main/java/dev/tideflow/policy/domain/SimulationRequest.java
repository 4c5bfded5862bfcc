package dev.tideflow.policy.domain;

import java.time.Instant;
import java.util.List;

/**
 * The body of {@code POST /api/autoscaling/simulate}: a target's state, its metrics and, optionally, HPA
 * behavior and the history behavior is measured against. Every field is nullable here so that
 * {@link dev.tideflow.policy.service.AutoscalingSimulator#validate} can name each missing one.
 *
 * @param tolerance the tolerance of both directions unless the behavior sets its own (default 0.1)
 * @param globalCap the most replicas the target may run whatever its policy says; none when absent
 * @param time        the moment the simulation runs at, which the history is measured against; now when absent
 * @param combination how the metrics' valid proposals combine: {@code max} (HPA's, when absent) or
 *                    {@code weighted}
 */
public record SimulationRequest(Integer currentReplicas, Integer minReplicas, Integer maxReplicas, Double tolerance,
        Integer globalCap, Instant time, List<Metric> metrics, BehaviorSpec behavior, History history,
        String combination) {

    /**
     * @param value  the metric's total over the target: required for a Value target, or for an AverageValue
     *               target that has no instances
     * @param weight the metric's weight in a {@code weighted} combination; 1 when absent
     */
    public record Metric(String name, MetricTargetSpec target, List<Instance> instances, Double value,
            Double weight) {
    }

    /**
     * @param value   null for a ready instance that reported nothing (a missing metric)
     * @param request the resource request, for a Utilization target
     * @param ready   false for an instance that is not ready; true when absent
     */
    public record Instance(String id, Double value, Double request, Boolean ready) {
    }

    public record History(List<Recommendation> recommendations, List<ScaleEvent> scaleEvents) {
    }

    public record Recommendation(Instant time, Integer replicas) {
    }

    public record ScaleEvent(Instant time, Integer fromReplicas, Integer toReplicas) {
    }
}

package dev.tideflow.policy.hpa;

import java.util.List;

/**
 * A metric of the target with its target level and what the instances report.
 *
 * @param instances per-instance samples: required for {@link TargetType#UTILIZATION}; for
 *                  {@link TargetType#AVERAGE_VALUE} either these or {@code total}; for {@link TargetType#VALUE}
 *                  they only say which instances are ready (null or empty: all current replicas are)
 * @param total     the metric's total over the target: required for {@link TargetType#VALUE}; for
 *                  {@link TargetType#AVERAGE_VALUE} it is divided over the current replicas, as HPA does for
 *                  external and object metrics with an AverageValue target
 */
public record MetricInput(String name, MetricTarget target, List<InstanceSample> instances, Double total) {

    public MetricInput {
        instances = instances == null ? List.of() : List.copyOf(instances);
    }

    public static MetricInput ofInstances(String name, MetricTarget target, List<InstanceSample> instances) {
        return new MetricInput(name, target, instances, null);
    }

    public static MetricInput ofTotal(String name, MetricTarget target, double total) {
        return new MetricInput(name, target, List.of(), total);
    }
}

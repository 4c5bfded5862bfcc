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
 * @param unavailable why the metric cannot be read at all (no data, stale data); null when it can. An unavailable
 *                    metric gives no proposal, as a metric HPA fails to fetch
 */
public record MetricInput(String name, MetricTarget target, List<InstanceSample> instances, Double total,
        String unavailable) {

    public MetricInput {
        instances = instances == null ? List.of() : List.copyOf(instances);
    }

    public MetricInput(String name, MetricTarget target, List<InstanceSample> instances, Double total) {
        this(name, target, instances, total, null);
    }

    public static MetricInput unavailable(String name, MetricTarget target, String why) {
        return new MetricInput(name, target, List.of(), null, why);
    }

    public static MetricInput ofInstances(String name, MetricTarget target, List<InstanceSample> instances) {
        return new MetricInput(name, target, instances, null);
    }

    public static MetricInput ofTotal(String name, MetricTarget target, double total) {
        return new MetricInput(name, target, List.of(), total);
    }
}

package dev.tideflow.policy.domain;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.tideflow.contracts.Violations;
import dev.tideflow.policy.hpa.MetricCombination;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Holds each metric at its target level as Kubernetes' HPA does: every metric proposes
 * {@code ceil(ratio × replicas)}, the largest valid proposal wins (or, with {@code combination: weighted}, the
 * weighted mean of the valid proposals), then the policy's behavior stabilizes and rate-limits it.
 *
 * @param tolerance   the tolerance of both directions unless the behavior sets its own; HPA's 0.1 when absent
 * @param combination {@code max} (HPA's and KEDA's, when absent) or {@code weighted}
 */
@JsonPropertyOrder({"type", "metrics", "tolerance", "combination"})
@JsonIgnoreProperties(value = "type", allowGetters = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TargetTrackingRule(List<Metric> metrics, Double tolerance, String combination) implements ScalingRule {

    public static final String TYPE = "targetTracking";
    public static final int MAX_METRICS = 10;

    public TargetTrackingRule(List<Metric> metrics, Double tolerance) {
        this(metrics, tolerance, null);
    }

    @Override
    @JsonProperty("type")
    public String type() {
        return TYPE;
    }

    /** Whether one of the rule's metrics is {@code name}. */
    public boolean tracks(String name) {
        return metrics != null && metrics.stream().anyMatch(m -> m != null && name.equals(m.name()));
    }

    /** The combination in force; {@code MAX} when absent (or, before validation, unknown). */
    public MetricCombination combinationOrDefault() {
        return combination == null ? MetricCombination.MAX
                : MetricCombination.fromWireName(combination).orElse(MetricCombination.MAX);
    }

    /** Each metric's weight in rule order, 1 where absent. */
    public List<Double> weights() {
        return metrics.stream().map(m -> m.weight() == null ? 1.0 : m.weight()).toList();
    }

    @Override
    public void validate(Violations check) {
        SpecChecks.tolerance(check, "rule.tolerance", tolerance);
        MetricCombination combined = SpecChecks.combination(check, "rule.combination", combination);
        if (metrics == null || metrics.isEmpty()) {
            check.add("'rule.metrics' must list at least one metric");
            return;
        }
        if (metrics.size() > MAX_METRICS) {
            check.add("'rule.metrics' lists " + metrics.size() + " metrics, at most " + MAX_METRICS + " are allowed");
            return;
        }
        Set<String> names = new HashSet<>();
        for (int i = 0; i < metrics.size(); i++) {
            String field = "rule.metrics[" + i + "]";
            Metric metric = metrics.get(i);
            if (metric == null) {
                check.add("'" + field + "' must not be null");
                continue;
            }
            check.metricName(field + ".name", metric.name());
            if (metric.name() != null && !names.add(metric.name())) {
                check.add("'" + field + ".name' repeats the metric '" + metric.name() + "'");
            }
            if (check.required(field + ".target", metric.target())) {
                metric.target().validate(check, field);
            }
            SpecChecks.weight(check, field + ".weight", metric.weight(), combined);
        }
    }

    /**
     * A metric the rule tracks and the level to hold it at.
     *
     * @param weight its weight in a {@code weighted} combination; 1 when absent
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Metric(String name, MetricTargetSpec target, Double weight) {

        public Metric(String name, MetricTargetSpec target) {
            this(name, target, null);
        }
    }
}

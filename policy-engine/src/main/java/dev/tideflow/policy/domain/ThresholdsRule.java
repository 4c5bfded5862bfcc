package dev.tideflow.policy.domain;

import com.fasterxml.jackson.annotation.JsonIgnore;
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
 * A threshold rule over several metrics: each threshold steps the count as a {@link ThresholdRule} would (the same
 * comparisons, the policy's {@code scaleUpBy}/{@code scaleDownBy}), and the proposals of the thresholds whose
 * metric could be read are combined as a targetTracking rule combines its metrics: the largest wins ({@code max},
 * HPA's and KEDA's), or {@code ceil(Σ weight × proposal / Σ weight)} ({@code weighted}). One policy over several
 * metrics never pulls its target two ways at once, which one threshold policy per metric did.
 *
 * @param combination {@code max} (when absent) or {@code weighted}
 */
@JsonPropertyOrder({"type", "thresholds", "scaleUpBy", "scaleDownBy", "combination"})
@JsonIgnoreProperties(value = "type", allowGetters = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ThresholdsRule(List<Threshold> thresholds, Integer scaleUpBy, Integer scaleDownBy, String combination)
        implements ScalingRule {

    public static final String TYPE = "thresholds";
    /** The same bound as a targetTracking rule's metrics. */
    public static final int MAX_THRESHOLDS = TargetTrackingRule.MAX_METRICS;

    public ThresholdsRule {
        scaleUpBy = scaleUpBy == null ? ThresholdRule.DEFAULT_STEP : scaleUpBy;
        scaleDownBy = scaleDownBy == null ? ThresholdRule.DEFAULT_STEP : scaleDownBy;
    }

    @Override
    @JsonProperty("type")
    public String type() {
        return TYPE;
    }

    /** Whether one of the thresholds reads {@code metric}. */
    public boolean tracks(String metric) {
        return thresholds != null && thresholds.stream().anyMatch(t -> t != null && metric.equals(t.metric()));
    }

    /** The threshold that reads {@code metric}; null if none does. */
    public Threshold thresholdOf(String metric) {
        return thresholds.stream().filter(t -> metric.equals(t.metric())).findFirst().orElse(null);
    }

    /** The combination in force; {@code MAX} when absent. */
    public MetricCombination combinationOrDefault() {
        return combination == null ? MetricCombination.MAX
                : MetricCombination.fromWireName(combination).orElse(MetricCombination.MAX);
    }

    /** Each threshold's weight in order, 1 where absent. */
    public List<Double> weights() {
        return thresholds.stream().map(t -> t.weight() == null ? 1.0 : t.weight()).toList();
    }

    @Override
    public void validate(Violations check) {
        MetricCombination combined = SpecChecks.combination(check, "rule.combination", combination);
        if (scaleUpBy < 1) {
            check.add("'rule.scaleUpBy' must be at least 1, got " + scaleUpBy);
        }
        if (scaleDownBy < 1) {
            check.add("'rule.scaleDownBy' must be at least 1, got " + scaleDownBy);
        }
        if (thresholds == null || thresholds.isEmpty()) {
            check.add("'rule.thresholds' must list at least one threshold");
            return;
        }
        if (thresholds.size() > MAX_THRESHOLDS) {
            check.add("'rule.thresholds' lists " + thresholds.size() + " thresholds, at most " + MAX_THRESHOLDS
                    + " are allowed");
            return;
        }
        Set<String> metrics = new HashSet<>();
        for (int i = 0; i < thresholds.size(); i++) {
            String field = "rule.thresholds[" + i + "]";
            Threshold threshold = thresholds.get(i);
            if (threshold == null) {
                check.add("'" + field + "' must not be null");
                continue;
            }
            check.metricName(field + ".metric", threshold.metric());
            // One threshold per metric: the metric's latest window and its percentage_change baseline are per metric.
            if (threshold.metric() != null && !metrics.add(threshold.metric())) {
                check.add("'" + field + ".metric' repeats the metric '" + threshold.metric()
                        + "' (one threshold per metric)");
            }
            if (threshold.aggregation() != null && Aggregation.fromWireName(threshold.aggregation()).isEmpty()) {
                check.add("unknown aggregation '" + threshold.aggregation() + "' in '" + field
                        + ".aggregation' (expected one of " + Aggregation.NAMES + ")");
            }
            ThresholdRule.validateBand(check, field, threshold.comparison(), threshold.scaleUpThreshold(),
                    threshold.scaleDownThreshold());
            SpecChecks.weight(check, field + ".weight", threshold.weight(), combined);
        }
    }

    /**
     * One metric's threshold.
     *
     * @param aggregation which aggregate of the metric's window is compared; avg when absent
     * @param comparison  greater_than (when absent), less_than or percentage_change, as {@link ThresholdRule}'s
     * @param weight      its weight in a {@code weighted} combination; 1 when absent
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Threshold(String metric, String aggregation, String comparison, Double scaleUpThreshold,
            Double scaleDownThreshold, Double weight) {

        /** The aggregation in force (validate first). */
        @JsonIgnore
        public Aggregation aggregationOrDefault() {
            return aggregation == null ? PolicySpec.DEFAULT_AGGREGATION
                    : Aggregation.fromWireName(aggregation).orElseThrow();
        }

        /** This threshold as a single-metric rule stepping by the policy's steps. */
        public ThresholdRule asRule(int scaleUpBy, int scaleDownBy) {
            return new ThresholdRule(scaleUpThreshold, scaleDownThreshold, scaleUpBy, scaleDownBy,
                    ThresholdRule.GREATER_THAN.equals(comparison) ? null : comparison);
        }
    }
}

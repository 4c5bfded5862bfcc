package dev.tideflow.policy.service;

import dev.tideflow.contracts.Violations;
import dev.tideflow.policy.domain.Aggregation;
import dev.tideflow.policy.domain.PolicySpec;
import dev.tideflow.policy.domain.ScheduleSpec;
import dev.tideflow.policy.domain.SpecChecks;
import dev.tideflow.policy.domain.TargetTrackingRule;
import dev.tideflow.policy.domain.ThresholdsRule;
import dev.tideflow.policy.domain.VerticalSpec;

import java.util.List;

/**
 * Every rule a policy must keep, checked together so that one answer lists every mistake. Bean
 * Validation annotations cannot express the cross-field rules and the rule-type dispatch in one pass.
 * Metric targets and behavior are checked by the same code as a simulation request's
 * ({@link dev.tideflow.policy.domain.MetricTargetSpec}, {@link dev.tideflow.policy.domain.BehaviorSpec}).
 */
public final class PolicyValidator {

    public static final int MAX_NAME_LENGTH = 128;
    /** A threshold breach that must last longer than this is better expressed with a longer window. */
    public static final int MAX_EVALUATION_PERIODS = 100;

    public List<String> validate(PolicySpec spec) {
        Violations check = new Violations();
        if (spec == null) {
            return check.add("a policy is required in the request body").list();
        }
        check.text("name", spec.name(), MAX_NAME_LENGTH, true);
        check.target("target", spec.target());
        if (spec.rule() instanceof TargetTrackingRule) {
            targetTrackingOnly(check, spec);
        } else if (spec.rule() instanceof ThresholdsRule) {
            thresholdsOnly(check, spec);
        } else {
            thresholdOnly(check, spec);
        }
        if (check.required("rule", spec.rule())) {
            spec.rule().validate(check);
        }
        boolean min = SpecChecks.atLeast(check, "minReplicas", spec.minReplicas(), 0, true);
        boolean max = SpecChecks.atLeast(check, "maxReplicas", spec.maxReplicas(), 1, true);
        if (min && max && spec.minReplicas() > spec.maxReplicas()) {
            check.add("'minReplicas' (" + spec.minReplicas() + ") must not exceed 'maxReplicas' ("
                    + spec.maxReplicas() + ")");
        }
        ScheduleSpec.validateAll(check, spec.schedules(), spec.minReplicas(), spec.maxReplicas());
        if (spec.predictive() != null) {
            spec.predictive().validate(check, spec.rule());
        }
        VerticalSpec.validate(check, spec.scalingMode(), spec.vertical(), spec.rule());
        if (!(spec.rule() instanceof TargetTrackingRule)) {
            SpecChecks.atLeast(check, "cooldownSeconds", spec.cooldownSeconds(), 0, false);
            if (SpecChecks.atLeast(check, "evaluationPeriods", spec.evaluationPeriods(), 1, false)
                    && spec.evaluationPeriods() > MAX_EVALUATION_PERIODS) {
                check.add("'evaluationPeriods' must be at most " + MAX_EVALUATION_PERIODS + ", got "
                        + spec.evaluationPeriods());
            }
        }
        return check.list();
    }

    /** The fields of a threshold policy, and the HPA ones it must not carry. */
    private static void thresholdOnly(Violations check, PolicySpec spec) {
        check.metricName("metric", spec.metric());
        if (spec.aggregation() != null && Aggregation.fromWireName(spec.aggregation()).isEmpty()) {
            check.add("unknown aggregation '" + spec.aggregation() + "' (expected one of " + Aggregation.NAMES + ")");
        }
        if (spec.behavior() != null) {
            check.add("'behavior' applies to targetTracking rules only; a threshold rule is paced by "
                    + "'cooldownSeconds' and 'evaluationPeriods'");
        }
    }

    /** A thresholds policy names its metrics and their aggregations in the rule, and is paced like a threshold one. */
    private static void thresholdsOnly(Violations check, PolicySpec spec) {
        if (spec.metric() != null) {
            check.add("'metric' does not apply to a thresholds rule; name the metrics in 'rule.thresholds[].metric'");
        }
        if (spec.aggregation() != null) {
            check.add("'aggregation' does not apply to a thresholds rule; set each threshold's "
                    + "'rule.thresholds[].aggregation'");
        }
        if (spec.behavior() != null) {
            check.add("'behavior' applies to targetTracking rules only; a thresholds rule is paced by "
                    + "'cooldownSeconds' and 'evaluationPeriods'");
        }
    }

    /** A targetTracking policy names its metrics in the rule and is paced by its behavior. */
    private static void targetTrackingOnly(Violations check, PolicySpec spec) {
        if (spec.metric() != null) {
            check.add("'metric' does not apply to a targetTracking rule; name the metrics in 'rule.metrics'");
        }
        if (spec.aggregation() != null) {
            check.add("'aggregation' does not apply to a targetTracking rule; each metric's target type says "
                    + "which aggregate of the window is read (Utilization and AverageValue: avg, Value: sum)");
        }
        if (spec.cooldownSeconds() != null) {
            check.add("'cooldownSeconds' does not apply to a targetTracking rule; use "
                    + "'behavior.scaleUp/scaleDown.stabilizationWindowSeconds' and rate 'policies'");
        }
        if (spec.evaluationPeriods() != null) {
            check.add("'evaluationPeriods' applies to threshold rules only; a targetTracking rule is held back by "
                    + "'behavior.scaleDown.stabilizationWindowSeconds'");
        }
        if (spec.behavior() != null) {
            spec.behavior().validate(check, "behavior");
        }
    }
}

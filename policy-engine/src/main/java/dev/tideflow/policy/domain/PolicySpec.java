package dev.tideflow.policy.domain;

import java.util.List;

/**
 * A policy as a user writes it, for create and replace. Absent optional fields take their defaults
 * ({@link #aggregationOrDefault()}, …); {@link dev.tideflow.policy.service.PolicyValidator} lists
 * everything wrong with it at once.
 *
 * @param target            "namespace/name" of the workload the policy scales
 * @param metric            the metric name in the windows the collector publishes; a threshold rule's only, absent
 *                          for a targetTracking or thresholds rule, which names its metrics itself
 * @param behavior          HPA's behavior, for a targetTracking rule only; HPA's defaults when absent
 * @param evaluationPeriods for a threshold rule: how many consecutive windows must breach the same threshold
 *                          before the policy acts (1 when absent); for a thresholds rule, how many consecutive
 *                          windows the combined proposal must move the same way
 * @param schedules         windows in which the replica range is narrowed ({@link ScheduleSpec}); none when absent
 * @param predictive        forecast-driven floor ({@link PredictiveSpec}); none when absent
 * @param scalingMode       horizontal (default), vertical or mixed
 * @param vertical          the request bounds of a vertical or mixed policy ({@link VerticalSpec})
 */
public record PolicySpec(String name, String target, String metric, String aggregation, ScalingRule rule,
        Integer minReplicas, Integer maxReplicas, Integer cooldownSeconds, Boolean enabled, Boolean dryRun,
        BehaviorSpec behavior, Integer evaluationPeriods, List<ScheduleSpec> schedules, PredictiveSpec predictive,
        String scalingMode, VerticalSpec vertical) {

    public static final Aggregation DEFAULT_AGGREGATION = Aggregation.AVG;
    public static final int DEFAULT_COOLDOWN_SECONDS = 60;
    public static final int DEFAULT_EVALUATION_PERIODS = 1;

    /** A policy without predictive scaling. */
    public PolicySpec(String name, String target, String metric, String aggregation, ScalingRule rule,
            Integer minReplicas, Integer maxReplicas, Integer cooldownSeconds, Boolean enabled, Boolean dryRun,
            BehaviorSpec behavior, Integer evaluationPeriods, List<ScheduleSpec> schedules) {
        this(name, target, metric, aggregation, rule, minReplicas, maxReplicas, cooldownSeconds, enabled, dryRun,
                behavior, evaluationPeriods, schedules, null, null, null);
    }

    /** A horizontal policy. */
    public PolicySpec(String name, String target, String metric, String aggregation, ScalingRule rule,
            Integer minReplicas, Integer maxReplicas, Integer cooldownSeconds, Boolean enabled, Boolean dryRun,
            BehaviorSpec behavior, Integer evaluationPeriods, List<ScheduleSpec> schedules, PredictiveSpec predictive) {
        this(name, target, metric, aggregation, rule, minReplicas, maxReplicas, cooldownSeconds, enabled, dryRun,
                behavior, evaluationPeriods, schedules, predictive, null, null);
    }

    public boolean tracksTargets() {
        return rule instanceof TargetTrackingRule;
    }

    /** Whether the rule names its metrics itself (targetTracking, thresholds), so the policy names none. */
    public boolean namesItsMetrics() {
        return rule instanceof TargetTrackingRule || rule instanceof ThresholdsRule;
    }

    /**
     * Null for a rule that names its metrics: a targetTracking rule's target types, a thresholds rule's own
     * aggregations say which aggregate each metric is read from.
     */
    public Aggregation aggregationOrDefault() {
        if (namesItsMetrics()) {
            return null;
        }
        return aggregation == null ? DEFAULT_AGGREGATION : Aggregation.fromWireName(aggregation)
                .orElseThrow(() -> new IllegalStateException("validate the spec first: aggregation " + aggregation));
    }

    /** 0 for a targetTracking rule, whose behavior's stabilization windows and rate policies pace it instead. */
    public int cooldownSecondsOrDefault() {
        if (tracksTargets()) {
            return 0;
        }
        return cooldownSeconds == null ? DEFAULT_COOLDOWN_SECONDS : cooldownSeconds;
    }

    public int evaluationPeriodsOrDefault() {
        return evaluationPeriods == null ? DEFAULT_EVALUATION_PERIODS : evaluationPeriods;
    }

    public boolean enabledOrDefault() {
        return enabled == null || enabled;
    }

    public boolean dryRunOrDefault() {
        return dryRun != null && dryRun;
    }
}

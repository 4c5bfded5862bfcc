package dev.tideflow.policy.domain;

import dev.tideflow.policy.schedule.Schedule;
import dev.tideflow.policy.vertical.ScalingMode;

import java.util.List;
import java.util.UUID;

/**
 * What evaluating a policy needs, detached from the database session it was read in.
 *
 * @param metric      a threshold rule's metric; null for a targetTracking or thresholds rule
 * @param aggregation a threshold rule's aggregate; null for a targetTracking or thresholds rule
 * @param schedules   the windows that narrow {@code range}; empty for none
 * @param predictive  the forecast that may raise the floor; null for none
 * @param scalingMode horizontal, vertical or mixed
 * @param vertical    the request bounds of a vertical or mixed policy; null for a horizontal one
 */
public record PolicySnapshot(UUID id, String name, String target, String metric, Aggregation aggregation,
        ScalingRule rule, ReplicaRange range, int cooldownSeconds, boolean dryRun, BehaviorSpec behavior,
        int evaluationPeriods, List<Schedule> schedules, PredictiveSpec predictive, ScalingMode scalingMode,
        VerticalSpec vertical) {

    public PolicySnapshot {
        schedules = schedules == null ? List.of() : List.copyOf(schedules);
        scalingMode = scalingMode == null ? ScalingMode.HORIZONTAL : scalingMode;
    }

    /** A horizontal policy. */
    public PolicySnapshot(UUID id, String name, String target, String metric, Aggregation aggregation,
            ScalingRule rule, ReplicaRange range, int cooldownSeconds, boolean dryRun, BehaviorSpec behavior,
            int evaluationPeriods, List<Schedule> schedules, PredictiveSpec predictive) {
        this(id, name, target, metric, aggregation, rule, range, cooldownSeconds, dryRun, behavior,
                evaluationPeriods, schedules, predictive, ScalingMode.HORIZONTAL, null);
    }

    /** A policy without schedules. */
    public PolicySnapshot(UUID id, String name, String target, String metric, Aggregation aggregation,
            ScalingRule rule, ReplicaRange range, int cooldownSeconds, boolean dryRun, BehaviorSpec behavior,
            int evaluationPeriods) {
        this(id, name, target, metric, aggregation, rule, range, cooldownSeconds, dryRun, behavior,
                evaluationPeriods, List.of(), null);
    }

    /** A policy without predictive scaling. */
    public PolicySnapshot(UUID id, String name, String target, String metric, Aggregation aggregation,
            ScalingRule rule, ReplicaRange range, int cooldownSeconds, boolean dryRun, BehaviorSpec behavior,
            int evaluationPeriods, List<Schedule> schedules) {
        this(id, name, target, metric, aggregation, rule, range, cooldownSeconds, dryRun, behavior,
                evaluationPeriods, schedules, null);
    }

    /**
     * This policy deciding as a dry run, as the suite-wide {@code autoscaling.dry-run} makes every policy do:
     * its decisions are published and logged marked dryRun, and leave the target's state alone.
     */
    public PolicySnapshot asDryRun() {
        return dryRun ? this : new PolicySnapshot(id, name, target, metric, aggregation, rule, range, cooldownSeconds,
                true, behavior, evaluationPeriods, schedules, predictive, scalingMode, vertical);
    }

    /** This policy with its range narrowed, as its open schedule windows narrow it. */
    public PolicySnapshot withRange(ReplicaRange narrowed) {
        return narrowed.equals(range) ? this : new PolicySnapshot(id, name, target, metric, aggregation, rule,
                narrowed, cooldownSeconds, dryRun, behavior, evaluationPeriods, schedules, predictive, scalingMode,
                vertical);
    }

    /** Whether windows of {@code windowMetric} are evaluated by this policy. */
    public boolean watches(String windowMetric) {
        if (rule instanceof TargetTrackingRule tracking) {
            return tracking.tracks(windowMetric);
        }
        return rule instanceof ThresholdsRule thresholds ? thresholds.tracks(windowMetric)
                : windowMetric.equals(metric);
    }
}

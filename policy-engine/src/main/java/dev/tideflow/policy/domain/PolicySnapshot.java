package dev.tideflow.policy.domain;

import java.util.UUID;

/**
 * What evaluating a policy needs, detached from the database session it was read in.
 *
 * @param metric      a threshold rule's metric; null for a targetTracking rule
 * @param aggregation a threshold rule's aggregate; null for a targetTracking rule
 */
public record PolicySnapshot(UUID id, String name, String target, String metric, Aggregation aggregation,
        ScalingRule rule, ReplicaRange range, int cooldownSeconds, boolean dryRun, BehaviorSpec behavior,
        int evaluationPeriods) {

    /**
     * This policy deciding as a dry run, as the suite-wide {@code autoscaling.dry-run} makes every policy do:
     * its decisions are published and logged marked dryRun, and leave the target's state alone.
     */
    public PolicySnapshot asDryRun() {
        return dryRun ? this : new PolicySnapshot(id, name, target, metric, aggregation, rule, range, cooldownSeconds,
                true, behavior, evaluationPeriods);
    }

    /** Whether windows of {@code windowMetric} are evaluated by this policy. */
    public boolean watches(String windowMetric) {
        return rule instanceof TargetTrackingRule tracking ? tracking.tracks(windowMetric)
                : windowMetric.equals(metric);
    }
}

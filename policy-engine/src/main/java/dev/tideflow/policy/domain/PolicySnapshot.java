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

    /** Whether windows of {@code windowMetric} are evaluated by this policy. */
    public boolean watches(String windowMetric) {
        return rule instanceof TargetTrackingRule tracking ? tracking.tracks(windowMetric)
                : windowMetric.equals(metric);
    }
}

package dev.tideflow.policy.domain;

import java.util.UUID;

/** What evaluating a policy needs, detached from the database session it was read in. */
public record PolicySnapshot(UUID id, String name, String target, String metric, Aggregation aggregation,
        ScalingRule rule, ReplicaRange range, int cooldownSeconds, boolean dryRun) {
}

package dev.tideflow.policy.rest;

import dev.tideflow.policy.domain.Aggregation;
import dev.tideflow.policy.domain.Policy;
import dev.tideflow.policy.domain.ScalingRule;

import java.time.Instant;
import java.util.UUID;

public record PolicyResponse(UUID id, String name, String target, String metric, Aggregation aggregation,
        ScalingRule rule, int minReplicas, int maxReplicas, int cooldownSeconds, boolean enabled, boolean dryRun,
        Instant createdAt, Instant updatedAt, long version) {

    public static PolicyResponse of(Policy p) {
        return new PolicyResponse(p.id, p.name, p.target, p.metric, p.aggregation, p.rule, p.minReplicas,
                p.maxReplicas, p.cooldownSeconds, p.enabled, p.dryRun, p.createdAt, p.updatedAt, p.version);
    }
}

package dev.tideflow.policy.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.tideflow.policy.domain.Aggregation;
import dev.tideflow.policy.domain.BehaviorSpec;
import dev.tideflow.policy.domain.Policy;
import dev.tideflow.policy.domain.PolicySchedules;
import dev.tideflow.policy.domain.PredictiveSpec;
import dev.tideflow.policy.domain.ScalingRule;
import dev.tideflow.policy.domain.ScheduleSpec;
import dev.tideflow.policy.domain.TargetTrackingRule;
import dev.tideflow.policy.domain.VerticalSpec;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A stored policy; {@code metric}, {@code aggregation} and {@code evaluationPeriods} are absent for a
 * targetTracking rule, {@code metric} and {@code aggregation} for a thresholds rule, {@code behavior} for a threshold
 * or thresholds rule.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PolicyResponse(UUID id, String name, String target, String metric, Aggregation aggregation,
        ScalingRule rule, int minReplicas, int maxReplicas, int cooldownSeconds, Integer evaluationPeriods,
        BehaviorSpec behavior, List<ScheduleSpec> schedules, PredictiveSpec predictive, String scalingMode, VerticalSpec vertical, boolean enabled, boolean dryRun, Instant createdAt,
        Instant updatedAt, long version) {

    public static PolicyResponse of(Policy p) {
        return new PolicyResponse(p.id, p.name, p.target, p.metric, p.aggregation, p.rule, p.minReplicas,
                p.maxReplicas, p.cooldownSeconds, p.rule instanceof TargetTrackingRule ? null : p.evaluationPeriods,
                p.behavior, PolicySchedules.list(p.schedules), p.predictive, p.scalingMode, p.vertical, p.enabled, p.dryRun, p.createdAt,
                p.updatedAt, p.version);
    }
}

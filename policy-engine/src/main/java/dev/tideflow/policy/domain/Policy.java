package dev.tideflow.policy.domain;

import dev.tideflow.policy.vertical.ScalingMode;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import java.time.Instant;
import java.util.UUID;

/** A scaling policy: which target and metric it watches, the rule it applies and the bounds it keeps. */
@Entity
@Table(name = "policy")
public class Policy {

    @Id
    public UUID id;

    @Column(nullable = false, unique = true)
    public String name;

    @Column(nullable = false)
    public String target;

    /** A threshold rule's metric; null for a targetTracking or thresholds rule, which names its metrics itself. */
    public String metric;

    /** Null for a targetTracking or thresholds rule. */
    @Convert(converter = AggregationConverter.class)
    public Aggregation aggregation;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(nullable = false, columnDefinition = "jsonb")
    public ScalingRule rule;

    @Column(name = "min_replicas", nullable = false)
    public int minReplicas;

    @Column(name = "max_replicas", nullable = false)
    public int maxReplicas;

    @Column(name = "cooldown_seconds", nullable = false)
    public int cooldownSeconds;

    /** HPA's behavior of a targetTracking rule; null for HPA's defaults (and for threshold rules). */
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(columnDefinition = "jsonb")
    public BehaviorSpec behavior;

    /** Windows in which the replica range is narrowed; null for none. */
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(columnDefinition = "jsonb")
    public PolicySchedules schedules;

    /** Forecast-driven floor; null for none. */
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(columnDefinition = "jsonb")
    public PredictiveSpec predictive;

    /** horizontal, vertical or mixed; null for horizontal. */
    @Column(name = "scaling_mode")
    public String scalingMode;

    /** The request bounds of a vertical or mixed policy; null otherwise. */
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(columnDefinition = "jsonb")
    public VerticalSpec vertical;

    @Column(name = "evaluation_periods", nullable = false)
    public int evaluationPeriods;

    @Column(nullable = false)
    public boolean enabled;

    @Column(name = "dry_run", nullable = false)
    public boolean dryRun;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    @Version
    @Column(nullable = false)
    public long version;

    public static Policy create(PolicySpec spec, Instant now) {
        Policy policy = new Policy();
        policy.id = UUID.randomUUID();
        policy.createdAt = now;
        policy.apply(spec, now);
        return policy;
    }

    /** Replaces every user-defined field with the (validated) spec's, defaults included. */
    public void apply(PolicySpec spec, Instant now) {
        name = spec.name();
        target = spec.target();
        metric = spec.metric();
        aggregation = spec.aggregationOrDefault();
        rule = spec.rule();
        minReplicas = spec.minReplicas();
        maxReplicas = spec.maxReplicas();
        cooldownSeconds = spec.cooldownSecondsOrDefault();
        behavior = spec.behavior();
        evaluationPeriods = spec.evaluationPeriodsOrDefault();
        schedules = PolicySchedules.of(spec.schedules());
        predictive = spec.predictive();
        scalingMode = spec.scalingMode();
        vertical = spec.vertical();
        enabled = spec.enabledOrDefault();
        dryRun = spec.dryRunOrDefault();
        updatedAt = now;
    }

    public PolicySnapshot snapshot() {
        return new PolicySnapshot(id, name, target, metric, aggregation, rule,
                new ReplicaRange(minReplicas, maxReplicas), cooldownSeconds, dryRun, behavior, evaluationPeriods,
                ScheduleSpec.toSchedules(PolicySchedules.list(schedules)), predictive,
                ScalingMode.fromWireName(scalingMode).orElse(ScalingMode.HORIZONTAL), vertical);
    }
}

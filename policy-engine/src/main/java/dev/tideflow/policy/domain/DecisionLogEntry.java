package dev.tideflow.policy.domain;

import dev.tideflow.contracts.Contract;
import dev.tideflow.contracts.ScalingDecision;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import java.time.Instant;
import java.util.UUID;

/**
 * One decision as it was published. The log is written before the decision is sent, so a window
 * that is processed again finds its decision here and publishes the same one.
 */
@Entity
@Table(name = "decision")
public class DecisionLogEntry {

    @Id
    @Column(name = "decision_id")
    public UUID decisionId;

    @Column(nullable = false)
    public String target;

    @Column(name = "policy_id", nullable = false)
    public UUID policyId;

    @Column(name = "policy_name", nullable = false)
    public String policyName;

    @Column(name = "window_id", nullable = false)
    public String windowId;

    @Column(name = "current_replicas", nullable = false)
    public int currentReplicas;

    @Column(name = "desired_replicas", nullable = false)
    public int desiredReplicas;

    @Column(nullable = false)
    public String reason;

    /** Null for a decision a schedule window took when it opened, without a metric's window. */
    public String metric;

    @Column(name = "metric_value")
    public Double metricValue;

    @Column(name = "window_end", nullable = false)
    public Instant windowEnd;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "dry_run", nullable = false)
    public boolean dryRun;

    /** high when a value the policy read was a burst, else normal; not part of the Kafka record's schema. */
    @Column(nullable = false)
    public String priority;

    /** Everything the decision was made of; null for decisions logged before explanations were kept. */
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(columnDefinition = "jsonb")
    public DecisionExplanation explanation;

    public static DecisionLogEntry of(ScalingDecision decision, String windowId, String priority,
            DecisionExplanation explanation) {
        DecisionLogEntry entry = new DecisionLogEntry();
        entry.decisionId = UUID.fromString(decision.decisionId());
        entry.target = decision.target();
        entry.policyId = UUID.fromString(decision.policyId());
        entry.policyName = decision.policyName();
        entry.windowId = windowId;
        entry.currentReplicas = decision.currentReplicas();
        entry.desiredReplicas = decision.desiredReplicas();
        entry.reason = decision.reason();
        entry.metric = decision.metric();
        entry.metricValue = decision.metricValue();
        entry.windowEnd = decision.windowEnd();
        entry.createdAt = decision.createdAt();
        entry.dryRun = decision.isDryRun();
        entry.priority = priority;
        entry.explanation = explanation;
        return entry;
    }

    public ScalingDecision toDecision() {
        return new ScalingDecision(Contract.VERSION, decisionId.toString(), target, policyId.toString(), policyName,
                currentReplicas, desiredReplicas, reason, metric, metricValue, windowEnd, createdAt, dryRun)
                .withResources(explanation == null || explanation.vertical() == null ? null
                        : explanation.vertical().requests());
    }
}

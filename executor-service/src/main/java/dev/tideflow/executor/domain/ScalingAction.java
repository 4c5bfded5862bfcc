package dev.tideflow.executor.domain;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/**
 * The audit record of one decision, and the ledger that makes its application at-most-once:
 * {@code decision_id} is unique, so a redelivered decision finds its row instead of scaling again.
 */
@Entity
@Table(name = "scaling_action")
public class ScalingAction extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "decision_id", nullable = false, unique = true)
    public String decisionId;

    @Column(nullable = false)
    public String target;

    @Column(nullable = false)
    public String driver;

    @Column(name = "policy_id", nullable = false)
    public String policyId;

    /** The replica count the policy engine believed in when it decided. */
    @Column(name = "current_replicas", nullable = false)
    public int currentReplicas;

    @Column(name = "desired_replicas", nullable = false)
    public int desiredReplicas;

    @Column(name = "dry_run", nullable = false)
    public boolean dryRun;

    /** What the driver reported before it scaled; null when it was never asked. */
    @Column(name = "replicas_before")
    public Integer replicasBefore;

    @Column(name = "replicas_after")
    public Integer replicasAfter;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public ActionStatus status;

    public String error;

    @Column(nullable = false)
    public String reason;

    @Column(name = "started_at", nullable = false)
    public Instant startedAt;

    @Column(name = "finished_at")
    public Instant finishedAt;

    @Column(name = "duration_ms")
    public Long durationMs;

    /** Whether the scaling event of a terminal action has been acknowledged by the broker. */
    @Column(nullable = false)
    public boolean published;
}

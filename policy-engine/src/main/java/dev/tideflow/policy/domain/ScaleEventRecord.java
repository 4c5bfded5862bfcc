package dev.tideflow.policy.domain;

import dev.tideflow.contracts.ScalingEvent;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/**
 * What the executor reported it did with one decision ({@code tideflow.scaling-events}). Written only through
 * {@link dev.tideflow.policy.repository.ScaleEventRepository#record}, once per decision.
 */
@Entity
@Table(name = "scale_event")
public class ScaleEventRecord {

    public static final String SUCCEEDED = ScalingEvent.Status.SUCCEEDED.name();

    @Id
    @Column(name = "decision_id")
    public String decisionId;

    @Column(nullable = false)
    public String target;

    /** The executor's {@link ScalingEvent.Status} name: SUCCEEDED, FAILED or DRY_RUN. */
    @Column(nullable = false)
    public String status;

    @Column(name = "replicas_before")
    public Integer replicasBefore;

    @Column(name = "replicas_after")
    public Integer replicasAfter;

    @Column(name = "finished_at", nullable = false)
    public Instant finishedAt;

    @Column(name = "recorded_at", nullable = false)
    public Instant recordedAt;
}

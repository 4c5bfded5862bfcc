package dev.tideflow.policy.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/**
 * What the engine knows about a target between windows: the replicas the executor last observed and
 * the last decision taken. Written only through the upserts of
 * {@link dev.tideflow.policy.repository.TargetStateRepository}, so an observation and a decision for
 * the same target never overwrite each other's columns.
 */
@Entity
@Table(name = "target_state")
public class TargetState {

    @Id
    public String target;

    @Column(name = "observed_replicas")
    public Integer observedReplicas;

    @Column(name = "observed_at")
    public Instant observedAt;

    @Column(name = "last_decision_at")
    public Instant lastDecisionAt;

    @Column(name = "last_desired_replicas")
    public Integer lastDesiredReplicas;
}

package dev.tideflow.executor.domain;

import dev.tideflow.contracts.ResourceRequests;
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

    /** The per-replica CPU request the decision asked for, in millicores; null: it left CPU alone. */
    @Column(name = "requested_cpu_millis")
    public Integer requestedCpuMillis;

    @Column(name = "requested_memory_mib")
    public Integer requestedMemoryMiB;

    /** What the driver reported before applying; null when it reports no requests. */
    @Column(name = "cpu_millis_before")
    public Integer cpuMillisBefore;

    @Column(name = "memory_mib_before")
    public Integer memoryMiBBefore;

    @Column(name = "cpu_millis_after")
    public Integer cpuMillisAfter;

    @Column(name = "memory_mib_after")
    public Integer memoryMiBAfter;

    /** The requests the decision asked for; null for a replicas-only decision. */
    public ResourceRequests requested() {
        return requests(requestedCpuMillis, requestedMemoryMiB);
    }

    public ResourceRequests requestsBefore() {
        return requests(cpuMillisBefore, memoryMiBBefore);
    }

    public ResourceRequests requestsAfter() {
        return requests(cpuMillisAfter, memoryMiBAfter);
    }

    public void recordRequests(ResourceRequests before, ResourceRequests after) {
        cpuMillisBefore = before == null ? null : before.cpuMillis();
        memoryMiBBefore = before == null ? null : before.memoryMiB();
        cpuMillisAfter = after == null ? null : after.cpuMillis();
        memoryMiBAfter = after == null ? null : after.memoryMiB();
    }

    private static ResourceRequests requests(Integer cpuMillis, Integer memoryMiB) {
        return cpuMillis == null && memoryMiB == null ? null : new ResourceRequests(cpuMillis, memoryMiB);
    }
}

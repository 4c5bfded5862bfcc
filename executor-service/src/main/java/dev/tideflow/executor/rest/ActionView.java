package dev.tideflow.executor.rest;

import dev.tideflow.contracts.ResourceRequests;
import dev.tideflow.executor.domain.ActionStatus;
import dev.tideflow.executor.domain.ScalingAction;

import java.time.Instant;

/**
 * One entry of the audit.
 *
 * @param currentReplicas the count the policy engine believed in when it decided
 * @param replicasBefore  what the driver reported before scaling; null when it was not asked
 * @param requested       the per-replica requests the decision asked for; null for a replicas-only decision
 * @param requestsBefore  the requests the driver reported before applying; null when it reports none
 * @param requestsAfter   the requests the driver reported afterwards; null when it reports none
 */
public record ActionView(String decisionId, String target, String driver, String policyId, int currentReplicas,
        int desiredReplicas, Integer replicasBefore, Integer replicasAfter, ResourceRequests requested,
        ResourceRequests requestsBefore, ResourceRequests requestsAfter, ActionStatus status, String error,
        String reason, Instant startedAt, Instant finishedAt, Long durationMillis, boolean dryRun) {

    static ActionView of(ScalingAction a) {
        return new ActionView(a.decisionId, a.target, a.driver, a.policyId, a.currentReplicas, a.desiredReplicas,
                a.replicasBefore, a.replicasAfter, a.requested(), a.requestsBefore(), a.requestsAfter(), a.status,
                a.error, a.reason, a.startedAt, a.finishedAt, a.durationMs, a.dryRun);
    }
}

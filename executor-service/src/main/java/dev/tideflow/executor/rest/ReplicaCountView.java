package dev.tideflow.executor.rest;

import dev.tideflow.contracts.ResourceRequests;
import dev.tideflow.executor.service.TargetService;

import java.time.Instant;

/**
 * @param registered false when the target is unregistered and its count comes from the default driver
 * @param requests   the per-replica requests the driver reports; null when none were set or the driver has none
 */
public record ReplicaCountView(String target, String driver, boolean registered, int replicas,
        ResourceRequests requests, Instant observedAt) {

    static ReplicaCountView of(TargetService.ReplicaCount count) {
        return new ReplicaCountView(count.target().id(), count.target().driver(), count.registered(),
                count.replicas(), count.requests(), count.observedAt());
    }
}

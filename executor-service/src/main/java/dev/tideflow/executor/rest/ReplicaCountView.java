package dev.tideflow.executor.rest;

import dev.tideflow.executor.service.TargetService;

import java.time.Instant;

/** @param registered false when the target is unregistered and its count comes from the default driver */
public record ReplicaCountView(String target, String driver, boolean registered, int replicas, Instant observedAt) {

    static ReplicaCountView of(TargetService.ReplicaCount count) {
        return new ReplicaCountView(count.target().id(), count.target().driver(), count.registered(),
                count.replicas(), count.observedAt());
    }
}

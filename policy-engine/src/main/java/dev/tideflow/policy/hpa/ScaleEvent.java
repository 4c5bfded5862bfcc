package dev.tideflow.policy.hpa;

import java.time.Instant;

/** A change of the target's replica count that happened: what rate policies count against. */
public record ScaleEvent(Instant time, int fromReplicas, int toReplicas) {

    public int added() {
        return Math.max(0, toReplicas - fromReplicas);
    }

    public int removed() {
        return Math.max(0, fromReplicas - toReplicas);
    }
}

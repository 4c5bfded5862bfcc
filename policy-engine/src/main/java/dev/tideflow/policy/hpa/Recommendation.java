package dev.tideflow.policy.hpa;

import java.time.Instant;

/** A replica count the metrics asked for at a moment, before stabilization: the stabilization history. */
public record Recommendation(Instant time, int replicas) {
}

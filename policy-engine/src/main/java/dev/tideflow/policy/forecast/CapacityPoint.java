package dev.tideflow.policy.forecast;

import java.time.Instant;

/**
 * The replicas one forecast bucket needs and when they are put in place.
 *
 * @param time     the start of the forecast bucket
 * @param scaleAt  {@code time − schedulingBuffer}: when the replicas are scheduled to be running
 * @param replicas {@code ceil(value / targetValuePerReplica)}, never below the minimum, and capped at the maximum
 *                 under {@link MaxCapacityBreachBehavior#HONOR_MAX_CAPACITY}
 */
public record CapacityPoint(Instant time, Instant scaleAt, double value, double lower, double upper, int replicas) {
}

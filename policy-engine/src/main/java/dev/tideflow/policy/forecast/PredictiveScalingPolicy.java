package dev.tideflow.policy.forecast;

import java.time.Duration;

/**
 * How a target scales on the forecast of its load metric, after AWS predictive scaling.
 *
 * @param targetValuePerReplica load one replica carries at target, as in target tracking; the forecast replicas
 *                              are {@code ceil(forecast load / targetValuePerReplica)}
 * @param schedulingBuffer      how far ahead of the forecast point the replicas are put in place
 * @param minConfidence         below this forecast confidence the planner takes no action
 * @param maxCapacityBuffer     percent above the forecast replicas the maximum may be raised to, 0 to 100; used
 *                              with {@link MaxCapacityBreachBehavior#INCREASE_MAX_CAPACITY} only
 */
public record PredictiveScalingPolicy(PredictiveScalingMode mode, double targetValuePerReplica,
        Duration schedulingBuffer, double minConfidence, MaxCapacityBreachBehavior maxCapacityBreachBehavior,
        int maxCapacityBuffer) {

    public PredictiveScalingPolicy {
        if (mode == null || maxCapacityBreachBehavior == null || schedulingBuffer == null) {
            throw new IllegalArgumentException("mode, scheduling buffer and breach behaviour are required");
        }
        if (!(targetValuePerReplica > 0) || Double.isInfinite(targetValuePerReplica)) {
            throw new IllegalArgumentException("the target value per replica must be positive, got "
                    + targetValuePerReplica);
        }
        if (schedulingBuffer.isNegative()) {
            throw new IllegalArgumentException("the scheduling buffer must not be negative, got " + schedulingBuffer);
        }
        if (!(minConfidence >= 0 && minConfidence <= 1)) {
            throw new IllegalArgumentException("the minimum confidence must be in [0, 1], got " + minConfidence);
        }
        if (maxCapacityBuffer < 0 || maxCapacityBuffer > 100) {
            throw new IllegalArgumentException("the max capacity buffer must be 0 to 100 %, got " + maxCapacityBuffer);
        }
    }
}

package dev.tideflow.policy.forecast;

import java.time.Instant;

/**
 * What the forecast asks of a target now.
 *
 * @param apply           true only in {@link PredictiveScalingMode#FORECAST_AND_SCALE} with a confident forecast
 * @param minReplicas     the floor for now; without an action, the configured minimum
 * @param maxReplicas     the maximum, raised above the configured one only by
 *                        {@link MaxCapacityBreachBehavior#INCREASE_MAX_CAPACITY}
 * @param desiredReplicas {@code max(current, minReplicas)}: predictive scaling adds replicas ahead of demand and
 *                        never removes any, scaling in is left to the reactive autoscaler
 * @param peakLoad        the highest forecast load between now and the end of the scheduling buffer, NaN without
 *                        an action
 * @param peakTime        the start of the bucket holding that peak, null without an action
 */
public record PredictiveScalingPlan(boolean apply, int minReplicas, int maxReplicas, int desiredReplicas,
        double confidence, double peakLoad, Instant peakTime, String explanation) {
}

package dev.tideflow.policy.service;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.tideflow.policy.forecast.CapacityPoint;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * {@code GET /api/autoscaling/forecast/{namespace}/{name}}: the forecast of each policy of the target that has
 * predictive scaling, in policy-name order.
 */
public record ForecastView(String target, Instant at, List<PolicyForecast> policies) {

    /**
     * One policy's forecast at {@code at}.
     *
     * @param available       false when the stored history allows no forecast; {@code reason} says why
     * @param bucket          the history's and the forecast's step, ISO-8601 (PT15M)
     * @param currentReplicas the count the plan starts from
     * @param minReplicas     the policy's floor now (its schedules applied), before the forecast
     * @param maxReplicas     its ceiling now, before the forecast
     * @param plan            what the forecast asks of the target now; absent without a forecast
     * @param points          each forecast bucket with its load, 95 % interval and planned replicas
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record PolicyForecast(UUID policyId, String policy, String mode, String metric, boolean available,
            String reason, String model, Double confidence, Double minConfidence, Double targetValuePerReplica,
            String bucket, String schedulingBuffer, Instant historyFrom, Integer historyBuckets, String summary,
            int currentReplicas, int minReplicas, int maxReplicas, Plan plan, List<CapacityPoint> points) {
    }

    /**
     * @param applied         whether the floor is in force (ForecastAndScale with enough confidence)
     * @param minReplicas     the floor the forecast asks for now
     * @param maxReplicas     the ceiling, raised above the policy's only with increase
     * @param desiredReplicas {@code max(current, minReplicas)}
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Plan(boolean applied, int minReplicas, int maxReplicas, int desiredReplicas, Double peakLoad,
            Instant peakTime, String explanation) {
    }
}

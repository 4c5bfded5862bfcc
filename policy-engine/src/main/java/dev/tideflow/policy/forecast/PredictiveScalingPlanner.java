package dev.tideflow.policy.forecast;

import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

/**
 * Turns a load forecast into a replica floor for now, as AWS predictive scaling does.
 *
 * <ol>
 *   <li>A forecast whose confidence is below the policy's minimum gives no action.</li>
 *   <li>The look-ahead is {@code [now, now + schedulingBuffer]}: the replicas for the forecast point are put in
 *       place a buffer ahead of it. The peak forecast load over the buckets overlapping it is what has to be
 *       served, since a bucket between now and the look-ahead point is demand too. When the forecast starts
 *       less than one bucket after now (the history's last bucket is the open one), the look-ahead starts at the
 *       forecast's first bucket.</li>
 *   <li>The forecast replicas are {@code ceil(peak / targetValuePerReplica)}, never below the configured minimum.</li>
 *   <li>Above the maximum: {@code HonorMaxCapacity} caps the floor at it; {@code IncreaseMaxCapacity} keeps the
 *       floor and raises the maximum to {@code ceil(forecast replicas × (1 + buffer %))} when that exceeds it.</li>
 *   <li>The floor only adds replicas: desired replicas are {@code max(current, floor)}.</li>
 *   <li>{@code ForecastOnly} computes the same plan with {@code apply = false}.</li>
 * </ol>
 */
public final class PredictiveScalingPlanner {

    // Keeps a load of exactly n targets from rounding up to n + 1 through floating-point noise.
    private static final double CEIL_TOLERANCE = 1e-9;

    public PredictiveScalingPlan plan(Forecast forecast, PredictiveScalingPolicy policy, CurrentCapacity capacity,
            Instant now) {
        if (forecast.confidence() < policy.minConfidence()) {
            return noAction(capacity, forecast.confidence(), String.format(Locale.ROOT,
                    "forecast confidence %.2f is below the minimum %.2f: no predictive action (%s)",
                    forecast.confidence(), policy.minConfidence(), forecast.summary()));
        }
        Duration interval = forecast.interval();
        Instant from = now;
        if (!forecast.points().isEmpty()) {
            Instant first = forecast.points().get(0).time();
            if (first.isAfter(now) && first.isBefore(now.plus(interval))) {
                from = first;
            }
        }
        Instant to = from.plus(policy.schedulingBuffer());
        ForecastPoint peak = null;
        for (ForecastPoint point : forecast.points()) {
            boolean overlaps = point.time().plus(interval).isAfter(from) && !point.time().isAfter(to);
            if (overlaps && (peak == null || point.value() > peak.value())) {
                peak = point;
            }
        }
        if (peak == null) {
            return noAction(capacity, forecast.confidence(),
                    "the forecast does not cover " + from + " .. " + to + ": no predictive action");
        }

        int forecastReplicas = (int) Math.ceil(peak.value() / policy.targetValuePerReplica() - CEIL_TOLERANCE);
        int floor = Math.max(forecastReplicas, capacity.minReplicas());
        int maxReplicas = capacity.maxReplicas();
        String bounds = "";
        if (forecastReplicas < capacity.minReplicas()) {
            bounds = ", raised to the minimum " + capacity.minReplicas();
        }
        if (policy.maxCapacityBreachBehavior() == MaxCapacityBreachBehavior.HONOR_MAX_CAPACITY) {
            if (floor > maxReplicas) {
                floor = maxReplicas;
                bounds = ", capped at the maximum " + maxReplicas + " (HonorMaxCapacity)";
            }
        } else {
            int raisedMax = (int) Math.ceil(forecastReplicas * (1 + policy.maxCapacityBuffer() / 100.0)
                    - CEIL_TOLERANCE);
            if (raisedMax > maxReplicas) {
                bounds = ", maximum raised from " + maxReplicas + " to " + raisedMax + " (IncreaseMaxCapacity, buffer "
                        + policy.maxCapacityBuffer() + " %)";
                maxReplicas = raisedMax;
            }
        }
        int desired = Math.max(capacity.replicas(), floor);
        String effect = desired > capacity.replicas()
                ? "scale out from " + capacity.replicas() + " to " + desired
                : "current " + capacity.replicas() + " already covers it, no scale-in (predictive only scales out)";
        boolean apply = policy.mode() == PredictiveScalingMode.FORECAST_AND_SCALE;
        String explanation = String.format(Locale.ROOT,
                "%sforecast peak %.2f at %s within look-ahead %s .. %s; ceil(%.2f / %.2f) = %d replicas; floor %d%s; "
                        + "%s; confidence %.2f >= %.2f (%s)",
                apply ? "" : "ForecastOnly, not applied: ", peak.value(), peak.time(), from, to, peak.value(),
                policy.targetValuePerReplica(), forecastReplicas, floor, bounds, effect, forecast.confidence(),
                policy.minConfidence(), forecast.summary());
        return new PredictiveScalingPlan(apply, floor, maxReplicas, desired, forecast.confidence(), peak.value(),
                peak.time(), explanation);
    }

    private static PredictiveScalingPlan noAction(CurrentCapacity capacity, double confidence, String reason) {
        return new PredictiveScalingPlan(false, capacity.minReplicas(), capacity.maxReplicas(), capacity.replicas(),
                confidence, Double.NaN, null, reason);
    }
}

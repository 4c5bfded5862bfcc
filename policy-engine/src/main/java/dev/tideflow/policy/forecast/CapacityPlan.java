package dev.tideflow.policy.forecast;

import java.util.ArrayList;
import java.util.List;

/** The replicas each point of a forecast needs under a predictive policy, for showing the whole forecast. */
public final class CapacityPlan {

    // Keeps a load of exactly n targets from rounding up to n + 1 through floating-point noise, as the planner does.
    private static final double CEIL_TOLERANCE = 1e-9;

    private CapacityPlan() {
    }

    public static List<CapacityPoint> of(Forecast forecast, PredictiveScalingPolicy policy, CurrentCapacity bounds) {
        List<CapacityPoint> points = new ArrayList<>(forecast.points().size());
        for (ForecastPoint point : forecast.points()) {
            int needed = (int) Math.ceil(point.value() / policy.targetValuePerReplica() - CEIL_TOLERANCE);
            int replicas = Math.max(needed, bounds.minReplicas());
            if (policy.maxCapacityBreachBehavior() == MaxCapacityBreachBehavior.HONOR_MAX_CAPACITY) {
                replicas = Math.min(replicas, bounds.maxReplicas());
            }
            points.add(new CapacityPoint(point.time(), point.time().minus(policy.schedulingBuffer()), point.value(),
                    point.lower(), point.upper(), replicas));
        }
        return points;
    }
}

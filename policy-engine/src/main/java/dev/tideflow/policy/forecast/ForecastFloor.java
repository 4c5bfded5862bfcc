package dev.tideflow.policy.forecast;

import dev.tideflow.policy.domain.ReplicaRange;

/**
 * Where an applied predictive plan puts a policy's replica range, after its schedules have narrowed it.
 * The forecast only raises the floor (predictive scaling scales out ahead of demand, never in); with
 * {@code IncreaseMaxCapacity} it may also raise the policy's own maximum. A schedule's ceiling is a quota or
 * budget cap and holds against the forecast, as it holds against a schedule's floor.
 */
public final class ForecastFloor {

    private ForecastFloor() {
    }

    /**
     * @param policyRange the policy's own range
     * @param scheduled   that range narrowed by the open schedule windows
     * @param plan        the planner's answer for now; a plan that does not apply leaves {@code scheduled} as is
     */
    public static ReplicaRange apply(ReplicaRange policyRange, ReplicaRange scheduled, PredictiveScalingPlan plan) {
        if (plan == null || !plan.apply()) {
            return scheduled;
        }
        boolean scheduleCeiling = scheduled.max() < policyRange.max();
        int max = scheduleCeiling ? scheduled.max() : Math.max(scheduled.max(), plan.maxReplicas());
        int min = Math.min(max, Math.max(scheduled.min(), plan.minReplicas()));
        return new ReplicaRange(min, max);
    }
}

package dev.tideflow.policy.forecast;

/** As AWS predictive scaling: what to do when the forecast needs more replicas than the maximum. */
public enum MaxCapacityBreachBehavior {
    /** The floor is capped at the maximum. */
    HONOR_MAX_CAPACITY,
    /** The maximum is raised to the forecast replicas plus a buffer percent, and the floor follows the forecast. */
    INCREASE_MAX_CAPACITY
}

package dev.tideflow.policy.forecast;

/** As AWS predictive scaling: whether the plan is only reported or also applied. */
public enum PredictiveScalingMode {
    /** Compute and report the plan, change nothing: for judging the forecast before trusting it. */
    FORECAST_ONLY,
    FORECAST_AND_SCALE
}

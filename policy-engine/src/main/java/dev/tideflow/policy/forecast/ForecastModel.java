package dev.tideflow.policy.forecast;

/** Which model produced a {@link Forecast}; it depends on how much history there was. */
public enum ForecastModel {
    /** Additive level, trend and season: at least two full seasons of history. */
    HOLT_WINTERS,
    /** Level and trend only: less than two seasons, so the daily pattern is unknown. */
    HOLT_LINEAR,
    /** A single observation carried forward: nothing to fit. */
    LAST_VALUE
}

package dev.tideflow.policy.forecast;

import java.time.Instant;

/**
 * The forecast for the bucket starting at {@code time}: the point value and a prediction interval, all clipped
 * at 0 because the metrics Tideflow scales on are never negative.
 */
public record ForecastPoint(Instant time, double value, double lower, double upper) {
}

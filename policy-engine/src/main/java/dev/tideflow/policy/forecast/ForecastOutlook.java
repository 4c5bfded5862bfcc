package dev.tideflow.policy.forecast;

import java.time.Instant;

/**
 * What the stored history of a metric allows: a forecast, or the reason there is none.
 *
 * @param forecast     null when the history is too short (or empty)
 * @param unavailable  why there is no forecast; null when there is one
 * @param historyFrom  the start of the oldest bucket read; null when none was
 * @param filledBuckets how many buckets within the history window hold a value
 */
public record ForecastOutlook(Forecast forecast, String unavailable, Instant historyFrom, int filledBuckets) {

    public boolean available() {
        return forecast != null;
    }
}

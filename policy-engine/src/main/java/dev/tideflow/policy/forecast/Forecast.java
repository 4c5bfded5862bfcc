package dev.tideflow.policy.forecast;

import java.time.Duration;
import java.util.List;

/**
 * Point forecasts for the buckets after a history, one per {@code interval}, with 95 % prediction intervals.
 *
 * @param residualStdDev standard deviation of the one-step-ahead errors on the history, the base of the intervals
 * @param confidence     in [0, 1], from the accuracy of the one-step-ahead forecasts over the last season
 * @param summary        how the forecast was made, for explanations
 */
public record Forecast(ForecastModel model, SmoothingParameters parameters, Duration interval,
        List<ForecastPoint> points, double residualStdDev, double confidence, String summary) {

    public Forecast {
        points = List.copyOf(points);
    }
}

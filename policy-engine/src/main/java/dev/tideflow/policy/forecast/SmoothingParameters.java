package dev.tideflow.policy.forecast;

/**
 * The smoothing constants of Holt-Winters: {@code alpha} for the level, {@code beta} for the trend, {@code gamma}
 * for the season, each in [0, 1]. Holt's linear method uses {@code alpha} and {@code beta} only ({@code gamma} 0).
 */
public record SmoothingParameters(double alpha, double beta, double gamma) {

    public SmoothingParameters {
        requireUnit("alpha", alpha);
        requireUnit("beta", beta);
        requireUnit("gamma", gamma);
    }

    private static void requireUnit(String name, double value) {
        if (!(value >= 0.0 && value <= 1.0)) {
            throw new IllegalArgumentException("'" + name + "' must be in [0, 1], got " + value);
        }
    }
}

package dev.tideflow.policy.forecast;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Random;

/** Seeded synthetic load series in 5-minute buckets with a daily season, for the forecasting tests. */
final class SyntheticLoad {

    static final int DAY = 288;
    static final Duration FIVE_MINUTES = Duration.ofMinutes(5);
    static final Instant START = Instant.parse("2026-11-01T00:00:00Z");

    static final double LEVEL = 200;
    static final double AMPLITUDE = 80;
    static final double SECOND_HARMONIC = 25;
    static final double TREND_PER_BUCKET = 0.02;
    /** Gaussian noise of 5 % of the daily amplitude. */
    static final double NOISE = 0.05 * AMPLITUDE;

    private SyntheticLoad() {
    }

    /** Level 200, a daily sinusoid of amplitude 80 plus a second harmonic of 25, a slight trend and noise. */
    static double[] dailySeasonal(long seed, int days) {
        Random random = new Random(seed);
        double[] values = new double[days * DAY];
        for (int t = 0; t < values.length; t++) {
            double phase = 2 * Math.PI * t / DAY;
            values[t] = LEVEL + AMPLITUDE * Math.sin(phase) + SECOND_HARMONIC * Math.sin(2 * phase + 0.7)
                    + TREND_PER_BUCKET * t + NOISE * random.nextGaussian();
        }
        return values;
    }

    static BucketedSeries series(double[] values) {
        return BucketedSeries.of(START, FIVE_MINUTES, values);
    }

    static BucketedSeries firstDays(double[] values, int days) {
        return series(Arrays.copyOf(values, days * DAY));
    }

    static double[] day(double[] values, int dayIndex) {
        return Arrays.copyOfRange(values, dayIndex * DAY, (dayIndex + 1) * DAY);
    }

    static double mape(double[] actual, Forecast forecast) {
        double sum = 0;
        for (int i = 0; i < actual.length; i++) {
            sum += Math.abs(actual[i] - forecast.points().get(i).value()) / Math.abs(actual[i]);
        }
        return sum / actual.length;
    }
}

package dev.tideflow.policy.forecast;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;

/**
 * Values at a fixed interval starting at {@code start}; bucket {@code i} covers
 * {@code [start + i × interval, start + (i + 1) × interval)}. A missing bucket is {@link Double#NaN}.
 */
public final class BucketedSeries {

    private final Instant start;
    private final Duration interval;
    private final double[] values;

    private BucketedSeries(Instant start, Duration interval, double[] values) {
        if (interval.isZero() || interval.isNegative()) {
            throw new IllegalArgumentException("the interval must be positive, got " + interval);
        }
        for (double value : values) {
            if (Double.isInfinite(value)) {
                throw new IllegalArgumentException("values must be finite or NaN (missing), got " + value);
            }
        }
        this.start = start;
        this.interval = interval;
        this.values = values;
    }

    public static BucketedSeries of(Instant start, Duration interval, double... values) {
        return new BucketedSeries(start, interval, values.clone());
    }

    public Instant start() {
        return start;
    }

    public Duration interval() {
        return interval;
    }

    public int size() {
        return values.length;
    }

    public double value(int index) {
        return values[index];
    }

    public boolean isMissing(int index) {
        return Double.isNaN(values[index]);
    }

    public int missingCount() {
        return (int) Arrays.stream(values).filter(Double::isNaN).count();
    }

    /** The start of bucket {@code index}; {@code size()} gives the end of the series. */
    public Instant timeOf(int index) {
        return start.plus(interval.multipliedBy(index));
    }

    public double[] values() {
        return values.clone();
    }
}

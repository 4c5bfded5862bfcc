package dev.tideflow.policy.forecast;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;

/**
 * The recent values of one metric, averaged into fixed buckets aligned to the epoch, for the forecaster.
 * Values arrive as {@code (window start, aggregate)} pairs, in any order; each bucket keeps the mean of the
 * values that fell into it. Only the newest {@code maxBuckets} buckets are kept: a value older than that is
 * dropped, and a newer bucket evicts the oldest ones.
 *
 * <p>Not thread-safe: one history belongs to one policy's evaluation.
 */
public final class MetricHistory {

    private final Duration bucketInterval;
    private final long intervalMillis;
    private final int maxBuckets;
    private final TreeMap<Long, Mean> buckets = new TreeMap<>();

    public MetricHistory(Duration bucketInterval, int maxBuckets) {
        if (bucketInterval.toMillis() <= 0) {
            throw new IllegalArgumentException("the bucket interval must be at least 1 ms, got " + bucketInterval);
        }
        if (maxBuckets < 1) {
            throw new IllegalArgumentException("'maxBuckets' must be at least 1, got " + maxBuckets);
        }
        this.bucketInterval = bucketInterval;
        this.intervalMillis = bucketInterval.toMillis();
        this.maxBuckets = maxBuckets;
    }

    /**
     * Adds a value observed at {@code time} to its bucket.
     *
     * @return false when the value is older than the history window and was dropped
     */
    public boolean record(Instant time, double value) {
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException("the value must be finite, got " + value);
        }
        long index = Math.floorDiv(time.toEpochMilli(), intervalMillis);
        if (!buckets.isEmpty() && index <= buckets.lastKey() - maxBuckets) {
            return false;
        }
        buckets.computeIfAbsent(index, i -> new Mean()).add(value);
        long oldestKept = buckets.lastKey() - maxBuckets + 1;
        buckets.headMap(oldestKept, false).clear();
        return true;
    }

    public boolean isEmpty() {
        return buckets.isEmpty();
    }

    /** Buckets that hold at least one value; empty buckets between them are not counted. */
    public int filledBuckets() {
        return buckets.size();
    }

    /**
     * The buckets from the oldest to the newest one holding a value; the empty buckets in between are
     * {@link Double#NaN}, which the forecaster treats as missing.
     */
    public BucketedSeries series() {
        if (buckets.isEmpty()) {
            throw new IllegalStateException("the history is empty");
        }
        long first = buckets.firstKey();
        double[] values = new double[(int) (buckets.lastKey() - first + 1)];
        Arrays.fill(values, Double.NaN);
        for (Map.Entry<Long, Mean> bucket : buckets.entrySet()) {
            values[(int) (bucket.getKey() - first)] = bucket.getValue().value();
        }
        return BucketedSeries.of(Instant.ofEpochMilli(first * intervalMillis), bucketInterval, values);
    }

    private static final class Mean {
        private double sum;
        private long count;

        void add(double value) {
            sum += value;
            count++;
        }

        double value() {
            return sum / count;
        }
    }
}

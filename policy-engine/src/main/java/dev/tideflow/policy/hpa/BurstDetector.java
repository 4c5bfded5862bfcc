package dev.tideflow.policy.hpa;

import dev.tideflow.policy.domain.Numbers;

import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;

/**
 * Flags a value far outside the recent distribution of a metric: the modified z-score of Iglewicz and Hoaglin,
 * {@code 0.6745 × (x − median) / MAD} over a sliding window of recent values, is compared with a threshold
 * (3.5 by default). Median and MAD ignore the outliers a mean and a standard deviation would be dragged by, so a
 * single earlier spike does not hide the next one. When more than half the window is one value (MAD = 0) the
 * mean absolute deviation stands in, scaled to match (× 1.2533); when every value is the same, any other value
 * is a burst.
 *
 * <p>One detector follows one metric of one target and is not thread-safe: the consumer that owns the target's
 * partition feeds it. Every observed value enters the window, so a lasting new level stops being a burst once it
 * fills half the window.
 */
public final class BurstDetector {

    public static final int DEFAULT_WINDOW = 30;
    public static final int DEFAULT_MIN_SAMPLES = 8;
    public static final double DEFAULT_THRESHOLD = 3.5;

    private static final double MAD_SCALE = 0.6745;
    private static final double MEAN_AD_SCALE = 0.7979;

    private final int window;
    private final int minSamples;
    private final double threshold;
    private final Deque<Double> recent = new ArrayDeque<>();

    public BurstDetector() {
        this(DEFAULT_WINDOW, DEFAULT_MIN_SAMPLES, DEFAULT_THRESHOLD);
    }

    /**
     * @param window     how many recent values the distribution is taken from
     * @param minSamples how many values must be seen before anything is flagged
     * @param threshold  the modified z-score beyond which a value is a burst
     */
    public BurstDetector(int window, int minSamples, double threshold) {
        if (window < 3 || minSamples < 3 || minSamples > window) {
            throw new IllegalArgumentException("need 3 <= minSamples <= window, got minSamples " + minSamples
                    + " and window " + window);
        }
        if (!(threshold > 0) || !Double.isFinite(threshold)) {
            throw new IllegalArgumentException("threshold must be a positive number, got " + threshold);
        }
        this.window = window;
        this.minSamples = minSamples;
        this.threshold = threshold;
    }

    /** Assesses {@code value} against the values seen so far, then adds it to the window. */
    public Burst observe(double value) {
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException("value must be finite, got " + value);
        }
        Burst burst = assess(value);
        recent.addLast(value);
        if (recent.size() > window) {
            recent.removeFirst();
        }
        return burst;
    }

    /** Assesses {@code value} against the values seen so far without remembering it. */
    public Burst assess(double value) {
        if (recent.size() < minSamples) {
            return new Burst(value, Double.NaN, 0, false, "only " + recent.size() + " of " + minSamples
                    + " values needed to judge a burst");
        }
        double[] values = recent.stream().mapToDouble(Double::doubleValue).toArray();
        double median = median(values);
        double[] deviations = new double[values.length];
        double meanDeviation = 0;
        for (int i = 0; i < values.length; i++) {
            deviations[i] = Math.abs(values[i] - median);
            meanDeviation += deviations[i];
        }
        meanDeviation /= values.length;
        double mad = median(deviations);
        double distance = value - median;
        double score;
        if (mad > 0) {
            score = MAD_SCALE * distance / mad;
        } else if (meanDeviation > 0) {
            score = MEAN_AD_SCALE * distance / meanDeviation;
        } else {
            score = distance == 0 ? 0 : Math.copySign(Double.POSITIVE_INFINITY, distance);
        }
        boolean burst = Math.abs(score) > threshold;
        String reason = (burst ? (score > 0 ? "burst: " : "drop: ") : "usual: ") + format(value)
                + " against a median of " + format(median) + " (robust z-score " + format(score) + ", threshold "
                + format(threshold) + ")";
        return new Burst(value, median, score, burst, reason);
    }

    /** How many values the window holds now. */
    public int size() {
        return recent.size();
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int middle = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }

    private static String format(double value) {
        if (!Double.isFinite(value)) {
            return value > 0 ? "∞" : "-∞";
        }
        return Numbers.format(Math.round(value * 100) / 100.0);
    }

    /**
     * @param median the window's median; NaN while too few values were seen
     * @param score  the robust z-score; positive above the median, infinite when the window had no spread
     * @param burst  whether the value is far outside the recent distribution (above or below)
     */
    public record Burst(double value, double median, double score, boolean burst, String reason) {
    }
}

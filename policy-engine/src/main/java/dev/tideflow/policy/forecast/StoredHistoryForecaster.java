package dev.tideflow.policy.forecast;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;

/**
 * Forecasts a metric from its stored buckets with a daily season, as the engine does for predictive scaling.
 *
 * <ul>
 *   <li>Only closed buckets within {@code historyWindow} before the current bucket are read: the current bucket is
 *       still filling, so it would read as a dip.</li>
 *   <li>A forecast needs at least {@link #MIN_HISTORY} between the oldest bucket and now, as AWS predictive scaling
 *       needs 24 hours of data; between one and two days the forecaster has no season yet and caps its confidence.</li>
 *   <li>Buckets missing up to now are gaps the forecaster carries, so the forecast always starts at the current
 *       bucket and a silent metric lowers the confidence rather than shifting the forecast into the past.</li>
 *   <li>The forecast reaches {@code horizon}, and always past the scheduling buffer's look-ahead.</li>
 * </ul>
 */
public final class StoredHistoryForecaster {

    public static final Duration MIN_HISTORY = Duration.ofDays(1);
    private static final Duration SEASON = Duration.ofDays(1);

    private final Duration bucket;
    private final long bucketMillis;
    private final HoltWintersForecaster forecaster;

    /** @param bucket the history's bucket length; a whole divisor of a day, at most an hour */
    public StoredHistoryForecaster(Duration bucket) {
        long millis = bucket.toMillis();
        if (millis <= 0 || millis > Duration.ofHours(1).toMillis() || SEASON.toMillis() % millis != 0) {
            throw new IllegalArgumentException("the bucket must divide a day and be at most an hour, got " + bucket);
        }
        this.bucket = bucket;
        this.bucketMillis = millis;
        this.forecaster = HoltWintersForecaster.fitted((int) (SEASON.toMillis() / millis));
    }

    public Duration bucket() {
        return bucket;
    }

    /** The start of the bucket holding {@code time}. */
    public Instant bucketOf(Instant time) {
        return Instant.ofEpochMilli(Math.floorDiv(time.toEpochMilli(), bucketMillis) * bucketMillis);
    }

    /**
     * @param buckets          stored buckets of one target and metric, in any order
     * @param now              the engine's clock (a window's end)
     * @param schedulingBuffer how far ahead of a need the replicas are put in place
     */
    public ForecastOutlook forecast(List<HistoryBucket> buckets, Instant now, Duration historyWindow,
            Duration horizon, Duration schedulingBuffer) {
        Instant current = bucketOf(now);
        Instant oldest = current.minus(historyWindow);
        int maxBuckets = (int) Math.max(1, historyWindow.toMillis() / bucketMillis);
        MetricHistory history = new MetricHistory(bucket, maxBuckets);
        for (HistoryBucket stored : buckets) {
            if (stored.start().isBefore(current) && !stored.start().isBefore(oldest)
                    && Double.isFinite(stored.value())) {
                history.record(stored.start(), stored.value());
            }
        }
        if (history.isEmpty()) {
            return new ForecastOutlook(null, "no history stored for the metric in the last "
                    + historyWindow.toDays() + " days: a forecast needs at least a day of windows", null, 0);
        }
        BucketedSeries stored = history.series();
        Duration covered = Duration.between(stored.start(), current);
        if (covered.compareTo(MIN_HISTORY) < 0) {
            return new ForecastOutlook(null, "the history covers " + hours(covered) + " h since " + stored.start()
                    + ", a forecast needs at least " + MIN_HISTORY.toHours() + " h", stored.start(),
                    history.filledBuckets());
        }
        int size = (int) (covered.toMillis() / bucketMillis);
        double[] values = Arrays.copyOf(stored.values(), size);
        Arrays.fill(values, stored.size(), size, Double.NaN);
        BucketedSeries series = BucketedSeries.of(stored.start(), bucket, values);
        int lookAhead = (int) Math.ceil((double) schedulingBuffer.toMillis() / bucketMillis) + 2;
        int steps = Math.max(lookAhead, (int) Math.ceil((double) horizon.toMillis() / bucketMillis));
        return new ForecastOutlook(forecaster.forecast(series, steps), null, stored.start(),
                history.filledBuckets());
    }

    private static String hours(Duration duration) {
        return String.valueOf(Math.round(duration.toMinutes() / 6.0) / 10.0);
    }
}

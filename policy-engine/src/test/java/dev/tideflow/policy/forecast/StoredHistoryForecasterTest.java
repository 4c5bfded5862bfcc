package dev.tideflow.policy.forecast;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class StoredHistoryForecasterTest {

    private static final Duration BUCKET = Duration.ofMinutes(15);
    private static final int DAY = 96;
    /** Ten minutes into a bucket. */
    private static final Instant NOW = Instant.parse("2026-11-23T12:10:00Z");
    private static final Instant CURRENT = Instant.parse("2026-11-23T12:00:00Z");

    private final StoredHistoryForecaster forecaster = new StoredHistoryForecaster(BUCKET);

    @Test
    void noHistoryGivesNoForecastAndSaysWhy() {
        ForecastOutlook outlook = forecaster.forecast(List.of(), NOW, Duration.ofDays(14), Duration.ofHours(1),
                Duration.ofMinutes(5));

        assertFalse(outlook.available());
        assertNull(outlook.historyFrom());
        assertEquals("no history stored for the metric in the last 14 days: a forecast needs at least a day of "
                + "windows", outlook.unavailable());
    }

    @Test
    void lessThanADayOfHistoryGivesNoForecast() {
        List<HistoryBucket> buckets = daily(CURRENT.minus(Duration.ofHours(18)), 72);

        ForecastOutlook outlook = forecaster.forecast(buckets, NOW, Duration.ofDays(14), Duration.ofHours(1),
                Duration.ofMinutes(5));

        assertFalse(outlook.available());
        assertEquals(72, outlook.filledBuckets());
        assertEquals("the history covers 18.0 h since 2026-11-22T18:00:00Z, a forecast needs at least 24 h",
                outlook.unavailable());
    }

    @Test
    void threeDaysGiveASeasonalForecastFromTheCurrentBucket() {
        List<HistoryBucket> buckets = daily(CURRENT.minus(Duration.ofDays(3)), 3 * DAY);

        ForecastOutlook outlook = forecaster.forecast(buckets, NOW, Duration.ofDays(14), Duration.ofHours(6),
                Duration.ofMinutes(5));

        assertTrue(outlook.available(), outlook.unavailable());
        Forecast forecast = outlook.forecast();
        assertEquals(ForecastModel.HOLT_WINTERS, forecast.model());
        assertEquals(24, forecast.points().size());
        assertEquals(CURRENT, forecast.points().get(0).time());
        assertTrue(forecast.confidence() > 0.9, forecast.summary());
        for (ForecastPoint point : forecast.points()) {
            assertEquals(load(point.time()), point.value(), 15, point.toString());
        }
    }

    @Test
    void theOpenBucketAndBucketsBeyondTheWindowAreNotRead() {
        List<HistoryBucket> buckets = new ArrayList<>(daily(CURRENT.minus(Duration.ofDays(3)), 3 * DAY));
        buckets.add(new HistoryBucket(CURRENT, 1e6));
        buckets.add(new HistoryBucket(CURRENT.minus(Duration.ofDays(10)), 1e6));

        ForecastOutlook outlook = forecaster.forecast(buckets, NOW, Duration.ofDays(2), Duration.ofHours(1),
                Duration.ofMinutes(5));

        assertEquals(CURRENT.minus(Duration.ofDays(2)), outlook.historyFrom());
        assertEquals(2 * DAY, outlook.filledBuckets());
        assertEquals(load(CURRENT), outlook.forecast().points().get(0).value(), 15);
    }

    @Test
    void aSilentMetricStillForecastsFromNowWithLessConfidence() {
        List<HistoryBucket> recent = daily(CURRENT.minus(Duration.ofDays(3)), 3 * DAY);
        List<HistoryBucket> silentForSixHours = recent.subList(0, 3 * DAY - 24);

        Forecast full = forecaster.forecast(recent, NOW, Duration.ofDays(14), Duration.ofHours(1),
                Duration.ofMinutes(5)).forecast();
        Forecast gappy = forecaster.forecast(silentForSixHours, NOW, Duration.ofDays(14), Duration.ofHours(1),
                Duration.ofMinutes(5)).forecast();

        assertEquals(CURRENT, gappy.points().get(0).time());
        assertTrue(gappy.confidence() < full.confidence(), gappy.summary());
    }

    @Test
    void theForecastReachesPastALongSchedulingBuffer() {
        List<HistoryBucket> buckets = daily(CURRENT.minus(Duration.ofDays(3)), 3 * DAY);

        Forecast forecast = forecaster.forecast(buckets, NOW, Duration.ofDays(14), Duration.ofHours(1),
                Duration.ofMinutes(60)).forecast();

        assertEquals(6, forecast.points().size());
    }

    @Test
    void theBucketMustDivideADay() {
        assertThrows(IllegalArgumentException.class, () -> new StoredHistoryForecaster(Duration.ofMinutes(7)));
        assertThrows(IllegalArgumentException.class, () -> new StoredHistoryForecaster(Duration.ofHours(2)));
        assertEquals(Instant.parse("2026-11-23T12:00:00Z"), forecaster.bucketOf(NOW));
    }

    /** A noiseless daily sinusoid around 500, highest at 18:00 UTC. */
    static double load(Instant time) {
        double hours = (time.getEpochSecond() % 86_400) / 3600.0;
        return 500 + 400 * Math.cos(2 * Math.PI * (hours - 18) / 24);
    }

    private static List<HistoryBucket> daily(Instant from, int count) {
        List<HistoryBucket> buckets = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Instant start = from.plus(BUCKET.multipliedBy(i));
            buckets.add(new HistoryBucket(start, load(start)));
        }
        return buckets;
    }
}

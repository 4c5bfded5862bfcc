package dev.tideflow.policy.forecast;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MetricHistoryTest {

    private static final Duration FIVE_MINUTES = Duration.ofMinutes(5);
    private static final Instant MIDNIGHT = Instant.parse("2026-11-23T00:00:00Z");

    @Test
    void averagesTheValuesOfEachBucket() {
        MetricHistory history = new MetricHistory(FIVE_MINUTES, 10);
        history.record(at("00:00:00"), 10);
        history.record(at("00:01:00"), 20);
        history.record(at("00:04:59"), 30);
        history.record(at("00:05:00"), 7);

        BucketedSeries series = history.series();

        assertEquals(MIDNIGHT, series.start());
        assertArrayEquals(new double[] {20, 7}, series.values(), 1e-12);
    }

    @Test
    void bucketsAreAlignedToTheEpoch() {
        MetricHistory history = new MetricHistory(FIVE_MINUTES, 10);
        history.record(at("00:07:30"), 1);

        assertEquals(at("00:05:00"), history.series().start());
    }

    @Test
    void emptyBucketsBetweenValuesAreMissing() {
        MetricHistory history = new MetricHistory(FIVE_MINUTES, 10);
        history.record(at("00:00:00"), 1);
        history.record(at("00:15:00"), 4);

        BucketedSeries series = history.series();

        assertEquals(4, series.size());
        assertTrue(series.isMissing(1) && series.isMissing(2));
        assertEquals(2, series.missingCount());
        assertEquals(4, series.value(3));
    }

    @Test
    void keepsOnlyTheNewestBuckets() {
        MetricHistory history = new MetricHistory(FIVE_MINUTES, 3);
        for (int i = 0; i < 5; i++) {
            history.record(MIDNIGHT.plus(FIVE_MINUTES.multipliedBy(i)), i);
        }

        boolean tooOld = history.record(MIDNIGHT, 99);

        assertFalse(tooOld);
        BucketedSeries series = history.series();
        assertEquals(MIDNIGHT.plus(FIVE_MINUTES.multipliedBy(2)), series.start());
        assertArrayEquals(new double[] {2, 3, 4}, series.values(), 1e-12);
    }

    @Test
    void acceptsLateValuesInsideTheWindow() {
        MetricHistory history = new MetricHistory(FIVE_MINUTES, 3);
        history.record(at("00:10:00"), 5);

        assertTrue(history.record(at("00:00:00"), 1));
        assertTrue(history.record(at("00:11:00"), 7));

        assertArrayEquals(new double[] {1, Double.NaN, 6}, history.series().values(), 1e-12);
    }

    @Test
    void rejectsNonFiniteValuesAndAnEmptySeries() {
        MetricHistory history = new MetricHistory(FIVE_MINUTES, 3);

        assertThrows(IllegalArgumentException.class, () -> history.record(MIDNIGHT, Double.NaN));
        assertThrows(IllegalStateException.class, history::series);
        assertThrows(IllegalArgumentException.class, () -> new MetricHistory(FIVE_MINUTES, 0));
    }

    @Test
    void oneMinuteWindowsFeedTheForecaster() {
        MetricHistory history = new MetricHistory(FIVE_MINUTES, 7 * SyntheticLoad.DAY);
        double[] week = SyntheticLoad.dailySeasonal(31, 7);
        for (int bucket = 0; bucket < 6 * SyntheticLoad.DAY; bucket++) {
            // Every 20th bucket and the last one never report: those become gaps, the last one by ending early.
            if (bucket % 20 == 19 || bucket == 6 * SyntheticLoad.DAY - 1) {
                continue;
            }
            Instant bucketStart = SyntheticLoad.START.plus(FIVE_MINUTES.multipliedBy(bucket));
            for (int minute = 0; minute < 5; minute++) {
                // Windows scattered around the bucket's value average back to it.
                history.record(bucketStart.plus(Duration.ofMinutes(minute)), week[bucket] + (minute - 2));
            }
        }

        BucketedSeries series = history.series();
        Forecast forecast = HoltWintersForecaster.fitted(SyntheticLoad.DAY).forecast(series, SyntheticLoad.DAY);

        assertEquals(6 * SyntheticLoad.DAY - 1, series.size());
        assertEquals(week[100], series.value(100), 1e-9);
        assertEquals(ForecastModel.HOLT_WINTERS, forecast.model());
        // The history ends one bucket early (its last bucket never reported), so day 7 starts at step 2.
        double[] actual = SyntheticLoad.day(week, 6);
        double sum = 0;
        for (int i = 0; i < actual.length - 1; i++) {
            sum += Math.abs(actual[i] - forecast.points().get(i + 1).value()) / actual[i];
        }
        double mape = sum / (actual.length - 1);
        assertTrue(mape <= 0.10, "MAPE " + mape);
    }

    private static Instant at(String time) {
        return Instant.parse("2026-11-23T" + time + "Z");
    }
}

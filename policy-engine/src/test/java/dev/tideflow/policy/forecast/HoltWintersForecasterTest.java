package dev.tideflow.policy.forecast;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Random;

import static dev.tideflow.policy.forecast.SyntheticLoad.DAY;
import static dev.tideflow.policy.forecast.SyntheticLoad.START;
import static dev.tideflow.policy.forecast.SyntheticLoad.dailySeasonal;
import static dev.tideflow.policy.forecast.SyntheticLoad.day;
import static dev.tideflow.policy.forecast.SyntheticLoad.firstDays;
import static dev.tideflow.policy.forecast.SyntheticLoad.mape;
import static dev.tideflow.policy.forecast.SyntheticLoad.series;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class HoltWintersForecasterTest {

    private final HoltWintersForecaster forecaster = HoltWintersForecaster.fitted(DAY);

    @Test
    void seasonalSeriesWithNoise_forecastsTheSeventhDayWithinTenPercentMape() {
        double[] week = dailySeasonal(42, 7);

        Forecast forecast = forecaster.forecast(firstDays(week, 6), DAY);

        double mape = mape(day(week, 6), forecast);
        String measured = report("seasonal + 2nd harmonic + trend + 5 % noise, seed 42", mape, forecast);
        assertEquals(ForecastModel.HOLT_WINTERS, forecast.model(), measured);
        assertTrue(mape <= 0.10, measured);
        assertTrue(forecast.confidence() >= 0.9, measured);
    }

    @Test
    void forecastStartsAfterTheHistoryAndStepsByTheBucket() {
        Forecast forecast = forecaster.forecast(firstDays(dailySeasonal(7, 3), 2), 3);

        assertEquals(START.plus(SyntheticLoad.FIVE_MINUTES.multipliedBy(2 * DAY)), forecast.points().get(0).time());
        assertEquals(START.plus(SyntheticLoad.FIVE_MINUTES.multipliedBy(2 * DAY + 2)), forecast.points().get(2).time());
    }

    @Test
    void dailySpikeIsForecastAtItsTimeOfDay() {
        Random random = new Random(37);
        int spikeBucket = 24;
        double[] nightlyJob = new double[5 * DAY];
        for (int t = 0; t < nightlyJob.length; t++) {
            nightlyJob[t] = (t % DAY == spikeBucket ? 300 : 100) + random.nextGaussian();
        }

        Forecast forecast = forecaster.forecast(series(nightlyJob), DAY);

        ForecastPoint highest = forecast.points().stream()
                .max(Comparator.comparingDouble(ForecastPoint::value))
                .orElseThrow();
        assertEquals(START.plus(SyntheticLoad.FIVE_MINUTES.multipliedBy(5 * DAY + spikeBucket)), highest.time());
        assertEquals(300, highest.value(), 30);
    }

    @Test
    void givenParametersAreUsedAsGiven() {
        SmoothingParameters given = new SmoothingParameters(0.2, 0.01, 0.1);
        double[] week = dailySeasonal(11, 7);

        Forecast forecast = HoltWintersForecaster.withParameters(DAY, given).forecast(firstDays(week, 6), DAY);

        double mape = mape(day(week, 6), forecast);
        String measured = report("given alpha 0.2 beta 0.01 gamma 0.1, seed 11", mape, forecast);
        assertEquals(given, forecast.parameters(), measured);
        assertTrue(mape <= 0.10, measured);
    }

    @Test
    void fittedParametersGiveSmallerOneStepErrorsThanPoorOnes() {
        BucketedSeries history = firstDays(dailySeasonal(3, 6), 6);

        Forecast fitted = forecaster.forecast(history, 1);
        Forecast poor = HoltWintersForecaster.withParameters(DAY, new SmoothingParameters(0.9, 0.3, 0.9))
                .forecast(history, 1);

        assertTrue(fitted.residualStdDev() < poor.residualStdDev(),
                "fitted sigma " + fitted.residualStdDev() + " vs poor " + poor.residualStdDev());
        // The noise is the floor of the one-step error: a fit far above it has missed the pattern.
        assertTrue(fitted.residualStdDev() < 1.5 * SyntheticLoad.NOISE, "fitted sigma " + fitted.residualStdDev());
    }

    @Test
    void levelShiftIsFollowed() {
        double[] week = dailySeasonal(5, 7);
        for (int t = 4 * DAY; t < week.length; t++) {
            week[t] += 100;
        }

        Forecast forecast = forecaster.forecast(firstDays(week, 6), DAY);

        double mape = mape(day(week, 6), forecast);
        String measured = report("level shift +100 at the start of day 5, seed 5", mape, forecast);
        assertTrue(mape <= 0.10, measured);
        double forecastMean = forecast.points().stream().mapToDouble(ForecastPoint::value).average().orElseThrow();
        double actualMean = Arrays.stream(day(week, 6)).average().orElseThrow();
        assertEquals(actualMean, forecastMean, 15, measured);
    }

    @Test
    void flatSeriesForecastsItsLevelWithHighConfidence() {
        Random random = new Random(9);
        double[] flat = new double[3 * DAY];
        for (int t = 0; t < flat.length; t++) {
            flat[t] = 100 + random.nextGaussian();
        }

        Forecast forecast = forecaster.forecast(series(flat), DAY);

        for (ForecastPoint point : forecast.points()) {
            assertEquals(100, point.value(), 3, "at " + point.time());
        }
        assertTrue(forecast.confidence() >= 0.98, "confidence " + forecast.confidence());
    }

    @Test
    void exactlyConstantSeriesHasFullConfidence() {
        double[] constant = new double[2 * DAY + 10];
        Arrays.fill(constant, 40);

        Forecast forecast = forecaster.forecast(series(constant), 12);

        forecast.points().forEach(point -> assertEquals(40, point.value(), 1e-9));
        assertEquals(1.0, forecast.confidence(), 1e-9);
    }

    @Test
    void shortHistoryFallsBackToHoltLinearTrendWithLowConfidence() {
        Random random = new Random(21);
        double[] ramp = new double[DAY + DAY / 2];
        for (int t = 0; t < ramp.length; t++) {
            ramp[t] = 50 + 0.1 * t + 0.5 * random.nextGaussian();
        }

        Forecast forecast = forecaster.forecast(series(ramp), 12);

        assertEquals(ForecastModel.HOLT_LINEAR, forecast.model());
        assertTrue(forecast.confidence() <= HoltWintersForecaster.SHORT_HISTORY_CONFIDENCE_CAP,
                "confidence " + forecast.confidence());
        assertEquals(0.0, forecast.parameters().gamma());
        for (int h = 0; h < 12; h++) {
            double expected = 50 + 0.1 * (ramp.length + h);
            assertEquals(expected, forecast.points().get(h).value(), 0.05 * expected, "step " + (h + 1));
        }
    }

    @Test
    void singleObservationIsCarriedForwardWithNoConfidence() {
        Forecast forecast = forecaster.forecast(series(new double[] {Double.NaN, 12.5, Double.NaN}), 4);

        assertEquals(ForecastModel.LAST_VALUE, forecast.model());
        assertEquals(0.0, forecast.confidence());
        forecast.points().forEach(point -> assertEquals(12.5, point.value()));
    }

    @Test
    void gapsAreBridgedAndLowerTheConfidence() {
        double[] week = dailySeasonal(13, 7);
        double[] holed = Arrays.copyOf(week, 6 * DAY);
        Random random = new Random(17);
        for (int t = 0; t < holed.length; t++) {
            if (random.nextDouble() < 0.10) {
                holed[t] = Double.NaN;
            }
        }
        // A three-hour outage on day 5 and the last half hour of day 6 missing.
        Arrays.fill(holed, 4 * DAY + 100, 4 * DAY + 136, Double.NaN);
        Arrays.fill(holed, 6 * DAY - 6, 6 * DAY, Double.NaN);

        Forecast withGaps = forecaster.forecast(series(holed), DAY);
        Forecast complete = forecaster.forecast(firstDays(week, 6), DAY);

        double mape = mape(day(week, 6), withGaps);
        String measured = report("10 % random gaps + 3 h outage + last 30 min missing, seed 13", mape, withGaps);
        assertEquals(ForecastModel.HOLT_WINTERS, withGaps.model(), measured);
        assertTrue(mape <= 0.10, measured);
        assertTrue(withGaps.confidence() < complete.confidence(),
                "with gaps " + withGaps.confidence() + ", complete " + complete.confidence());
    }

    @Test
    void missingRecentBucketsLowerTheConfidenceByTheirShare() {
        double[] week = dailySeasonal(41, 7);
        double[] stale = Arrays.copyOf(week, 6 * DAY);
        // The last six hours, a quarter of the last season, never arrived.
        Arrays.fill(stale, 6 * DAY - DAY / 4, 6 * DAY, Double.NaN);

        Forecast forecast = forecaster.forecast(series(stale), DAY);

        assertTrue(forecast.confidence() <= 0.75, "confidence " + forecast.confidence());
        assertTrue(forecast.confidence() >= 0.6, "confidence " + forecast.confidence());
    }

    @Test
    void leadingGapsAreDropped() {
        double[] twoDays = dailySeasonal(19, 2);
        double[] padded = new double[DAY / 2 + twoDays.length];
        Arrays.fill(padded, 0, DAY / 2, Double.NaN);
        System.arraycopy(twoDays, 0, padded, DAY / 2, twoDays.length);

        Forecast forecast = forecaster.forecast(series(padded), 1);

        assertEquals(ForecastModel.HOLT_WINTERS, forecast.model());
    }

    @Test
    void seasonalForecastIsClippedAtZero() {
        Random random = new Random(23);
        double[] fading = new double[4 * DAY];
        for (int t = 0; t < fading.length; t++) {
            // The night trough sinks towards 0 while the load fades, so the model's raw trough goes below it.
            double raw = 45 + 40 * Math.sin(2 * Math.PI * t / DAY) - 0.01 * t + random.nextGaussian();
            fading[t] = Math.max(0, raw);
        }

        Forecast forecast = forecaster.forecast(series(fading), DAY);

        assertNonNegative(forecast.points());
        assertTrue(forecast.points().stream().anyMatch(point -> point.value() == 0.0),
                "the night trough should forecast 0");
        assertTrue(forecast.points().stream().anyMatch(point -> point.value() > 50), "the day should stay above 0");
    }

    @Test
    void decliningTrendStopsAtZero() {
        double[] declining = new double[150];
        for (int t = 0; t < declining.length; t++) {
            declining[t] = 100 - 0.5 * t;
        }

        Forecast forecast = forecaster.forecast(series(declining), DAY);

        assertNonNegative(forecast.points());
        assertEquals(0.0, forecast.points().get(DAY - 1).value());
    }

    @Test
    void predictionIntervalWidensWithTheHorizonAndCoversMostOfTheNextDay() {
        double[] week = dailySeasonal(29, 7);

        Forecast forecast = forecaster.forecast(firstDays(week, 6), DAY);

        List<ForecastPoint> points = forecast.points();
        double previousWidth = 0;
        int covered = 0;
        double[] actual = day(week, 6);
        for (int h = 0; h < points.size(); h++) {
            ForecastPoint point = points.get(h);
            double width = point.upper() - point.lower();
            assertTrue(width >= previousWidth, "width shrank at step " + (h + 1));
            assertTrue(point.lower() <= point.value() && point.value() <= point.upper(), "step " + (h + 1));
            previousWidth = width;
            if (point.lower() <= actual[h] && actual[h] <= point.upper()) {
                covered++;
            }
        }
        ForecastPoint first = points.get(0);
        ForecastPoint last = points.get(points.size() - 1);
        assertTrue(last.upper() - last.lower() > first.upper() - first.lower(), "the interval did not widen");
        assertTrue(covered >= 0.8 * DAY, "95 % intervals covered " + covered + " of " + DAY + " buckets");
    }

    @Test
    void rejectsAHorizonBelowOneAndAHistoryWithoutValues() {
        BucketedSeries history = series(new double[] {1, 2, 3});
        BucketedSeries empty = series(new double[] {Double.NaN, Double.NaN});

        assertThrows(IllegalArgumentException.class, () -> forecaster.forecast(history, 0));
        assertThrows(IllegalArgumentException.class, () -> forecaster.forecast(empty, 1));
        assertThrows(IllegalArgumentException.class, () -> new SmoothingParameters(1.2, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> HoltWintersForecaster.fitted(1));
    }

    private static void assertNonNegative(List<ForecastPoint> points) {
        for (ForecastPoint point : points) {
            assertTrue(point.value() >= 0 && point.lower() >= 0 && point.upper() >= 0, "negative at " + point);
        }
    }

    /** Prints the measured accuracy for the record and returns it for assertion messages. */
    private static String report(String series, double mape, Forecast forecast) {
        String line = String.format(Locale.ROOT, "[forecast-accuracy] %s: day-7 MAPE %.2f %%, confidence %.3f, %s",
                series, mape * 100, forecast.confidence(), forecast.summary());
        System.out.println(line);
        return line;
    }
}

package dev.tideflow.policy.forecast;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static dev.tideflow.policy.forecast.MaxCapacityBreachBehavior.HONOR_MAX_CAPACITY;
import static dev.tideflow.policy.forecast.MaxCapacityBreachBehavior.INCREASE_MAX_CAPACITY;
import static dev.tideflow.policy.forecast.PredictiveScalingMode.FORECAST_AND_SCALE;
import static dev.tideflow.policy.forecast.PredictiveScalingMode.FORECAST_ONLY;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PredictiveScalingPlannerTest {

    private static final Duration FIVE_MINUTES = Duration.ofMinutes(5);
    private static final Instant NOW = Instant.parse("2026-11-23T08:00:00Z");

    private final PredictiveScalingPlanner planner = new PredictiveScalingPlanner();

    @Test
    void schedulingBufferLooksAheadToTheComingPeak() {
        Forecast forecast = forecast(NOW, 0.9, 100, 100, 100, 400, 100);

        PredictiveScalingPlan now = planner.plan(forecast, policy(FORECAST_AND_SCALE, Duration.ZERO),
                capacity(2, 1, 20), NOW);
        PredictiveScalingPlan fifteenAhead = planner.plan(forecast, policy(FORECAST_AND_SCALE, Duration.ofMinutes(15)),
                capacity(2, 1, 20), NOW);

        assertEquals(2, now.minReplicas(), now.explanation());
        assertEquals(8, fifteenAhead.minReplicas(), fifteenAhead.explanation());
        assertEquals(8, fifteenAhead.desiredReplicas());
        assertEquals(NOW.plus(Duration.ofMinutes(15)), fifteenAhead.peakTime());
        assertTrue(fifteenAhead.apply());
        assertTrue(fifteenAhead.explanation().contains("scale out from 2 to 8"), fifteenAhead.explanation());
    }

    @Test
    void bucketInProgressCountsAsNow() {
        Forecast forecast = forecast(NOW, 0.9, 300, 100);

        PredictiveScalingPlan plan = planner.plan(forecast, policy(FORECAST_AND_SCALE, Duration.ZERO),
                capacity(1, 1, 20), NOW.plus(Duration.ofMinutes(4)));

        assertEquals(6, plan.minReplicas(), plan.explanation());
    }

    @Test
    void forecastStartingAtTheNextBucketIsUsed() {
        Forecast forecast = forecast(NOW.plus(Duration.ofMinutes(2)), 0.9, 300);

        PredictiveScalingPlan plan = planner.plan(forecast, policy(FORECAST_AND_SCALE, Duration.ZERO),
                capacity(1, 1, 20), NOW);

        assertEquals(6, plan.minReplicas(), plan.explanation());
    }

    @Test
    void neverScalesIn() {
        Forecast falling = forecast(NOW, 0.9, 100, 80, 60);

        PredictiveScalingPlan plan = planner.plan(falling, policy(FORECAST_AND_SCALE, Duration.ofMinutes(10)),
                capacity(10, 1, 20), NOW);

        assertEquals(2, plan.minReplicas(), plan.explanation());
        assertEquals(10, plan.desiredReplicas(), plan.explanation());
        assertTrue(plan.explanation().contains("no scale-in"), plan.explanation());
    }

    @Test
    void floorIsNeverBelowTheConfiguredMinimum() {
        PredictiveScalingPlan plan = planner.plan(forecast(NOW, 0.9, 10), policy(FORECAST_AND_SCALE, Duration.ZERO),
                capacity(3, 3, 20), NOW);

        assertEquals(3, plan.minReplicas(), plan.explanation());
    }

    @Test
    void loadOfExactlyNTargetsNeedsNReplicas() {
        double load = (0.1 + 0.2) * 500;
        PredictiveScalingPlan plan = planner.plan(forecast(NOW, 0.9, load), policy(FORECAST_AND_SCALE, Duration.ZERO),
                capacity(1, 1, 20), NOW);

        // A load of 150 is 3 replicas at 50 each, though (0.1 + 0.2) × 500 is 150.00000000000003 in binary.
        assertEquals(3, plan.minReplicas(), plan.explanation());
    }

    @Test
    void lowConfidenceGivesNoAction() {
        Forecast doubtful = forecast(NOW, 0.4, 1000);

        PredictiveScalingPlan plan = planner.plan(doubtful, policy(FORECAST_AND_SCALE, Duration.ZERO),
                capacity(2, 1, 30), NOW);

        assertFalse(plan.apply());
        assertEquals(1, plan.minReplicas());
        assertEquals(2, plan.desiredReplicas());
        assertEquals(0.4, plan.confidence());
        assertTrue(plan.explanation().contains("confidence 0.40 is below the minimum 0.60"), plan.explanation());
    }

    @Test
    void honorMaxCapacityCapsTheFloor() {
        PredictiveScalingPlan plan = planner.plan(forecast(NOW, 0.9, 1000),
                policy(FORECAST_AND_SCALE, Duration.ZERO, HONOR_MAX_CAPACITY, 10), capacity(5, 1, 15), NOW);

        assertEquals(15, plan.minReplicas(), plan.explanation());
        assertEquals(15, plan.maxReplicas());
        assertTrue(plan.explanation().contains("capped at the maximum 15"), plan.explanation());
    }

    @Test
    void increaseMaxCapacityRaisesTheMaximumByTheBuffer() {
        // AWS' example: forecast capacity 50, maximum 40, buffer 10 % → effective maximum 55.
        PredictiveScalingPlan plan = planner.plan(forecast(NOW, 0.9, 2500),
                policy(FORECAST_AND_SCALE, Duration.ZERO, INCREASE_MAX_CAPACITY, 10), capacity(5, 1, 40), NOW);

        assertEquals(50, plan.minReplicas(), plan.explanation());
        assertEquals(55, plan.maxReplicas(), plan.explanation());
    }

    @Test
    void increaseMaxCapacityAlsoActsWhenTheForecastComesCloseToTheMaximum() {
        PredictiveScalingPlan plan = planner.plan(forecast(NOW, 0.9, 38 * 50),
                policy(FORECAST_AND_SCALE, Duration.ZERO, INCREASE_MAX_CAPACITY, 10), capacity(5, 1, 40), NOW);

        assertEquals(38, plan.minReplicas(), plan.explanation());
        assertEquals(42, plan.maxReplicas(), plan.explanation());
    }

    @Test
    void increaseMaxCapacityLeavesAMaximumWithRoomAlone() {
        PredictiveScalingPlan plan = planner.plan(forecast(NOW, 0.9, 10 * 50),
                policy(FORECAST_AND_SCALE, Duration.ZERO, INCREASE_MAX_CAPACITY, 10), capacity(5, 1, 40), NOW);

        assertEquals(40, plan.maxReplicas(), plan.explanation());
    }

    @Test
    void forecastOnlyComputesThePlanWithoutApplyingIt() {
        PredictiveScalingPlan plan = planner.plan(forecast(NOW, 0.9, 400), policy(FORECAST_ONLY, Duration.ZERO),
                capacity(2, 1, 20), NOW);

        assertFalse(plan.apply());
        assertEquals(8, plan.minReplicas());
        assertEquals(8, plan.desiredReplicas());
        assertTrue(plan.explanation().startsWith("ForecastOnly"), plan.explanation());
    }

    @Test
    void staleForecastGivesNoAction() {
        Forecast stale = forecast(NOW.minus(Duration.ofHours(1)), 0.9, 500, 500);

        PredictiveScalingPlan plan = planner.plan(stale, policy(FORECAST_AND_SCALE, Duration.ofMinutes(10)),
                capacity(2, 1, 20), NOW);

        assertFalse(plan.apply());
        assertEquals(2, plan.desiredReplicas());
        assertTrue(plan.explanation().contains("does not cover"), plan.explanation());
    }

    @Test
    void scalesOutBeforeTheDailyPeakOfAForecastSeries() {
        double[] week = SyntheticLoad.dailySeasonal(42, 7);
        Forecast forecast = HoltWintersForecaster.fitted(SyntheticLoad.DAY)
                .forecast(SyntheticLoad.firstDays(week, 6), SyntheticLoad.DAY);
        // The sinusoid peaks a quarter day in (06:00); an hour's buffer at 05:00 already provisions for it.
        Instant fiveAm = forecast.points().get(0).time().plus(Duration.ofHours(5));
        Instant midnight = forecast.points().get(0).time();
        PredictiveScalingPolicy policy = policy(FORECAST_AND_SCALE, Duration.ofHours(1));

        PredictiveScalingPlan atMidnight = planner.plan(forecast, policy, capacity(4, 1, 20), midnight);
        PredictiveScalingPlan beforePeak = planner.plan(forecast, policy, capacity(4, 1, 20), fiveAm);

        assertTrue(beforePeak.minReplicas() > atMidnight.minReplicas(),
                atMidnight.explanation() + " / " + beforePeak.explanation());
        assertTrue(beforePeak.apply(), beforePeak.explanation());
        assertEquals(7, beforePeak.minReplicas(), beforePeak.explanation());
    }

    @Test
    void rejectsAnInvalidPolicy() {
        assertThrows(IllegalArgumentException.class, () -> new PredictiveScalingPolicy(FORECAST_AND_SCALE, 0,
                Duration.ZERO, 0.5, HONOR_MAX_CAPACITY, 0));
        assertThrows(IllegalArgumentException.class, () -> new PredictiveScalingPolicy(FORECAST_AND_SCALE, 50,
                Duration.ofMinutes(-1), 0.5, HONOR_MAX_CAPACITY, 0));
        assertThrows(IllegalArgumentException.class, () -> new PredictiveScalingPolicy(FORECAST_AND_SCALE, 50,
                Duration.ZERO, 0.5, INCREASE_MAX_CAPACITY, 101));
    }

    private static PredictiveScalingPolicy policy(PredictiveScalingMode mode, Duration buffer) {
        return policy(mode, buffer, HONOR_MAX_CAPACITY, 0);
    }

    /** A replica carries a load of 50 at target; forecasts under 0.6 confidence are ignored. */
    private static PredictiveScalingPolicy policy(PredictiveScalingMode mode, Duration buffer,
            MaxCapacityBreachBehavior breach, int maxCapacityBuffer) {
        return new PredictiveScalingPolicy(mode, 50, buffer, 0.6, breach, maxCapacityBuffer);
    }

    private static CurrentCapacity capacity(int replicas, int min, int max) {
        return new CurrentCapacity(replicas, min, max);
    }

    private static Forecast forecast(Instant start, double confidence, double... loads) {
        List<ForecastPoint> points = new ArrayList<>();
        for (int i = 0; i < loads.length; i++) {
            points.add(new ForecastPoint(start.plus(FIVE_MINUTES.multipliedBy(i)), loads[i], loads[i], loads[i]));
        }
        return new Forecast(ForecastModel.HOLT_WINTERS, new SmoothingParameters(0.2, 0.01, 0.1), FIVE_MINUTES, points,
                0.0, confidence, "test forecast");
    }
}

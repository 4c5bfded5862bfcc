package dev.tideflow.policy.forecast;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class CapacityPlanTest {

    private static final Instant T = Instant.parse("2026-11-23T12:00:00Z");
    private static final Duration BUCKET = Duration.ofMinutes(15);

    private final Forecast forecast = new Forecast(ForecastModel.HOLT_WINTERS, new SmoothingParameters(0.2, 0, 0.1),
            BUCKET, List.of(new ForecastPoint(T, 50, 40, 60), new ForecastPoint(T.plus(BUCKET), 300, 250, 350),
                    new ForecastPoint(T.plus(BUCKET.multipliedBy(2)), 2500, 2000, 3000)), 10, 0.9, "test");

    @Test
    void eachPointNeedsItsLoadOverTheTargetScheduledABufferAhead() {
        List<CapacityPoint> points = CapacityPlan.of(forecast, policy(MaxCapacityBreachBehavior.HONOR_MAX_CAPACITY),
                new CurrentCapacity(3, 2, 20));

        assertEquals(List.of(2, 3, 20), points.stream().map(CapacityPoint::replicas).toList());
        assertEquals(T.minus(Duration.ofMinutes(10)), points.get(0).scaleAt());
        assertEquals(300, points.get(1).value());
        assertEquals(250, points.get(1).lower());
    }

    @Test
    void increaseKeepsTheForecastReplicasAboveTheMaximum() {
        List<CapacityPoint> points = CapacityPlan.of(forecast,
                policy(MaxCapacityBreachBehavior.INCREASE_MAX_CAPACITY), new CurrentCapacity(3, 2, 20));

        assertEquals(25, points.get(2).replicas());
    }

    private static PredictiveScalingPolicy policy(MaxCapacityBreachBehavior behavior) {
        return new PredictiveScalingPolicy(PredictiveScalingMode.FORECAST_AND_SCALE, 100, Duration.ofMinutes(10),
                0.5, behavior, 10);
    }
}

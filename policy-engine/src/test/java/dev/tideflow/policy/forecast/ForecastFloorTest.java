package dev.tideflow.policy.forecast;

import dev.tideflow.policy.domain.ReplicaRange;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ForecastFloorTest {

    private static final ReplicaRange POLICY = new ReplicaRange(2, 20);

    @Test
    void aPlanThatDoesNotApplyLeavesTheRange() {
        ReplicaRange scheduled = new ReplicaRange(4, 20);

        assertEquals(scheduled, ForecastFloor.apply(POLICY, scheduled, plan(false, 12, 20)));
        assertEquals(scheduled, ForecastFloor.apply(POLICY, scheduled, null));
    }

    @Test
    void theForecastRaisesTheFloorOnly() {
        assertEquals(new ReplicaRange(12, 20), ForecastFloor.apply(POLICY, POLICY, plan(true, 12, 20)));
        // A lower forecast floor never lowers a schedule's.
        assertEquals(new ReplicaRange(6, 20), ForecastFloor.apply(POLICY, new ReplicaRange(6, 20),
                plan(true, 3, 20)));
    }

    @Test
    void increaseRaisesThePolicysMaximum() {
        assertEquals(new ReplicaRange(25, 28), ForecastFloor.apply(POLICY, POLICY, plan(true, 25, 28)));
    }

    @Test
    void aSchedulesCeilingHoldsAgainstTheForecast() {
        ReplicaRange capped = new ReplicaRange(2, 8);

        assertEquals(new ReplicaRange(8, 8), ForecastFloor.apply(POLICY, capped, plan(true, 25, 28)));
    }

    private static PredictiveScalingPlan plan(boolean apply, int min, int max) {
        return new PredictiveScalingPlan(apply, min, max, min, 0.9, 100, null, "test");
    }
}

package dev.tideflow.policy.vertical;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class VerticalScalerTest {

    private static final ResourceBounds CPU = new ResourceBounds("cpu", "cpu", 250, 2000, 250);
    private static final ResourceBounds MEMORY = new ResourceBounds("memory", "memory", 256, 1000, 256);

    private final VerticalScaler scaler = new VerticalScaler();

    @Test
    void insideTheToleranceTheRequestStays() {
        ResourceRecommendation r = scaler.recommend(CPU, 500.0, 1.08, 0.1);

        assertEquals(500, r.recommended());
        assertFalse(r.changes());
        assertEquals("cpu stays at 500m: utilization ratio 1.08 within the tolerance 0.1", r.reason());
    }

    @Test
    void aHotResourceStepsUpToTheGridAboveWhatTheTargetNeeds() {
        // 500m at 1.6 × the target needs 800m: the next step from 250 is 1000m.
        ResourceRecommendation r = scaler.recommend(CPU, 500.0, 1.6, 0.1);

        assertEquals(1000, r.recommended());
        assertTrue(r.changes());
        assertEquals("cpu 500m → 1000m: utilization ratio 1.60, 500m × 1.60 on the 250m grid from 250m", r.reason());
    }

    @Test
    void aColdResourceStepsDownButNotBelowWhatTheTargetNeeds() {
        // 1500m at 0.4 needs 600m: 750m keeps the utilization under the target.
        assertEquals(750, scaler.recommend(CPU, 1500.0, 0.4, 0.1).recommended());
        assertEquals(250, scaler.recommend(CPU, 1500.0, 0.01, 0.1).recommended());
    }

    @Test
    void theBoundsHold() {
        ResourceRecommendation capped = scaler.recommend(CPU, 1750.0, 3.0, 0.1);
        ResourceRecommendation atMax = scaler.recommend(CPU, 2000.0, 3.0, 0.1);
        ResourceRecommendation lastStep = scaler.recommend(MEMORY, 768.0, 1.2, 0.1);

        assertEquals(2000, capped.recommended());
        assertTrue(capped.reason().endsWith(", capped at the maximum"), capped.reason());
        assertEquals(2000, atMax.recommended());
        assertTrue(atMax.atBound());
        assertEquals("cpu stays at 2000m: utilization ratio 3.00 asks for more but the maximum 2000m is reached",
                atMax.reason());
        // 768 × 1.2 = 921.6: the grid's next step (1024) is above the maximum, so the maximum it is.
        assertEquals(1000, lastStep.recommended());
    }

    @Test
    void anUnknownRequestStartsFromTheMinimumAndAnUnknownUtilizationKeepsIt() {
        ResourceRecommendation unread = scaler.recommend(CPU, null, 2.0, 0.1);
        ResourceRecommendation noRatio = scaler.recommend(CPU, 750.0, null, 0.1);

        assertEquals(500, unread.recommended());
        assertFalse(unread.currentRead());
        assertEquals(750, noRatio.recommended());
        assertEquals("cpu stays at 750m: no utilization of cpu read", noRatio.reason());
    }

    @Test
    void verticalModeAlwaysKeepsTheReplicas() {
        VerticalOutcome moving = scaler.decide(ScalingMode.VERTICAL, List.of(scaler.recommend(CPU, 500.0, 1.6, 0.1)));
        VerticalOutcome stuck = scaler.decide(ScalingMode.VERTICAL,
                List.of(scaler.recommend(CPU, 2000.0, 1.6, 0.1)));

        assertTrue(moving.holdReplicas());
        assertTrue(stuck.holdReplicas());
        assertTrue(moving.summary().startsWith("vertical: replicas unchanged (cpu 500m → 1000m"), moving.summary());
    }

    @Test
    void mixedModeMovesRequestsFirstAndReplicasOnceEveryRequestIsAtItsBound() {
        VerticalOutcome first = scaler.decide(ScalingMode.MIXED, List.of(scaler.recommend(CPU, 500.0, 1.6, 0.1),
                scaler.recommend(MEMORY, 1000.0, 1.6, 0.1)));
        VerticalOutcome then = scaler.decide(ScalingMode.MIXED, List.of(scaler.recommend(CPU, 2000.0, 1.6, 0.1),
                scaler.recommend(MEMORY, 1000.0, 1.6, 0.1)));

        assertTrue(first.holdReplicas());
        assertFalse(then.holdReplicas());
        assertTrue(then.summary().startsWith("mixed: no request can move further, replicas as the metrics decide"),
                then.summary());
    }

    @Test
    void aHorizontalPolicyHasNoVerticalOutcome() {
        assertThrows(IllegalArgumentException.class, () -> scaler.decide(ScalingMode.HORIZONTAL, List.of()));
        assertThrows(IllegalArgumentException.class, () -> new ResourceBounds("cpu", "cpu", 500, 250, 10));
    }
}

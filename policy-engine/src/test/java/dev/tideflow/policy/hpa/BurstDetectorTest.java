package dev.tideflow.policy.hpa;

import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BurstDetectorTest {

    @Test
    void aJumpFarAboveTheRecentValuesIsABurst() {
        BurstDetector detector = new BurstDetector();
        Random random = new Random(7);
        for (int i = 0; i < 30; i++) {
            detector.observe(100 + random.nextGaussian() * 5);
        }
        assertFalse(detector.assess(108).burst());
        BurstDetector.Burst burst = detector.observe(160);
        assertTrue(burst.burst(), burst.reason());
        assertTrue(burst.score() > 3.5);
        assertTrue(burst.reason().startsWith("burst: 160 against a median of "), burst.reason());
    }

    @Test
    void aFallFarBelowIsFlaggedAsADrop() {
        BurstDetector detector = steady(50, 2);
        BurstDetector.Burst drop = detector.observe(20);
        assertTrue(drop.burst());
        assertTrue(drop.score() < 0);
        assertTrue(drop.reason().startsWith("drop: "), drop.reason());
    }

    @Test
    void ordinaryNoiseIsRarelyFlagged() {
        Random random = new Random(42);
        BurstDetector detector = new BurstDetector();
        int flagged = 0;
        int observations = 5000;
        for (int i = 0; i < observations; i++) {
            if (detector.observe(200 + random.nextGaussian() * 10).burst()) {
                flagged++;
            }
        }
        // A modified z-score above 3.5 is about a 1-in-2000 event for Gaussian noise; a small window widens it.
        assertTrue(flagged < observations / 100, flagged + " of " + observations + " flagged");
    }

    @Test
    void oneEarlierSpikeDoesNotHideTheNext() {
        BurstDetector detector = steady(100, 3);
        assertTrue(detector.observe(400).burst());
        assertTrue(detector.observe(390).burst(), "a mean and standard deviation would have been dragged up");
    }

    @Test
    void nothingIsJudgedBeforeEnoughValues() {
        BurstDetector detector = new BurstDetector(10, 5, 3.5);
        for (double v : new double[] {1, 1, 1, 1}) {
            detector.observe(v);
        }
        BurstDetector.Burst early = detector.observe(1000);
        assertFalse(early.burst());
        assertTrue(Double.isNaN(early.median()));
        assertTrue(detector.observe(1000).burst(), "the fifth value on is judged");
    }

    @Test
    void aWindowWithoutSpreadStillJudges() {
        BurstDetector flat = new BurstDetector(10, 5, 3.5);
        for (int i = 0; i < 10; i++) {
            flat.observe(7);
        }
        assertFalse(flat.assess(7).burst());
        assertTrue(flat.assess(7.5).burst());
        assertEquals(Double.POSITIVE_INFINITY, flat.assess(8).score());

        // Over half the window is one value (MAD = 0), so the mean absolute deviation measures the spread.
        BurstDetector mostlyFlat = new BurstDetector(10, 5, 3.5);
        for (double v : new double[] {10, 10, 10, 10, 10, 10, 12, 8, 11, 9}) {
            mostlyFlat.observe(v);
        }
        assertFalse(mostlyFlat.assess(11).burst());
        assertTrue(mostlyFlat.assess(20).burst());
    }

    @Test
    void aLastingNewLevelBecomesTheUsual() {
        BurstDetector detector = steady(100, 2);
        int flagged = 0;
        for (int i = 0; i < 30; i++) {
            if (detector.observe(300 + (i % 3)).burst()) {
                flagged++;
            }
        }
        assertEquals(BurstDetector.DEFAULT_WINDOW, detector.size());
        assertTrue(flagged > 0 && flagged <= BurstDetector.DEFAULT_WINDOW / 2 + 1, flagged + " flagged");
        assertFalse(detector.observe(301).burst());
    }

    @Test
    void nonsenseSettingsAndValuesAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> new BurstDetector(2, 2, 3.5));
        assertThrows(IllegalArgumentException.class, () -> new BurstDetector(10, 11, 3.5));
        assertThrows(IllegalArgumentException.class, () -> new BurstDetector(10, 5, 0));
        assertThrows(IllegalArgumentException.class, () -> new BurstDetector().observe(Double.NaN));
    }

    private static BurstDetector steady(double level, double noise) {
        BurstDetector detector = new BurstDetector();
        Random random = new Random(11);
        for (int i = 0; i < BurstDetector.DEFAULT_WINDOW; i++) {
            detector.observe(level + random.nextGaussian() * noise);
        }
        return detector;
    }
}

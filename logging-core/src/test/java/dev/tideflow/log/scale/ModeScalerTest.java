package dev.tideflow.log.scale;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

class ModeScalerTest {

    private static final long WINDOW = Duration.ofMillis(100).toNanos();
    private static final long SECOND = Duration.ofSeconds(1).toNanos();

    /** {@code writesPerSecond} over a 100 ms window, {@code contention} of the attempts, given latency and writers. */
    private static WindowSample sample(double writesPerSecond, double contention, long latencyNanos, int writers) {
        long writes = Math.round(writesPerSecond / 10);
        return new WindowSample(WINDOW, writes, writes, Math.round(writes * contention), latencyNanos, writers);
    }

    private static final WindowSample QUIET = sample(50, 0, 1_000, 1);

    @Test
    void eachUpThresholdAloneSwitchesToMpscAfterThreeStableWindows() {
        WindowSample[] triggers = {
            sample(1000, 0, 1_000, 1),
            sample(200, 0.10, 1_000, 1),
            sample(200, 0, 1_000_000, 1),
            sample(200, 0, 1_000, 3)
        };
        for (WindowSample trigger : triggers) {
            ModeScaler scaler = new ModeScaler(ScalerThresholds.DEFAULTS, ProducerMode.SINGLE);
            assertNull(scaler.onWindow(trigger, 0), trigger.toString());
            assertNull(scaler.onWindow(trigger, WINDOW), trigger.toString());
            assertEquals(ProducerMode.MPSC, scaler.onWindow(trigger, 2 * WINDOW), trigger.toString());
        }
    }

    @Test
    void justBelowEveryUpThresholdStaysSingle() {
        ModeScaler scaler = new ModeScaler(ScalerThresholds.DEFAULTS, ProducerMode.SINGLE);
        WindowSample busyButFine = sample(990, 0.09, 999_000, 2);
        for (int i = 0; i < 20; i++) {
            assertNull(scaler.onWindow(busyButFine, i * WINDOW));
        }
    }

    @Test
    void anInterruptedStreakStartsOver() {
        ModeScaler scaler = new ModeScaler(ScalerThresholds.DEFAULTS, ProducerMode.SINGLE);
        WindowSample hot = sample(5000, 0, 1_000, 1);
        assertNull(scaler.onWindow(hot, 0));
        assertNull(scaler.onWindow(hot, WINDOW));
        assertNull(scaler.onWindow(QUIET, 2 * WINDOW));
        assertNull(scaler.onWindow(hot, 3 * WINDOW));
        assertNull(scaler.onWindow(hot, 4 * WINDOW));
        assertEquals(ProducerMode.MPSC, scaler.onWindow(hot, 5 * WINDOW));
    }

    @Test
    void downNeedsEveryConditionAndTheCooldown() {
        ModeScaler scaler = new ModeScaler(ScalerThresholds.DEFAULTS, ProducerMode.MPSC);
        scaler.switched(ProducerMode.MPSC, 0);
        WindowSample[] almostQuiet = {
            sample(150, 0, 1_000, 1),
            new WindowSample(WINDOW, 5, 5, 1, 1_000, 1),
            sample(50, 0, 200_000, 1),
            sample(50, 0, 1_000, 2)
        };
        long t = 0;
        for (WindowSample s : almostQuiet) {
            for (int i = 0; i < 5; i++) {
                t += WINDOW;
                assertNull(scaler.onWindow(s, t), s.toString());
            }
        }
        ModeScaler fresh = new ModeScaler(ScalerThresholds.DEFAULTS, ProducerMode.MPSC);
        fresh.switched(ProducerMode.MPSC, 0);
        assertNull(fresh.onWindow(QUIET, WINDOW));
        assertNull(fresh.onWindow(QUIET, 2 * WINDOW));
        assertNull(fresh.onWindow(QUIET, 3 * WINDOW), "stable, but still inside the 1 s cooldown");
        assertNull(fresh.onWindow(QUIET, SECOND - 1));
        assertEquals(ProducerMode.SINGLE, fresh.onWindow(QUIET, SECOND));
    }

    @Test
    void afterASwitchTheStreakAndCooldownRestart() {
        ModeScaler scaler = new ModeScaler(ScalerThresholds.DEFAULTS, ProducerMode.SINGLE);
        WindowSample hot = sample(5000, 0, 1_000, 4);
        scaler.onWindow(hot, 0);
        scaler.onWindow(hot, WINDOW);
        assertEquals(ProducerMode.MPSC, scaler.onWindow(hot, 2 * WINDOW));
        scaler.switched(ProducerMode.MPSC, 2 * WINDOW);
        assertEquals(ProducerMode.MPSC, scaler.current());
        for (long t = 3 * WINDOW; t < 2 * WINDOW + SECOND; t += WINDOW) {
            assertNull(scaler.onWindow(QUIET, t));
        }
        assertEquals(ProducerMode.SINGLE, scaler.onWindow(QUIET, 2 * WINDOW + SECOND));
    }

    @Test
    void thresholdsAreConfigurable() {
        ScalerThresholds strict = new ScalerThresholds(10, 0.5, Duration.ofSeconds(1), 100, 1, 0.1,
                Duration.ofMillis(1), 1, Duration.ofMillis(10), Duration.ZERO, 1);
        ModeScaler scaler = new ModeScaler(strict, ProducerMode.SINGLE);
        assertEquals(ProducerMode.MPSC, scaler.onWindow(sample(10, 0, 0, 1), 0));
    }

    @Test
    void downThresholdsAboveUpThresholdsAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> new ScalerThresholds(100, 0.1, Duration.ofMillis(1), 3,
                1000, 0.01, Duration.ofNanos(100_000), 1, Duration.ofMillis(100), Duration.ofSeconds(1), 3));
    }
}

package dev.tideflow.log.scale;

import java.time.Duration;
import java.util.Objects;

/**
 * When the scaler moves between {@link ProducerMode}s. Up (to MPSC) when <em>any</em> up-threshold is reached; down
 * (to SINGLE) only when <em>every</em> down-threshold holds. Either way the condition must hold for
 * {@code stableWindows} consecutive windows and {@code cooldown} must have passed since the previous switch.
 *
 * <p>{@code downActiveWriters} is not in the original design: without it, three writers at 30 writes/s each would
 * qualify for SINGLE and immediately for MPSC again (two of them being foreign writers), flapping every cooldown.
 */
public record ScalerThresholds(
        double upWritesPerSecond,
        double upContentionRatio,
        Duration upLatency,
        int upActiveWriters,
        double downWritesPerSecond,
        double downContentionRatio,
        Duration downLatency,
        int downActiveWriters,
        Duration window,
        Duration cooldown,
        int stableWindows) {

    public static final ScalerThresholds DEFAULTS = new ScalerThresholds(
            1000, 0.10, Duration.ofMillis(1), 3,
            100, 0.01, Duration.ofNanos(100_000), 1,
            Duration.ofMillis(100), Duration.ofSeconds(1), 3);

    public ScalerThresholds {
        Objects.requireNonNull(upLatency, "upLatency");
        Objects.requireNonNull(downLatency, "downLatency");
        Objects.requireNonNull(window, "window");
        Objects.requireNonNull(cooldown, "cooldown");
        if (window.isNegative() || window.isZero()) {
            throw new IllegalArgumentException("window must be positive");
        }
        if (cooldown.isNegative()) {
            throw new IllegalArgumentException("cooldown must not be negative");
        }
        if (stableWindows < 1) {
            throw new IllegalArgumentException("stableWindows must be >= 1");
        }
        if (downWritesPerSecond > upWritesPerSecond || downContentionRatio > upContentionRatio
                || downLatency.compareTo(upLatency) > 0 || downActiveWriters >= upActiveWriters) {
            throw new IllegalArgumentException("down thresholds must lie below the up thresholds, or the modes flap");
        }
    }

    public ScalerThresholds withWindow(Duration window, Duration cooldown, int stableWindows) {
        return new ScalerThresholds(upWritesPerSecond, upContentionRatio, upLatency, upActiveWriters,
                downWritesPerSecond, downContentionRatio, downLatency, downActiveWriters, window, cooldown,
                stableWindows);
    }
}

package dev.tideflow.log.scale;

import java.util.Objects;

/**
 * The switching decision, free of threads and clocks so it can be tested window by window. The caller feeds one
 * {@link WindowSample} per window, applies a returned mode, and confirms it with {@link #switched}.
 */
public final class ModeScaler {

    private ScalerThresholds thresholds;
    private long upLatencyNanos;
    private long downLatencyNanos;
    private long cooldownNanos;
    private ProducerMode current;
    private boolean switchedBefore;
    private long lastSwitchNanos;
    private int stableWindows;

    public ModeScaler(ScalerThresholds thresholds, ProducerMode initial) {
        this.current = Objects.requireNonNull(initial, "initial");
        reconfigure(thresholds);
    }

    /**
     * Replaces the thresholds (a live settings change). The current mode, the last switch time and the count of
     * stable windows are kept: the new thresholds apply from the next window, and the cooldown still runs.
     */
    public void reconfigure(ScalerThresholds thresholds) {
        this.thresholds = Objects.requireNonNull(thresholds, "thresholds");
        this.upLatencyNanos = thresholds.upLatency().toNanos();
        this.downLatencyNanos = thresholds.downLatency().toNanos();
        this.cooldownNanos = thresholds.cooldown().toNanos();
    }

    public ScalerThresholds thresholds() {
        return thresholds;
    }

    public ProducerMode current() {
        return current;
    }

    /** The mode to switch to after this window, or {@code null} to stay. */
    public ProducerMode onWindow(WindowSample sample, long nowNanos) {
        boolean wantsOther = current == ProducerMode.SINGLE ? wantsMpsc(sample) : wantsSingle(sample);
        stableWindows = wantsOther ? stableWindows + 1 : 0;
        if (stableWindows < thresholds.stableWindows()) {
            return null;
        }
        if (switchedBefore && nowNanos - lastSwitchNanos < cooldownNanos) {
            return null;
        }
        return current == ProducerMode.SINGLE ? ProducerMode.MPSC : ProducerMode.SINGLE;
    }

    /** Records that the caller applied {@code mode} (by decision or by force) at {@code nowNanos}. */
    public void switched(ProducerMode mode, long nowNanos) {
        current = mode;
        switchedBefore = true;
        lastSwitchNanos = nowNanos;
        stableWindows = 0;
    }

    boolean wantsMpsc(WindowSample s) {
        return s.writesPerSecond() >= thresholds.upWritesPerSecond()
                || s.contentionRatio() >= thresholds.upContentionRatio()
                || s.meanLatencyNanos() >= upLatencyNanos
                || s.activeWriters() >= thresholds.upActiveWriters();
    }

    boolean wantsSingle(WindowSample s) {
        return s.writesPerSecond() <= thresholds.downWritesPerSecond()
                && s.contentionRatio() <= thresholds.downContentionRatio()
                && s.meanLatencyNanos() <= downLatencyNanos
                && s.activeWriters() <= thresholds.downActiveWriters();
    }
}

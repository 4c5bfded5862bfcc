package dev.tideflow.policy.hpa;

/**
 * How far the usage ratio may stray from 1 before the replica count changes: within
 * {@code [1 - scaleDown, 1 + scaleUp]} it stays (HPA's {@code Tolerances.isWithin}).
 */
public record Tolerances(double scaleDown, double scaleUp) {

    public static final double DEFAULT = 0.1;
    public static final Tolerances DEFAULTS = new Tolerances(DEFAULT, DEFAULT);

    public static Tolerances of(double both) {
        return new Tolerances(both, both);
    }

    public boolean isWithin(double usageRatio) {
        return 1.0 - scaleDown <= usageRatio && usageRatio <= 1.0 + scaleUp;
    }
}

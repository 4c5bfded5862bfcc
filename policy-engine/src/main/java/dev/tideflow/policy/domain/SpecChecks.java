package dev.tideflow.policy.domain;

import dev.tideflow.contracts.Violations;
import dev.tideflow.policy.hpa.MetricCombination;

/** The field checks the policy and the simulation requests share, so both word a mistake the same way. */
public final class SpecChecks {

    /** Values beyond this lose precision in HPA's milli-unit arithmetic. */
    public static final double MAX_VALUE = 1e12;
    /** Weights are relative; beyond this a weighted sum of replica counts loses integer precision. */
    public static final double MAX_WEIGHT = 1_000_000;

    private SpecChecks() {
    }

    /** @return whether the value is present and at least {@code least} */
    public static boolean atLeast(Violations check, String field, Integer value, int least, boolean required) {
        if (value == null) {
            if (required) {
                check.add("'" + field + "' is required");
            }
            return false;
        }
        if (value < least) {
            check.add("'" + field + "' must be at least " + least + ", got " + value);
            return false;
        }
        return true;
    }

    public static void tolerance(Violations check, String field, Double tolerance) {
        if (tolerance != null && (!Double.isFinite(tolerance) || tolerance < 0)) {
            check.add("'" + field + "' must be a finite number of at least 0, got " + tolerance);
        }
    }

    /** A metric value or target level: finite, not negative (above 0 if {@code positive}), within HPA's range. */
    public static void value(Violations check, String field, Double value, boolean required, boolean positive) {
        if (value == null) {
            if (required) {
                check.add("'" + field + "' is required");
            }
            return;
        }
        if (!Double.isFinite(value)) {
            check.add("'" + field + "' must be a finite number, got " + value);
        } else if (positive ? value <= 0 : value < 0) {
            check.add("'" + field + "' must be " + (positive ? "above 0" : "at least 0") + ", got "
                    + Numbers.format(value));
        } else if (value > MAX_VALUE) {
            check.add("'" + field + "' must be at most 1e12, got " + Numbers.format(value));
        } else if (positive && Math.round(value * 1000) == 0) {
            check.add("'" + field + "' must be at least 0.001 (HPA computes in thousandths), got "
                    + Numbers.format(value));
        }
    }

    /**
     * The combination named at {@code field}: {@code MAX} when absent, null (with a violation) when unknown, so the
     * caller can skip judging weights it cannot interpret.
     */
    public static MetricCombination combination(Violations check, String field, String name) {
        if (name == null) {
            return MetricCombination.MAX;
        }
        MetricCombination combination = MetricCombination.fromWireName(name).orElse(null);
        if (combination == null) {
            check.add("unknown combination '" + name + "' in '" + field + "' (expected one of "
                    + MetricCombination.NAMES + ")");
        }
        return combination;
    }

    /** A metric's weight: only with a weighted combination, above 0 and at most {@link #MAX_WEIGHT}. */
    public static void weight(Violations check, String field, Double weight, MetricCombination combination) {
        if (weight == null || combination == null) {
            return;
        }
        if (combination != MetricCombination.WEIGHTED) {
            check.add("'" + field + "' applies only with 'combination': 'weighted' (the largest proposal wins "
                    + "otherwise)");
            return;
        }
        if (!Double.isFinite(weight) || weight <= 0 || weight > MAX_WEIGHT) {
            check.add("'" + field + "' must be a number above 0 and at most " + (long) MAX_WEIGHT + ", got "
                    + Numbers.format(weight));
        }
    }
}

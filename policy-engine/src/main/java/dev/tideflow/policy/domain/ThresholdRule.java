package dev.tideflow.policy.domain;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.tideflow.contracts.Violations;

import java.util.List;

/**
 * Steps the replica count by a fixed amount when the compared value leaves a band, inside the band keeps the
 * count; the answer never leaves the policy's range. What is compared, and which side of the band scales up,
 * is the {@code comparison} (the platform policy JSON's):
 * <ul>
 * <li>{@code greater_than} (default): the window's value; above {@code scaleUpThreshold} adds {@code scaleUpBy},
 *     below {@code scaleDownThreshold} removes {@code scaleDownBy};</li>
 * <li>{@code less_than}, for metrics that fall under load (idle CPU, free memory): the window's value; below
 *     {@code scaleUpThreshold} adds, above {@code scaleDownThreshold} removes;</li>
 * <li>{@code percentage_change}: the change in percent from the previous window's value to this window's,
 *     {@code (value − previous) / |previous| × 100}; above {@code scaleUpThreshold} adds, below
 *     {@code scaleDownThreshold} (usually negative) removes.</li>
 * </ul>
 */
@JsonPropertyOrder({"type", "comparison", "scaleUpThreshold", "scaleDownThreshold", "scaleUpBy", "scaleDownBy"})
@JsonIgnoreProperties(value = "type", allowGetters = true)
public record ThresholdRule(Double scaleUpThreshold, Double scaleDownThreshold, Integer scaleUpBy,
        Integer scaleDownBy, @JsonInclude(JsonInclude.Include.NON_NULL) String comparison) implements ScalingRule {

    public static final String TYPE = "threshold";
    public static final int DEFAULT_STEP = 1;
    public static final String GREATER_THAN = "greater_than";
    public static final String LESS_THAN = "less_than";
    public static final String PERCENTAGE_CHANGE = "percentage_change";
    public static final List<String> COMPARISONS = List.of(GREATER_THAN, LESS_THAN, PERCENTAGE_CHANGE);

    public ThresholdRule {
        scaleUpBy = scaleUpBy == null ? DEFAULT_STEP : scaleUpBy;
        scaleDownBy = scaleDownBy == null ? DEFAULT_STEP : scaleDownBy;
    }

    /** A {@code greater_than} rule. */
    public ThresholdRule(Double scaleUpThreshold, Double scaleDownThreshold, Integer scaleUpBy, Integer scaleDownBy) {
        this(scaleUpThreshold, scaleDownThreshold, scaleUpBy, scaleDownBy, null);
    }

    @Override
    @JsonProperty("type")
    public String type() {
        return TYPE;
    }

    public String comparisonOrDefault() {
        return comparison == null ? GREATER_THAN : comparison;
    }

    /** Whether the rule compares the change from the previous window rather than the value. */
    public boolean comparesChange() {
        return PERCENTAGE_CHANGE.equals(comparison);
    }

    @Override
    public void validate(Violations check) {
        validateBand(check, "rule", comparison, scaleUpThreshold, scaleDownThreshold);
        if (scaleUpBy < 1) {
            check.add("'rule.scaleUpBy' must be at least 1, got " + scaleUpBy);
        }
        if (scaleDownBy < 1) {
            check.add("'rule.scaleDownBy' must be at least 1, got " + scaleDownBy);
        }
    }

    /**
     * The comparison and the two thresholds, fields named {@code <prefix>.<field>}: shared with each threshold of
     * a {@link ThresholdsRule}, so both word a mistake the same way.
     */
    static void validateBand(Violations check, String prefix, String comparison, Double scaleUpThreshold,
            Double scaleDownThreshold) {
        boolean known = comparison == null || COMPARISONS.contains(comparison);
        if (!known) {
            check.add("unknown comparison '" + comparison + "' in '" + prefix + ".comparison' (expected one of "
                    + String.join(", ", COMPARISONS) + ")");
        }
        String up = prefix + ".scaleUpThreshold";
        String down = prefix + ".scaleDownThreshold";
        boolean upValid = finite(check, up, scaleUpThreshold);
        boolean downValid = finite(check, down, scaleDownThreshold);
        if (upValid && downValid && known) {
            if (LESS_THAN.equals(comparison)) {
                if (scaleUpThreshold >= scaleDownThreshold) {
                    check.add("'" + up + "' (" + Numbers.format(scaleUpThreshold) + ") must be below '" + down
                            + "' (" + Numbers.format(scaleDownThreshold)
                            + ") for a less_than comparison, which scales up on low values");
                }
            } else if (scaleDownThreshold >= scaleUpThreshold) {
                check.add("'" + down + "' (" + Numbers.format(scaleDownThreshold) + ") must be below '" + up + "' ("
                        + Numbers.format(scaleUpThreshold) + ")");
            }
        }
    }

    /**
     * The replica count this rule asks for, always within {@code [range.min, range.max]}.
     *
     * @param compared the policy's aggregate of the window, or its change in percent for {@code percentage_change}
     * @param current  the replicas the target runs now
     */
    public RuleProposal propose(double compared, int current, ReplicaRange range) {
        String unit = comparesChange() ? " %" : "";
        boolean lessThan = LESS_THAN.equals(comparison);
        String condition;
        int raw;
        int breach = breach(compared);
        if (breach > 0) {
            condition = (lessThan ? "< " : "> ") + "scale-up threshold " + Numbers.format(scaleUpThreshold) + unit;
            raw = (int) Math.min(Integer.MAX_VALUE, (long) current + scaleUpBy);
        } else if (breach < 0) {
            condition = (lessThan ? "> " : "< ") + "scale-down threshold " + Numbers.format(scaleDownThreshold)
                    + unit;
            raw = current - scaleDownBy;
        } else {
            double low = lessThan ? scaleUpThreshold : scaleDownThreshold;
            double high = lessThan ? scaleDownThreshold : scaleUpThreshold;
            condition = "within thresholds [" + Numbers.format(low) + ", " + Numbers.format(high) + "]" + unit;
            raw = current;
        }
        int desired = range.clamp(raw);
        return new RuleProposal(desired, condition, limit(raw, desired, current, range));
    }

    /**
     * What the rule compares for a window of {@code value}: the value itself, or for {@code percentage_change}
     * its change in percent from {@code previous}; null when that change is undefined (no previous value, or 0).
     */
    public Double compared(double value, Double previous) {
        if (!comparesChange()) {
            return value;
        }
        return previous == null || previous == 0 ? null : (value - previous) / Math.abs(previous) * 100;
    }

    /** Keeps the count when there is nothing to compare; only the range can change it. */
    public RuleProposal hold(int current, ReplicaRange range, String condition) {
        int desired = range.clamp(current);
        return new RuleProposal(desired, condition, limit(current, desired, current, range));
    }

    /** Which way {@code compared} leaves the band: +1 toward scaling up, -1 toward scaling down, 0 inside it. */
    public int breach(double compared) {
        if (LESS_THAN.equals(comparison)) {
            return compared < scaleUpThreshold ? 1 : compared > scaleDownThreshold ? -1 : 0;
        }
        return compared > scaleUpThreshold ? 1 : compared < scaleDownThreshold ? -1 : 0;
    }

    /** Which bound turned {@code raw} into {@code desired}, as a {@link RuleProposal#limit()}; null if none. */
    public static String limit(int raw, int desired, int current, ReplicaRange range) {
        if (raw == desired) {
            return null;
        }
        if (!range.contains(current)) {
            return current + " replicas is outside " + range + ", clamped to " + desired;
        }
        return desired == range.max() ? "capped at maxReplicas " + range.max()
                : "floored at minReplicas " + range.min();
    }

    private static boolean finite(Violations check, String field, Double value) {
        if (value == null) {
            check.add("'" + field + "' is required");
            return false;
        }
        if (!Double.isFinite(value)) {
            check.add("'" + field + "' must be a finite number, got " + value);
            return false;
        }
        return true;
    }
}

package dev.tideflow.policy.domain;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.tideflow.contracts.Violations;

/**
 * Steps the replica count by a fixed amount when the value leaves a band: above
 * {@code scaleUpThreshold} adds {@code scaleUpBy}, below {@code scaleDownThreshold} removes
 * {@code scaleDownBy}, inside the band keeps the count. The answer never leaves the policy's range.
 */
@JsonPropertyOrder({"type", "scaleUpThreshold", "scaleDownThreshold", "scaleUpBy", "scaleDownBy"})
@JsonIgnoreProperties(value = "type", allowGetters = true)
public record ThresholdRule(Double scaleUpThreshold, Double scaleDownThreshold, Integer scaleUpBy,
        Integer scaleDownBy) implements ScalingRule {

    public static final String TYPE = "threshold";
    public static final int DEFAULT_STEP = 1;

    public ThresholdRule {
        scaleUpBy = scaleUpBy == null ? DEFAULT_STEP : scaleUpBy;
        scaleDownBy = scaleDownBy == null ? DEFAULT_STEP : scaleDownBy;
    }

    @Override
    @JsonProperty("type")
    public String type() {
        return TYPE;
    }

    @Override
    public void validate(Violations check) {
        boolean up = finite(check, "rule.scaleUpThreshold", scaleUpThreshold);
        boolean down = finite(check, "rule.scaleDownThreshold", scaleDownThreshold);
        if (up && down && scaleDownThreshold >= scaleUpThreshold) {
            check.add("'rule.scaleDownThreshold' (" + Numbers.format(scaleDownThreshold)
                    + ") must be below 'rule.scaleUpThreshold' (" + Numbers.format(scaleUpThreshold) + ")");
        }
        if (scaleUpBy < 1) {
            check.add("'rule.scaleUpBy' must be at least 1, got " + scaleUpBy);
        }
        if (scaleDownBy < 1) {
            check.add("'rule.scaleDownBy' must be at least 1, got " + scaleDownBy);
        }
    }

    /**
     * The replica count this rule asks for, always within {@code [range.min, range.max]}.
     *
     * @param value   the policy's aggregate of the window
     * @param current the replicas the target runs now
     */
    public RuleProposal propose(double value, int current, ReplicaRange range) {
        String condition;
        int raw;
        if (value > scaleUpThreshold) {
            condition = "> scale-up threshold " + Numbers.format(scaleUpThreshold);
            raw = (int) Math.min(Integer.MAX_VALUE, (long) current + scaleUpBy);
        } else if (value < scaleDownThreshold) {
            condition = "< scale-down threshold " + Numbers.format(scaleDownThreshold);
            raw = current - scaleDownBy;
        } else {
            condition = "within thresholds [" + Numbers.format(scaleDownThreshold) + ", "
                    + Numbers.format(scaleUpThreshold) + "]";
            raw = current;
        }
        int desired = range.clamp(raw);
        return new RuleProposal(desired, condition, limit(raw, desired, current, range));
    }

    /** Which way {@code value} leaves the band: +1 above it, -1 below it, 0 inside it. */
    public int breach(double value) {
        return value > scaleUpThreshold ? 1 : value < scaleDownThreshold ? -1 : 0;
    }

    private static String limit(int raw, int desired, int current, ReplicaRange range) {
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

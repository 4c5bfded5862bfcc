package dev.tideflow.policy.domain;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.tideflow.contracts.Violations;
import dev.tideflow.policy.hpa.MetricTarget;
import dev.tideflow.policy.hpa.TargetType;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A metric's target level as users write it, HPA's {@code MetricTarget}: exactly the field matching
 * {@code type} is set (averageUtilization, averageValue or value).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record MetricTargetSpec(String type, Double averageUtilization, Double averageValue, Double value) {

    public static MetricTargetSpec utilization(double percent) {
        return new MetricTargetSpec(TargetType.UTILIZATION.wireName(), percent, null, null);
    }

    public static MetricTargetSpec averageValue(double value) {
        return new MetricTargetSpec(TargetType.AVERAGE_VALUE.wireName(), null, value, null);
    }

    public static MetricTargetSpec value(double value) {
        return new MetricTargetSpec(TargetType.VALUE.wireName(), null, null, value);
    }

    /**
     * Adds every mistake of this target to {@code check}, fields named {@code <field>.target.<name>}.
     *
     * @param field the metric's field, e.g. {@code metrics[0]}
     * @return the target's type when it is known, whether or not its level is valid
     */
    public Optional<TargetType> validate(Violations check, String field) {
        String typeField = field + ".target.type";
        if (type == null) {
            check.add("'" + typeField + "' is required (one of " + TargetType.NAMES + ")");
            return Optional.empty();
        }
        Optional<TargetType> known = TargetType.fromWireName(type);
        if (known.isEmpty()) {
            check.add("unknown target type '" + type + "' in '" + typeField + "' (expected one of "
                    + TargetType.NAMES + ")");
            return known;
        }
        switch (known.get()) {
            case UTILIZATION -> {
                String f = field + ".target.averageUtilization";
                if (averageUtilization == null) {
                    check.add("'" + f + "' is required for a Utilization target");
                } else if (!Double.isFinite(averageUtilization) || averageUtilization < 1
                        || averageUtilization != Math.rint(averageUtilization)
                        || averageUtilization > Integer.MAX_VALUE) {
                    check.add("'" + f + "' must be a whole number of percent above 0, got "
                            + Numbers.format(averageUtilization));
                }
                only(check, field, "averageUtilization");
            }
            case AVERAGE_VALUE -> {
                SpecChecks.value(check, field + ".target.averageValue", averageValue, true, true);
                only(check, field, "averageValue");
            }
            case VALUE -> {
                SpecChecks.value(check, field + ".target.value", value, true, true);
                only(check, field, "value");
            }
        }
        return known;
    }

    /** The calculation's target; call on a validated spec only. */
    public MetricTarget toTarget() {
        return switch (TargetType.fromWireName(type).orElseThrow()) {
            case UTILIZATION -> MetricTarget.utilization(averageUtilization.intValue());
            case AVERAGE_VALUE -> MetricTarget.averageValue(averageValue);
            case VALUE -> MetricTarget.value(value);
        };
    }

    /** A target sets the one field of its type; another one set is a mistake worth naming. */
    private void only(Violations check, String field, String expected) {
        List<String> others = new ArrayList<>();
        if (averageUtilization != null && !expected.equals("averageUtilization")) {
            others.add("averageUtilization");
        }
        if (averageValue != null && !expected.equals("averageValue")) {
            others.add("averageValue");
        }
        if (value != null && !expected.equals("value")) {
            others.add("value");
        }
        for (String other : others) {
            check.add("'" + field + ".target." + other + "' does not apply to a " + type
                    + " target (it takes '" + expected + "')");
        }
    }
}

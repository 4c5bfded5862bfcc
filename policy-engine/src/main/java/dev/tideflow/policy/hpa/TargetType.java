package dev.tideflow.policy.hpa;

import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;

/** What a metric's target means, as in HPA's {@code MetricTarget.type}. */
public enum TargetType {

    /** The average of value / request × 100 over the instances, in whole percent. */
    UTILIZATION("Utilization"),
    /** The average value per instance (or a total divided by the replica count). */
    AVERAGE_VALUE("AverageValue"),
    /** The metric's total over the whole target. */
    VALUE("Value");

    /** The names users write: {@code Utilization, AverageValue, Value}. */
    public static final String NAMES = Arrays.stream(values()).map(TargetType::wireName)
            .collect(Collectors.joining(", "));

    private final String wireName;

    TargetType(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    public static Optional<TargetType> fromWireName(String name) {
        return Arrays.stream(values()).filter(t -> t.wireName.equals(name)).findFirst();
    }
}

package dev.tideflow.policy.hpa;

import java.util.Arrays;
import java.util.Optional;

/** How the valid proposals of several metrics become one recommendation. */
public enum MetricCombination {

    /** The largest proposal, as HPA and KEDA combine metrics. */
    MAX("max"),
    /** {@code ceil(Σ weight × proposal / Σ weight)} over the valid proposals. */
    WEIGHTED("weighted");

    public static final String NAMES = "max, weighted";

    private final String wireName;

    MetricCombination(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    public static Optional<MetricCombination> fromWireName(String name) {
        return Arrays.stream(values()).filter(c -> c.wireName.equals(name)).findFirst();
    }
}

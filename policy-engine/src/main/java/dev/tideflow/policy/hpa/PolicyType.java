package dev.tideflow.policy.hpa;

import java.util.Arrays;
import java.util.Optional;

/** How a scaling policy measures the change it allows in its period. */
public enum PolicyType {
    PODS("Pods"), PERCENT("Percent");

    private final String wireName;

    PolicyType(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    public static Optional<PolicyType> fromWireName(String name) {
        return Arrays.stream(values()).filter(t -> t.wireName.equals(name)).findFirst();
    }
}

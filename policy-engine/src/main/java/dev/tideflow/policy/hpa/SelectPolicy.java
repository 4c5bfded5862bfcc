package dev.tideflow.policy.hpa;

import java.util.Arrays;
import java.util.Optional;

/** Which of several policies wins: the one allowing the biggest change, the smallest, or none (no scaling). */
public enum SelectPolicy {
    MAX("Max"), MIN("Min"), DISABLED("Disabled");

    private final String wireName;

    SelectPolicy(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    public static Optional<SelectPolicy> fromWireName(String name) {
        return Arrays.stream(values()).filter(t -> t.wireName.equals(name)).findFirst();
    }
}

package dev.tideflow.policy.domain;

import com.fasterxml.jackson.annotation.JsonValue;
import dev.tideflow.contracts.MetricWindow;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/** Which aggregate of a metric window a policy compares with its rule. */
public enum Aggregation {
    AVG, MIN, MAX, SUM, COUNT;

    /** The names users write: {@code avg, min, max, sum, count}. */
    public static final String NAMES = Arrays.stream(values()).map(Aggregation::wireName)
            .collect(Collectors.joining(", "));

    @JsonValue
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<Aggregation> fromWireName(String name) {
        return Arrays.stream(values()).filter(a -> a.wireName().equals(name)).findFirst();
    }

    public double of(MetricWindow window) {
        return window.aggregate(wireName());
    }
}

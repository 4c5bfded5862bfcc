package dev.tideflow.policy.vertical;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** How a policy scales its target: replicas, CPU/memory requests, or requests first and then replicas. */
public enum ScalingMode {
    /** Replicas only, as HPA. */
    HORIZONTAL("horizontal"),
    /** Requests only, between bounds, a step at a time; the replica count is left alone. */
    VERTICAL("vertical"),
    /** Requests while they can move in the direction the load asks, replicas once a bound is reached. */
    MIXED("mixed");

    public static final List<String> NAMES = Arrays.stream(values()).map(ScalingMode::wireName).toList();

    private final String wireName;

    ScalingMode(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    public static Optional<ScalingMode> fromWireName(String name) {
        return Arrays.stream(values()).filter(m -> m.wireName.equals(name)).findFirst();
    }
}

package dev.tideflow.policy.domain;

/**
 * A policy as a user writes it, for create and replace. Absent optional fields take their defaults
 * ({@link #aggregationOrDefault()}, …); {@link dev.tideflow.policy.service.PolicyValidator} lists
 * everything wrong with it at once.
 *
 * @param target "namespace/name" of the workload the policy scales
 * @param metric the metric name in the windows the collector publishes
 */
public record PolicySpec(String name, String target, String metric, String aggregation, ScalingRule rule,
        Integer minReplicas, Integer maxReplicas, Integer cooldownSeconds, Boolean enabled, Boolean dryRun) {

    public static final Aggregation DEFAULT_AGGREGATION = Aggregation.AVG;
    public static final int DEFAULT_COOLDOWN_SECONDS = 60;

    public Aggregation aggregationOrDefault() {
        return aggregation == null ? DEFAULT_AGGREGATION : Aggregation.fromWireName(aggregation)
                .orElseThrow(() -> new IllegalStateException("validate the spec first: aggregation " + aggregation));
    }

    public int cooldownSecondsOrDefault() {
        return cooldownSeconds == null ? DEFAULT_COOLDOWN_SECONDS : cooldownSeconds;
    }

    public boolean enabledOrDefault() {
        return enabled == null || enabled;
    }

    public boolean dryRunOrDefault() {
        return dryRun != null && dryRun;
    }
}

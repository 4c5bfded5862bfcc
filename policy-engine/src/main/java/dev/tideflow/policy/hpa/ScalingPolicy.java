package dev.tideflow.policy.hpa;

/** At most {@code value} pods (or percent of the replicas at the period's start) per {@code periodSeconds}. */
public record ScalingPolicy(PolicyType type, int value, int periodSeconds) {

    public static ScalingPolicy pods(int value, int periodSeconds) {
        return new ScalingPolicy(PolicyType.PODS, value, periodSeconds);
    }

    public static ScalingPolicy percent(int value, int periodSeconds) {
        return new ScalingPolicy(PolicyType.PERCENT, value, periodSeconds);
    }
}

package dev.tideflow.policy.domain;

/** One rate policy of a behavior direction as users write it: HPA's {@code HPAScalingPolicy}. */
public record ScalingPolicySpec(String type, Integer value, Integer periodSeconds) {
}

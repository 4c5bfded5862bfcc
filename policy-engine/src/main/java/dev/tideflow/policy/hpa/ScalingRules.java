package dev.tideflow.policy.hpa;

import java.util.List;

/**
 * HPA's {@code HPAScalingRules} for one direction.
 *
 * @param stabilizationWindowSeconds how far back recommendations are considered
 * @param tolerance                  this direction's tolerance; null to use the metric calculation's default
 */
public record ScalingRules(int stabilizationWindowSeconds, SelectPolicy selectPolicy, List<ScalingPolicy> policies,
        Double tolerance) {

    public ScalingRules {
        policies = List.copyOf(policies);
    }

    /** HPA's default scale-up: no stabilization, the larger of +100 % and +4 pods every 15 s. */
    public static ScalingRules defaultScaleUp() {
        return new ScalingRules(0, SelectPolicy.MAX,
                List.of(ScalingPolicy.percent(100, 15), ScalingPolicy.pods(4, 15)), null);
    }

    /** HPA's default scale-down: a 300 s stabilization window, then down to any count (100 % per 15 s). */
    public static ScalingRules defaultScaleDown() {
        return new ScalingRules(300, SelectPolicy.MAX, List.of(ScalingPolicy.percent(100, 15)), null);
    }

    public int longestPeriodSeconds() {
        return policies.stream().mapToInt(ScalingPolicy::periodSeconds).max().orElse(0);
    }
}

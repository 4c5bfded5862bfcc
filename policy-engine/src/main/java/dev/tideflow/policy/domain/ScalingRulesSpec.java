package dev.tideflow.policy.domain;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.List;

/** One direction of a behavior as users write it: HPA's {@code HPAScalingRules}; absent fields take HPA's defaults. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ScalingRulesSpec(Integer stabilizationWindowSeconds, String selectPolicy,
        List<ScalingPolicySpec> policies, Double tolerance) {
}

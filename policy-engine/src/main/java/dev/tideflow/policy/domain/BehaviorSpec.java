package dev.tideflow.policy.domain;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.tideflow.contracts.Violations;
import dev.tideflow.policy.hpa.Behavior;
import dev.tideflow.policy.hpa.PolicyType;
import dev.tideflow.policy.hpa.ScalingPolicy;
import dev.tideflow.policy.hpa.ScalingRules;
import dev.tideflow.policy.hpa.SelectPolicy;

import java.util.List;

/**
 * HPA's {@code behavior} as users write it, in a policy and in a simulation request alike. Absent directions and
 * fields take HPA's defaults, as the Kubernetes API server fills them in.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record BehaviorSpec(ScalingRulesSpec scaleUp, ScalingRulesSpec scaleDown) {

    /** HPA's limits: a stabilization window up to one hour, a policy period up to 30 minutes. */
    public static final int MAX_WINDOW_SECONDS = 3600;
    public static final int MAX_PERIOD_SECONDS = 1800;

    /** Adds every mistake to {@code check}, naming each field {@code <field>.scaleUp.…} or {@code .scaleDown.…}. */
    public void validate(Violations check, String field) {
        rules(check, field + ".scaleUp", scaleUp);
        rules(check, field + ".scaleDown", scaleDown);
    }

    /** The behavior to normalize with; HPA's defaults when {@code spec} is null. Call on a validated spec only. */
    public static Behavior toBehavior(BehaviorSpec spec) {
        if (spec == null) {
            return Behavior.DEFAULTS;
        }
        return new Behavior(rules(spec.scaleUp, ScalingRules.defaultScaleUp()),
                rules(spec.scaleDown, ScalingRules.defaultScaleDown()));
    }

    private static ScalingRules rules(ScalingRulesSpec rules, ScalingRules defaults) {
        if (rules == null) {
            return defaults;
        }
        List<ScalingPolicy> policies = rules.policies() == null ? defaults.policies()
                : rules.policies().stream().map(p -> new ScalingPolicy(PolicyType.fromWireName(p.type()).orElseThrow(),
                        p.value(), p.periodSeconds())).toList();
        return new ScalingRules(
                rules.stabilizationWindowSeconds() == null ? defaults.stabilizationWindowSeconds()
                        : rules.stabilizationWindowSeconds(),
                rules.selectPolicy() == null ? defaults.selectPolicy()
                        : SelectPolicy.fromWireName(rules.selectPolicy()).orElseThrow(),
                policies, rules.tolerance());
    }

    private static void rules(Violations check, String field, ScalingRulesSpec rules) {
        if (rules == null) {
            return;
        }
        Integer window = rules.stabilizationWindowSeconds();
        if (window != null && (window < 0 || window > MAX_WINDOW_SECONDS)) {
            check.add("'" + field + ".stabilizationWindowSeconds' must be between 0 and " + MAX_WINDOW_SECONDS
                    + ", got " + window);
        }
        if (rules.selectPolicy() != null && SelectPolicy.fromWireName(rules.selectPolicy()).isEmpty()) {
            check.add("unknown selectPolicy '" + rules.selectPolicy() + "' in '" + field
                    + ".selectPolicy' (expected one of Max, Min, Disabled)");
        }
        SpecChecks.tolerance(check, field + ".tolerance", rules.tolerance());
        if (rules.policies() == null) {
            return;
        }
        if (rules.policies().isEmpty()) {
            check.add("'" + field + ".policies' must list at least one policy when given");
        }
        for (int i = 0; i < rules.policies().size(); i++) {
            String f = field + ".policies[" + i + "]";
            ScalingPolicySpec policy = rules.policies().get(i);
            if (policy == null) {
                check.add("'" + f + "' must not be null");
                continue;
            }
            if (policy.type() == null) {
                check.add("'" + f + ".type' is required (one of Pods, Percent)");
            } else if (PolicyType.fromWireName(policy.type()).isEmpty()) {
                check.add("unknown policy type '" + policy.type() + "' in '" + f + ".type' (expected one of Pods, "
                        + "Percent)");
            }
            String kind = policy.type() == null ? "a" : "a " + policy.type();
            if (policy.value() == null) {
                check.add("'" + f + ".value' is required");
            } else if (policy.value() <= 0) {
                check.add("'" + f + ".value' must be above 0 for " + kind + " policy, got " + policy.value());
            }
            if (policy.periodSeconds() == null) {
                check.add("'" + f + ".periodSeconds' is required");
            } else if (policy.periodSeconds() < 1 || policy.periodSeconds() > MAX_PERIOD_SECONDS) {
                check.add("'" + f + ".periodSeconds' must be between 1 and " + MAX_PERIOD_SECONDS + ", got "
                        + policy.periodSeconds());
            }
        }
    }
}

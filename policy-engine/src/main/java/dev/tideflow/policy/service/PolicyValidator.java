package dev.tideflow.policy.service;

import dev.tideflow.contracts.Violations;
import dev.tideflow.policy.domain.Aggregation;
import dev.tideflow.policy.domain.PolicySpec;

import java.util.List;

/**
 * Every rule a policy must keep, checked together so that one answer lists every mistake. Bean
 * Validation annotations cannot express the cross-field rules and the rule-type dispatch in one pass.
 */
public final class PolicyValidator {

    public static final int MAX_NAME_LENGTH = 128;

    public List<String> validate(PolicySpec spec) {
        Violations check = new Violations();
        if (spec == null) {
            return check.add("a policy is required in the request body").list();
        }
        check.text("name", spec.name(), MAX_NAME_LENGTH, true);
        check.target("target", spec.target());
        check.metricName("metric", spec.metric());
        if (spec.aggregation() != null && Aggregation.fromWireName(spec.aggregation()).isEmpty()) {
            check.add("unknown aggregation '" + spec.aggregation() + "' (expected one of " + Aggregation.NAMES + ")");
        }
        if (check.required("rule", spec.rule())) {
            spec.rule().validate(check);
        }
        boolean min = atLeast(check, "minReplicas", spec.minReplicas(), 0, true);
        boolean max = atLeast(check, "maxReplicas", spec.maxReplicas(), 1, true);
        if (min && max && spec.minReplicas() > spec.maxReplicas()) {
            check.add("'minReplicas' (" + spec.minReplicas() + ") must not exceed 'maxReplicas' ("
                    + spec.maxReplicas() + ")");
        }
        atLeast(check, "cooldownSeconds", spec.cooldownSeconds(), 0, false);
        return check.list();
    }

    private static boolean atLeast(Violations check, String field, Integer value, int least, boolean required) {
        if (value == null) {
            if (required) {
                check.add("'" + field + "' is required");
            }
            return false;
        }
        if (value < least) {
            check.add("'" + field + "' must be at least " + least + ", got " + value);
            return false;
        }
        return true;
    }
}

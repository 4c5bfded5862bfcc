package dev.tideflow.policy.service;

import dev.tideflow.policy.domain.PolicySpec;
import dev.tideflow.policy.domain.ThresholdRule;
import dev.tideflow.policy.domain.UnknownRule;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PolicyValidatorTest {

    private final PolicyValidator validator = new PolicyValidator();

    @Test
    void aCompletePolicyIsValid() {
        assertEquals(List.of(), validator.validate(new PolicySpec("web-cpu", "shop/web", "cpu", "max",
                new ThresholdRule(80.0, 30.0, 1, 1), 0, 1, 0, true, false)));
    }

    @Test
    void optionalFieldsMayBeLeftOut() {
        assertEquals(List.of(), validator.validate(new PolicySpec("web-cpu", "shop/web", "cpu", null,
                new ThresholdRule(80.0, 30.0, null, null), 1, 3, null, null, null)));
    }

    @Test
    void everyViolationIsListed() {
        List<String> errors = validator.validate(new PolicySpec(" ", "Shop/Web", "9cpu", "median",
                new ThresholdRule(30.0, 80.0, 0, 0), -1, 0, -5, null, null));

        assertEquals(List.of(
                "'name' must not be blank",
                "'target' must be namespace/name in lower case (DNS-1123), got 'Shop/Web'",
                "'metric' must start with a letter or '_' and use only letters, digits and _ . : / -",
                "unknown aggregation 'median' (expected one of avg, min, max, sum, count)",
                "'rule.scaleDownThreshold' (80) must be below 'rule.scaleUpThreshold' (30)",
                "'rule.scaleUpBy' must be at least 1, got 0",
                "'rule.scaleDownBy' must be at least 1, got 0",
                "'minReplicas' must be at least 0, got -1",
                "'maxReplicas' must be at least 1, got 0",
                "'cooldownSeconds' must be at least 0, got -5"), errors);
    }

    @Test
    void minReplicasMustNotExceedMaxReplicas() {
        List<String> errors = validator.validate(new PolicySpec("web-cpu", "shop/web", "cpu", null,
                new ThresholdRule(80.0, 30.0, 1, 1), 5, 3, null, null, null));

        assertEquals(List.of("'minReplicas' (5) must not exceed 'maxReplicas' (3)"), errors);
    }

    @Test
    void anUnknownRuleTypeIsReportedWithTheOtherMistakes() {
        List<String> errors = validator.validate(new PolicySpec("web-cpu", "shop/web", "cpu", null,
                new UnknownRule("magic"), null, 3, null, null, null));

        assertEquals(List.of("unknown rule type 'magic' (known types: threshold)", "'minReplicas' is required"),
                errors);
    }

    @Test
    void requiredFieldsAndAMissingBodyAreReported() {
        List<String> errors = validator.validate(new PolicySpec(null, null, null, null, null, null, null, null,
                null, null));

        assertTrue(errors.containsAll(List.of("'name' is required", "'target' is required", "'metric' is required",
                "'rule' is required", "'minReplicas' is required", "'maxReplicas' is required")), errors.toString());
        assertEquals(List.of("a policy is required in the request body"), validator.validate(null));
    }
}

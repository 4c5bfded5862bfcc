package dev.tideflow.policy.service;

import dev.tideflow.policy.domain.BehaviorSpec;
import dev.tideflow.policy.domain.MetricTargetSpec;
import dev.tideflow.policy.domain.PolicySpec;
import dev.tideflow.policy.domain.ScalingPolicySpec;
import dev.tideflow.policy.domain.ScalingRulesSpec;
import dev.tideflow.policy.domain.ScheduleSpec;
import dev.tideflow.policy.domain.TargetTrackingRule;
import dev.tideflow.policy.domain.ThresholdRule;
import dev.tideflow.policy.domain.ThresholdsRule;
import dev.tideflow.policy.domain.UnknownRule;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PolicyValidatorTest {

    private final PolicyValidator validator = new PolicyValidator();

    @Test
    void aCompletePolicyIsValid() {
        assertEquals(List.of(), validator.validate(new PolicySpec("web-cpu", "shop/web", "cpu", "max",
                new ThresholdRule(80.0, 30.0, 1, 1), 0, 1, 0, true, false, null, null, null)));
    }

    @Test
    void optionalFieldsMayBeLeftOut() {
        assertEquals(List.of(), validator.validate(new PolicySpec("web-cpu", "shop/web", "cpu", null,
                new ThresholdRule(80.0, 30.0, null, null), 1, 3, null, null, null, null, null, null)));
    }

    @Test
    void everyViolationIsListed() {
        List<String> errors = validator.validate(new PolicySpec(" ", "Shop/Web", "9cpu", "median",
                new ThresholdRule(30.0, 80.0, 0, 0), -1, 0, -5, null, null, null, null, null));

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
    void aThresholdsPolicyNamesItsMetricsInTheRuleAndIsPacedLikeAThresholdOne() {
        ThresholdsRule rule = new ThresholdsRule(List.of(
                new ThresholdsRule.Threshold("cpu", null, null, 80.0, 30.0, null),
                new ThresholdsRule.Threshold("latency", "max", null, 500.0, 100.0, null)), null, null, null);
        assertEquals(List.of(), validator.validate(new PolicySpec("web", "shop/web", null, null, rule, 1, 5, 0, null,
                null, null, 3, null)));

        List<String> errors = validator.validate(new PolicySpec("web", "shop/web", "cpu", "avg", rule, 1, 5, -1,
                null, null, new BehaviorSpec(null, null), 0, null));

        assertEquals(List.of(
                "'metric' does not apply to a thresholds rule; name the metrics in 'rule.thresholds[].metric'",
                "'aggregation' does not apply to a thresholds rule; set each threshold's "
                        + "'rule.thresholds[].aggregation'",
                "'behavior' applies to targetTracking rules only; a thresholds rule is paced by 'cooldownSeconds' "
                        + "and 'evaluationPeriods'",
                "'cooldownSeconds' must be at least 0, got -1",
                "'evaluationPeriods' must be at least 1, got 0"), errors);
    }

    @Test
    void minReplicasMustNotExceedMaxReplicas() {
        List<String> errors = validator.validate(new PolicySpec("web-cpu", "shop/web", "cpu", null,
                new ThresholdRule(80.0, 30.0, 1, 1), 5, 3, null, null, null, null, null, null));

        assertEquals(List.of("'minReplicas' (5) must not exceed 'maxReplicas' (3)"), errors);
    }

    @Test
    void anUnknownRuleTypeIsReportedWithTheOtherMistakes() {
        List<String> errors = validator.validate(new PolicySpec("web-cpu", "shop/web", "cpu", null,
                new UnknownRule("magic"), null, 3, null, null, null, null, null, null));

        assertEquals(List.of("unknown rule type 'magic' (known types: threshold, thresholds, targetTracking)",
                "'minReplicas' is required"),
                errors);
    }

    @Test
    void requiredFieldsAndAMissingBodyAreReported() {
        List<String> errors = validator.validate(new PolicySpec(null, null, null, null, null, null, null, null,
                null, null, null, null, null));

        assertTrue(errors.containsAll(List.of("'name' is required", "'target' is required", "'metric' is required",
                "'rule' is required", "'minReplicas' is required", "'maxReplicas' is required")), errors.toString());
        assertEquals(List.of("a policy is required in the request body"), validator.validate(null));
    }

    @Test
    void aTargetTrackingPolicyWithBehaviorIsValid() {
        PolicySpec spec = new PolicySpec("web-tracking", "shop/web", null, null,
                new TargetTrackingRule(List.of(new TargetTrackingRule.Metric("cpu", MetricTargetSpec.utilization(60)),
                        new TargetTrackingRule.Metric("rps", MetricTargetSpec.averageValue(100))), 0.05),
                1, 10, null, null, null,
                new BehaviorSpec(new ScalingRulesSpec(0, "Max", List.of(new ScalingPolicySpec("Pods", 4, 60)), null),
                        new ScalingRulesSpec(300, null, null, null)), null, null);

        assertEquals(List.of(), validator.validate(spec));
    }

    @Test
    void everyInconsistentTargetTrackingFieldIsNamedAsTheSimulationNamesIt() {
        PolicySpec spec = new PolicySpec("web-tracking", "shop/web", "cpu", "avg",
                new TargetTrackingRule(List.of(
                        new TargetTrackingRule.Metric("cpu", new MetricTargetSpec("Utilization", 0.0, 5.0, null)),
                        new TargetTrackingRule.Metric("cpu", new MetricTargetSpec("Requests", null, null, null)),
                        new TargetTrackingRule.Metric("rps", null)), -1.0),
                1, 10, 30, null, null,
                new BehaviorSpec(new ScalingRulesSpec(4000, "Fastest", List.of(new ScalingPolicySpec("Nodes", 0, 0)),
                        null), null), 3, null);

        assertEquals(List.of(
                "'metric' does not apply to a targetTracking rule; name the metrics in 'rule.metrics'",
                "'aggregation' does not apply to a targetTracking rule; each metric's target type says which aggregate"
                        + " of the window is read (Utilization and AverageValue: avg, Value: sum)",
                "'cooldownSeconds' does not apply to a targetTracking rule; use "
                        + "'behavior.scaleUp/scaleDown.stabilizationWindowSeconds' and rate 'policies'",
                "'evaluationPeriods' applies to threshold rules only; a targetTracking rule is held back by "
                        + "'behavior.scaleDown.stabilizationWindowSeconds'",
                "'behavior.scaleUp.stabilizationWindowSeconds' must be between 0 and 3600, got 4000",
                "unknown selectPolicy 'Fastest' in 'behavior.scaleUp.selectPolicy' (expected one of Max, Min, "
                        + "Disabled)",
                "unknown policy type 'Nodes' in 'behavior.scaleUp.policies[0].type' (expected one of Pods, Percent)",
                "'behavior.scaleUp.policies[0].value' must be above 0 for a Nodes policy, got 0",
                "'behavior.scaleUp.policies[0].periodSeconds' must be between 1 and 1800, got 0",
                "'rule.tolerance' must be a finite number of at least 0, got -1.0",
                "'rule.metrics[0].target.averageUtilization' must be a whole number of percent above 0, got 0",
                "'rule.metrics[0].target.averageValue' does not apply to a Utilization target (it takes "
                        + "'averageUtilization')",
                "'rule.metrics[1].name' repeats the metric 'cpu'",
                "unknown target type 'Requests' in 'rule.metrics[1].target.type' (expected one of Utilization, "
                        + "AverageValue, Value)",
                "'rule.metrics[2].target' is required"), validator.validate(spec));
    }

    @Test
    void weightsNeedAWeightedCombinationAndAWeightAboveZero() {
        PolicySpec unknown = trackingSpec(new TargetTrackingRule(List.of(
                new TargetTrackingRule.Metric("cpu", MetricTargetSpec.utilization(60), 2.0)), null, "average"));
        PolicySpec maxWithWeight = trackingSpec(new TargetTrackingRule(List.of(
                new TargetTrackingRule.Metric("cpu", MetricTargetSpec.utilization(60), 2.0)), null, null));
        PolicySpec badWeights = trackingSpec(new TargetTrackingRule(List.of(
                new TargetTrackingRule.Metric("cpu", MetricTargetSpec.utilization(60), 0.0),
                new TargetTrackingRule.Metric("rps", MetricTargetSpec.averageValue(100), 2e6),
                new TargetTrackingRule.Metric("queue", MetricTargetSpec.value(10))), null, "weighted"));

        assertEquals(List.of("unknown combination 'average' in 'rule.combination' (expected one of max, weighted)"),
                validator.validate(unknown));
        assertEquals(List.of("'rule.metrics[0].weight' applies only with 'combination': 'weighted' (the largest "
                + "proposal wins otherwise)"), validator.validate(maxWithWeight));
        assertEquals(List.of("'rule.metrics[0].weight' must be a number above 0 and at most 1000000, got 0",
                "'rule.metrics[1].weight' must be a number above 0 and at most 1000000, got 2000000"),
                validator.validate(badWeights));
    }

    private static PolicySpec trackingSpec(TargetTrackingRule rule) {
        return new PolicySpec("web-tracking", "shop/web", null, null, rule, 1, 10, null, null, null, null, null,
                null);
    }

    @Test
    void aThresholdPolicyTakesNoBehaviorAndAtLeastOneEvaluationPeriod() {
        PolicySpec spec = new PolicySpec("web-cpu", "shop/web", "cpu", null, new ThresholdRule(80.0, 30.0, 1, 1), 1,
                3, null, null, null, new BehaviorSpec(null, null), 0, null);

        assertEquals(List.of("'behavior' applies to targetTracking rules only; a threshold rule is paced by "
                + "'cooldownSeconds' and 'evaluationPeriods'", "'evaluationPeriods' must be at least 1, got 0"),
                validator.validate(spec));
    }

    @Test
    void aPolicyWithSchedulesIsValid() {
        PolicySpec spec = new PolicySpec("web-cpu", "shop/web", "cpu", null, new ThresholdRule(80.0, 30.0, 1, 1), 2,
                20, null, null, null, null, null, List.of(
                        new ScheduleSpec("business", "0 8 * * MON-FRI", "Europe/Berlin", null, null, 600, 6, null,
                                null),
                        new ScheduleSpec("sale", "*/30 * * * *", null, "2026-11-27T00:00:00Z",
                                "2026-11-28T00:00:00Z", 30, null, 20, 12)));

        assertEquals(List.of(), validator.validate(spec));
    }

    @Test
    void everyInconsistentScheduleFieldIsNamed() {
        PolicySpec spec = new PolicySpec("web-cpu", "shop/web", "cpu", null, new ThresholdRule(80.0, 30.0, 1, 1), 2,
                20, null, null, null, null, null, Arrays.asList(
                        new ScheduleSpec("peak", "0 25 * * *", "Mars/Olympus", "yesterday", null, 0, 8, 4, 9),
                        new ScheduleSpec("peak", "0 8 * *", "CET", "2026-02-01T00:00:00Z", "2026-01-01T00:00:00Z",
                                20000, 1, 30, null),
                        new ScheduleSpec(null, null, null, null, null, null, null, null, null),
                        null));

        assertEquals(List.of(
                "'schedules[0].cron' is not a 5-field cron expression (minute hour day-of-month month day-of-week): "
                        + "hour field '25': '25' is outside 0-23 or runs backwards, got '0 25 * * *'",
                "'schedules[0].timeZone' is not an IANA time zone (such as Europe/Berlin or UTC), got 'Mars/Olympus'",
                "'schedules[0].start' must be an ISO-8601 instant such as 2026-12-24T18:00:00Z, got 'yesterday'",
                "'schedules[0].durationMinutes' must be at least 1, got 0",
                "'schedules[0].minReplicas' (8) must not exceed 'schedules[0].maxReplicas' (4)",
                "'schedules[0].desiredReplicas' (9) must not exceed 'schedules[0].maxReplicas' (4)",
                "'schedules[1].cron' is not a 5-field cron expression (minute hour day-of-month month day-of-week): "
                        + "expected 5 fields (minute hour day-of-month month day-of-week), got 4, got '0 8 * *'",
                "'schedules[1].timeZone' must be an IANA time zone such as Europe/Berlin or UTC, not an offset or "
                        + "abbreviation (CET), got 'CET'",
                "'schedules[1].start' (2026-02-01T00:00:00Z) must be before 'schedules[1].end' (2026-01-01T00:00:00Z)",
                "'schedules[1].durationMinutes' must be at most 10080 (a week; bound longer periods with start and "
                        + "end), got 20000",
                "'schedules[1].minReplicas' (1) must lie within the policy's 'minReplicas' and 'maxReplicas' [2, 20]: "
                        + "a schedule narrows the policy's range",
                "'schedules[1].maxReplicas' (30) must lie within the policy's 'minReplicas' and 'maxReplicas' "
                        + "[2, 20]: a schedule narrows the policy's range",
                "'schedules[1].name' repeats the schedule 'peak'",
                "'schedules[2].name' is required",
                "'schedules[2].cron' is required",
                "'schedules[2].durationMinutes' is required",
                "'schedules[2]' must set at least one of 'minReplicas', 'maxReplicas' and 'desiredReplicas'",
                "'schedules[3]' must not be null"), validator.validate(spec));
    }
}

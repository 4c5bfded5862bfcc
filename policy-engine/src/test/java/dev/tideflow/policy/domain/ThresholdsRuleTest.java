package dev.tideflow.policy.domain;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tideflow.contracts.Violations;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

class ThresholdsRuleTest {

    @Test
    void readsFromJsonAsItsOwnType() throws Exception {
        ScalingRule rule = new ObjectMapper().readValue("""
                {"type": "thresholds", "combination": "weighted", "scaleUpBy": 2,
                 "thresholds": [{"metric": "cpu", "scaleUpThreshold": 80, "scaleDownThreshold": 30, "weight": 2},
                                {"metric": "free", "aggregation": "min", "comparison": "less_than",
                                 "scaleUpThreshold": 10, "scaleDownThreshold": 50}]}""", ScalingRule.class);

        ThresholdsRule thresholds = assertInstanceOf(ThresholdsRule.class, rule);
        assertEquals(2, thresholds.scaleUpBy());
        assertEquals(1, thresholds.scaleDownBy());
        assertEquals(List.of(2.0, 1.0), thresholds.weights());
        assertEquals(Aggregation.MIN, thresholds.thresholds().get(1).aggregationOrDefault());
        assertEquals(new ThresholdRule(10.0, 50.0, 2, 1, "less_than"), thresholds.thresholds().get(1).asRule(2, 1));
    }

    @Test
    void everyMistakeIsNamedByItsField() {
        ThresholdsRule rule = new ThresholdsRule(List.of(
                new ThresholdsRule.Threshold("cpu", "p95", null, 80.0, 30.0, 2.0),
                new ThresholdsRule.Threshold("cpu", null, "less_than", 50.0, 20.0, null),
                new ThresholdsRule.Threshold(null, null, "sideways", null, Double.NaN, null)), 0, null, null);
        Violations check = new Violations();

        rule.validate(check);

        assertEquals(List.of(
                "'rule.scaleUpBy' must be at least 1, got 0",
                "unknown aggregation 'p95' in 'rule.thresholds[0].aggregation' (expected one of avg, min, max, sum, "
                        + "count)",
                "'rule.thresholds[0].weight' applies only with 'combination': 'weighted' (the largest proposal wins "
                        + "otherwise)",
                "'rule.thresholds[1].metric' repeats the metric 'cpu' (one threshold per metric)",
                "'rule.thresholds[1].scaleUpThreshold' (50) must be below 'rule.thresholds[1].scaleDownThreshold' "
                        + "(20) for a less_than comparison, which scales up on low values",
                "'rule.thresholds[2].metric' is required",
                "unknown comparison 'sideways' in 'rule.thresholds[2].comparison' (expected one of greater_than, "
                        + "less_than, percentage_change)",
                "'rule.thresholds[2].scaleUpThreshold' is required",
                "'rule.thresholds[2].scaleDownThreshold' must be a finite number, got NaN"), check.list());
    }

    @Test
    void weightsAreCheckedWithAWeightedCombination() {
        ThresholdsRule rule = new ThresholdsRule(List.of(
                new ThresholdsRule.Threshold("cpu", null, null, 80.0, 30.0, 0.0),
                new ThresholdsRule.Threshold("rps", null, null, 80.0, 30.0, 3.0)), null, null, "weighted");
        Violations check = new Violations();

        rule.validate(check);

        assertEquals(List.of("'rule.thresholds[0].weight' must be a number above 0 and at most 1000000, got 0"),
                check.list());
    }

    @Test
    void anUnknownCombinationAndTooManyThresholdsAreNamed() {
        List<ThresholdsRule.Threshold> eleven = new ArrayList<>();
        for (int i = 0; i < 11; i++) {
            eleven.add(new ThresholdsRule.Threshold("m" + i, null, null, 80.0, 30.0, null));
        }
        Violations check = new Violations();

        new ThresholdsRule(eleven, null, null, "mean").validate(check);
        new ThresholdsRule(List.of(), null, null, null).validate(check);

        assertEquals(List.of("unknown combination 'mean' in 'rule.combination' (expected one of max, weighted)",
                "'rule.thresholds' lists 11 thresholds, at most 10 are allowed",
                "'rule.thresholds' must list at least one threshold"), check.list());
    }
}

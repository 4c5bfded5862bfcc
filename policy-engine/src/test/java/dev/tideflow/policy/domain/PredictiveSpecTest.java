package dev.tideflow.policy.domain;

import dev.tideflow.contracts.Violations;
import dev.tideflow.policy.forecast.MaxCapacityBreachBehavior;
import dev.tideflow.policy.forecast.PredictiveScalingMode;
import dev.tideflow.policy.forecast.PredictiveScalingPolicy;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class PredictiveSpecTest {

    private static final TargetTrackingRule RPS_PER_REPLICA = new TargetTrackingRule(List.of(
            new TargetTrackingRule.Metric("cpu", MetricTargetSpec.utilization(60)),
            new TargetTrackingRule.Metric("rps", MetricTargetSpec.averageValue(100))), null);

    @Test
    void aCompleteSpecIsValidAndBecomesThePlannersPolicy() {
        PredictiveSpec spec = new PredictiveSpec("ForecastAndScale", "rps", "7d", "12h", 0.7, "10m", "increase", 10,
                null);

        assertEquals(List.of(), errors(spec, RPS_PER_REPLICA));
        assertEquals(new PredictiveScalingPolicy(PredictiveScalingMode.FORECAST_AND_SCALE, 100,
                Duration.ofMinutes(10), 0.7, MaxCapacityBreachBehavior.INCREASE_MAX_CAPACITY, 10),
                spec.toPolicy(RPS_PER_REPLICA));
        assertEquals(Duration.ofDays(7), spec.historyWindowOrDefault());
        assertEquals(Duration.ofHours(12), spec.horizonOrDefault());
    }

    @Test
    void absentFieldsTakeTheDefaults() {
        PredictiveSpec spec = new PredictiveSpec(null, "rps", null, null, null, null, null, null, 250.0);

        assertEquals(List.of(), errors(spec, new ThresholdRule(80.0, 30.0, 1, 1)));
        assertEquals(new PredictiveScalingPolicy(PredictiveScalingMode.FORECAST_ONLY, 250, Duration.ofMinutes(5),
                0.5, MaxCapacityBreachBehavior.HONOR_MAX_CAPACITY, 0), spec.toPolicy(null));
        assertEquals("ForecastOnly", spec.modeOrDefault());
        assertEquals(Duration.ofDays(14), spec.historyWindowOrDefault());
        assertEquals(Duration.ofHours(24), spec.horizonOrDefault());
    }

    @Test
    void everyBadFieldIsNamed() {
        PredictiveSpec spec = new PredictiveSpec("Forecast", "9rps", "2 weeks", "72h", 1.5, "-5m", "raise", 20, null);

        assertEquals(List.of(
                "unknown mode 'Forecast' in 'predictive.mode' (expected one of [ForecastOnly, ForecastAndScale])",
                "'predictive.metric' must start with a letter or '_' and use only letters, digits and _ . : / -",
                "'predictive.historyWindow' must be a duration such as '30s', '5m', '1h' or '14d', got '2 weeks'",
                "'predictive.horizon' must be between 1h and 48h, got '72h'",
                "'predictive.schedulingBuffer' must be a duration such as '30s', '5m', '1h' or '14d', got '-5m'",
                "'predictive.minConfidence' must be between 0 and 1, got 1.5",
                "unknown behavior 'raise' in 'predictive.maxCapacityBreachBehavior' (expected one of [honor, "
                        + "increase])",
                "'predictive.maxCapacityBuffer' applies only with 'maxCapacityBreachBehavior': 'increase' (the "
                        + "maximum is never raised otherwise)",
                "'predictive.targetValuePerReplica' is required: the rule has no AverageValue target for '9rps' to "
                        + "size replicas by"), errors(spec, RPS_PER_REPLICA));
    }

    @Test
    void boundsOfEachFieldAreChecked() {
        PredictiveSpec spec = new PredictiveSpec("ForecastOnly", "cpu", "29d", "30m", -0.1, "2h", "increase", 101,
                0.0);

        assertEquals(List.of(
                "'predictive.historyWindow' must be between 1d and 28d, got '29d'",
                "'predictive.horizon' must be between 1h and 48h, got '30m'",
                "'predictive.schedulingBuffer' must be between 0s and 1h, got '2h'",
                "'predictive.minConfidence' must be between 0 and 1, got -0.1",
                "'predictive.maxCapacityBuffer' must be 0 to 100 (percent), got 101",
                "'predictive.targetValuePerReplica' must be a number above 0 and at most 1e12, got 0"),
                errors(spec, RPS_PER_REPLICA));
    }

    @Test
    void aUtilizationTargetDoesNotSizeReplicasByLoad() {
        PredictiveSpec spec = new PredictiveSpec("ForecastOnly", "cpu", null, null, null, null, null, null, null);

        assertEquals(List.of("'predictive.targetValuePerReplica' is required: the rule has no AverageValue target "
                + "for 'cpu' to size replicas by"), errors(spec, RPS_PER_REPLICA));
    }

    private static List<String> errors(PredictiveSpec spec, ScalingRule rule) {
        Violations check = new Violations();
        spec.validate(check, rule);
        return check.list();
    }
}

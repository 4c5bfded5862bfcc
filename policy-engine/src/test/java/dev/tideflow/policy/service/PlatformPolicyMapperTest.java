package dev.tideflow.policy.service;

import dev.tideflow.policy.domain.Aggregation;
import dev.tideflow.policy.domain.PlatformPolicy;
import dev.tideflow.policy.domain.PolicySpec;
import dev.tideflow.policy.domain.ThresholdRule;
import dev.tideflow.policy.domain.ThresholdsRule;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class PlatformPolicyMapperTest {

    private final PlatformPolicyMapper mapper = new PlatformPolicyMapper();

    @Test
    void severalThresholdsBecomeOneThresholdsPolicyWeightedWhenAMetricCarriesAWeight() {
        PlatformPolicy web = new PlatformPolicy("web", "shop/web", 2, 12,
                List.of(new PlatformPolicy.Metric("cpu", "resource", "prometheus", "average", "2m", 0.7),
                        new PlatformPolicy.Metric("latency", "custom", null, "max", "60", null),
                        new PlatformPolicy.Metric("memory", "resource", null, "avg", null, null)),
                List.of(new PlatformPolicy.Threshold("cpu", 75.0, 25.0, "greater_than"),
                        new PlatformPolicy.Threshold("latency", 500.0, 100.0, null)),
                "5m", 3, 1, "30s", false);
        List<String> errors = new ArrayList<>();

        List<PlatformPolicyMapper.Mapped> mapped = mapper.map(List.of(web), errors);

        assertEquals(List.of(), errors);
        assertEquals(1, mapped.size());
        PolicySpec spec = mapped.get(0).spec();
        assertEquals("web", spec.name());
        assertEquals("shop/web", spec.target());
        assertNull(spec.metric());
        assertNull(spec.aggregationOrDefault());
        assertEquals(new ThresholdsRule(List.of(
                new ThresholdsRule.Threshold("cpu", null, null, 75.0, 25.0, 0.7),
                new ThresholdsRule.Threshold("latency", "max", null, 500.0, 100.0, null)), 3, 1, "weighted"),
                spec.rule());
        assertEquals(300, spec.cooldownSecondsOrDefault());
        assertEquals(4, spec.evaluationPeriodsOrDefault(), "the longest of cpu's 4 and latency's 2");
        assertEquals(false, spec.enabledOrDefault());
        assertEquals(List.of("metrics[0].source 'prometheus' is not used: windows come from metrics-collector",
                "metric 'memory' has no threshold and is not evaluated",
                "the metrics' windows give 2, 4 evaluation periods; the policy takes the longest, 4",
                "weights combine the thresholds' proposals: ceil(Σ weight × proposal / Σ weight), a metric without "
                        + "a weight weighs 1"), mapped.get(0).notes());
    }

    @Test
    void severalThresholdsWithoutWeightsCombineByMax() {
        PlatformPolicy api = new PlatformPolicy("api", "shop/api", 1, 6,
                List.of(new PlatformPolicy.Metric("cpu", null, null, null, "30s", null),
                        new PlatformPolicy.Metric("memory", null, null, "max", "30s", null)),
                List.of(new PlatformPolicy.Threshold("cpu", 80.0, 30.0, null),
                        new PlatformPolicy.Threshold("memory", 90.0, 40.0, "greater_than")),
                null, null, null, "30s", null);
        List<String> errors = new ArrayList<>();

        List<PlatformPolicyMapper.Mapped> mapped = mapper.map(List.of(api), errors);

        assertEquals(List.of(), errors);
        assertEquals(new ThresholdsRule(List.of(new ThresholdsRule.Threshold("cpu", null, null, 80.0, 30.0, null),
                new ThresholdsRule.Threshold("memory", "max", null, 90.0, 40.0, null)), 1, 1, "max"),
                mapped.get(0).spec().rule());
        assertEquals(1, mapped.get(0).spec().evaluationPeriodsOrDefault());
        assertEquals(List.of(), mapped.get(0).notes());
    }

    @Test
    void oneThresholdStaysAThresholdPolicyAndItsWeightIsANote() {
        PlatformPolicy web = new PlatformPolicy("web", "shop/web", 2, 12,
                List.of(new PlatformPolicy.Metric("cpu", "resource", null, "average", "2m", 0.7)),
                List.of(new PlatformPolicy.Threshold("cpu", 75.0, 25.0, "greater_than")),
                "5m", 3, 1, "30s", null);
        List<String> errors = new ArrayList<>();

        List<PlatformPolicyMapper.Mapped> mapped = mapper.map(List.of(web), errors);

        assertEquals(List.of(), errors);
        PolicySpec cpu = mapped.get(0).spec();
        assertEquals("web", cpu.name());
        assertEquals("cpu", cpu.metric());
        assertEquals(Aggregation.AVG, cpu.aggregationOrDefault());
        assertEquals(new ThresholdRule(75.0, 25.0, 3, 1), cpu.rule());
        assertEquals(4, cpu.evaluationPeriodsOrDefault());
        assertEquals(List.of("metrics[0].weight 0.7 is not used: the entry has one threshold, so there is nothing "
                + "to weigh"), mapped.get(0).notes());
    }

    @Test
    void aBareServiceNameLivesInTheDefaultNamespace() {
        List<String> errors = new ArrayList<>();
        List<PlatformPolicyMapper.Mapped> mapped = mapper.map(List.of(new PlatformPolicy("api", "api", 1, 3,
                List.of(new PlatformPolicy.Metric("cpu", null, null, null, null, null)),
                List.of(new PlatformPolicy.Threshold("cpu", 80.0, 20.0, "greater_than")), "60", null, null, null,
                null)), errors);

        assertEquals(List.of(), errors);
        assertEquals("default/api", mapped.get(0).spec().target());
        assertEquals("api", mapped.get(0).spec().name());
    }

    @Test
    void everyErrorOfEveryEntryIsListedByIndex() {
        PlatformPolicy good = new PlatformPolicy("ok", "shop/ok", 1, 3,
                List.of(new PlatformPolicy.Metric("cpu", null, null, null, null, null)),
                List.of(new PlatformPolicy.Threshold("cpu", 80.0, 20.0, null)), null, null, null, null, null);
        PlatformPolicy bad = new PlatformPolicy("bad", "Shop/Bad", 5, 2,
                List.of(new PlatformPolicy.Metric("cpu", null, null, "p95", null, -1.0),
                        new PlatformPolicy.Metric("mem", null, null, null, null, null)),
                List.of(new PlatformPolicy.Threshold("cpu", 80.0, 20.0, "greater_than"),
                        new PlatformPolicy.Threshold("mem", 80.0, 90.0, "greater_than"),
                        new PlatformPolicy.Threshold("free", 10.0, 50.0, "sideways"),
                        new PlatformPolicy.Threshold("disk", 80.0, 20.0, null)),
                "soon", null, null, "0", null);

        List<String> errors = new ArrayList<>();
        mapper.map(List.of(good, bad, good), errors);

        assertEquals(List.of(
                "[1] 'metrics[0].weight' must be a number above 0 and at most 1000000, got -1",
                "[1] 'cooldownPeriod' must be seconds or a number with s, m or h, got 'soon'",
                "[1] 'evaluationInterval' must be above 0",
                "[1] thresholds[0]: aggregation 'p95' of metric 'cpu' cannot be imported (expected one of avg, "
                        + "average, mean, min, max, sum, count)",
                "[1] thresholds[2]: metric 'free' is not among 'metrics'",
                "[1] thresholds[3]: metric 'disk' is not among 'metrics'",
                "[1] 'target' must be namespace/name in lower case (DNS-1123), got 'Shop/Bad'",
                "[1] 'rule.thresholds[1].scaleDownThreshold' (90) must be below 'rule.thresholds[1].scaleUpThreshold'"
                        + " (80)",
                "[1] unknown comparison 'sideways' in 'rule.thresholds[2].comparison' (expected one of greater_than, "
                        + "less_than, percentage_change)",
                "[1] 'minReplicas' (5) must not exceed 'maxReplicas' (2)",
                "[2] policy name 'ok' is already used by entry [0]"), errors);
    }

    @Test
    void lessThanAndPercentageChangeCarryOverToTheRule() {
        PlatformPolicy api = new PlatformPolicy("api", "shop/api", 1, 6,
                List.of(new PlatformPolicy.Metric("idle", null, null, null, null, null),
                        new PlatformPolicy.Metric("rps", null, null, "sum", null, null)),
                List.of(new PlatformPolicy.Threshold("idle", 20.0, 60.0, "less_than"),
                        new PlatformPolicy.Threshold("rps", 50.0, -30.0, "percentage_change"),
                        new PlatformPolicy.Threshold("idle", 60.0, 20.0, "less_than")),
                null, null, null, null, null);
        List<String> errors = new ArrayList<>();

        List<PlatformPolicyMapper.Mapped> mapped = mapper.map(List.of(api), errors);

        assertEquals(List.of("[0] 'rule.thresholds[2].metric' repeats the metric 'idle' (one threshold per metric)",
                "[0] 'rule.thresholds[2].scaleUpThreshold' (60) must be below 'rule.thresholds[2].scaleDownThreshold'"
                        + " (20) for a less_than comparison, which scales up on low values"), errors);
        ThresholdsRule rule = (ThresholdsRule) mapped.get(0).spec().rule();
        assertEquals(new ThresholdsRule.Threshold("idle", null, "less_than", 20.0, 60.0, null),
                rule.thresholds().get(0));
        assertEquals(new ThresholdsRule.Threshold("rps", "sum", "percentage_change", 50.0, -30.0, null),
                rule.thresholds().get(1));
    }

    @Test
    void aSingleThresholdKeepsItsComparison() {
        List<String> errors = new ArrayList<>();
        List<PlatformPolicyMapper.Mapped> mapped = mapper.map(List.of(new PlatformPolicy("idle", "shop/api", 1, 6,
                List.of(new PlatformPolicy.Metric("idle", null, null, null, null, null)),
                List.of(new PlatformPolicy.Threshold("idle", 20.0, 60.0, "less_than")), null, null, null, null,
                null)), errors);

        assertEquals(List.of(), errors);
        assertEquals(new ThresholdRule(20.0, 60.0, 1, 1, "less_than"), mapped.get(0).spec().rule());
    }

    @Test
    void anEmptyImportIsAnError() {
        List<String> errors = new ArrayList<>();
        mapper.map(List.of(), errors);
        assertEquals(List.of("the import lists no policies"), errors);
    }
}

package dev.tideflow.policy.domain;

import dev.tideflow.contracts.Violations;
import dev.tideflow.policy.vertical.ResourceBounds;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class VerticalSpecTest {

    private static final TargetTrackingRule CPU_AND_MEMORY = new TargetTrackingRule(List.of(
            new TargetTrackingRule.Metric("cpu", MetricTargetSpec.utilization(60)),
            new TargetTrackingRule.Metric("mem", MetricTargetSpec.utilization(80)),
            new TargetTrackingRule.Metric("rps", MetricTargetSpec.averageValue(100))), null);

    @Test
    void aVerticalPolicyWithBoundsIsValid() {
        VerticalSpec spec = new VerticalSpec(new VerticalSpec.Resource(250, 2000, 250, null),
                new VerticalSpec.Resource(256, 4096, 256, "mem"));

        assertEquals(List.of(), errors("mixed", spec, CPU_AND_MEMORY));
        assertEquals(List.of(), errors(null, null, CPU_AND_MEMORY));
        assertEquals(List.of(new ResourceBounds("cpu", "cpu", 250, 2000, 250),
                new ResourceBounds("memory", "mem", 256, 4096, 256)), spec.bounds());
    }

    @Test
    void everyBadFieldIsNamed() {
        VerticalSpec spec = new VerticalSpec(new VerticalSpec.Resource(500, 250, null, null),
                new VerticalSpec.Resource(0, 5_000_000, 10_000, null));

        assertEquals(List.of(
                "'vertical.cpu.step' is required (millicores)",
                "'vertical.cpu.min' (500) must not exceed 'vertical.cpu.max' (250)",
                "'vertical.memory.min' must be 1 to 4194304 MiB, got 0",
                "'vertical.memory.max' must be 1 to 4194304 MiB, got 5000000",
                "'vertical.memory' needs a Utilization target for metric 'memory' in 'rule.metrics'"),
                errors("vertical", spec, CPU_AND_MEMORY));
    }

    @Test
    void theModeAndTheBoundsGoTogether() {
        VerticalSpec cpu = new VerticalSpec(new VerticalSpec.Resource(250, 1000, 250, null), null);

        assertEquals(List.of("unknown scaling mode 'diagonal' in 'scalingMode' (expected one of [horizontal, "
                + "vertical, mixed])"), errors("diagonal", cpu, CPU_AND_MEMORY));
        assertEquals(List.of("'vertical' applies only with 'scalingMode' vertical or mixed"),
                errors("horizontal", cpu, CPU_AND_MEMORY));
        assertEquals(List.of("'vertical' is required with 'scalingMode' vertical (cpu and/or memory bounds)"),
                errors("vertical", null, CPU_AND_MEMORY));
        assertEquals(List.of("'vertical' must set 'cpu', 'memory' or both"),
                errors("mixed", new VerticalSpec(null, null), CPU_AND_MEMORY));
        assertEquals(List.of("'vertical.cpu.step' (1000) must be at most max − min (750)"), errors("mixed",
                new VerticalSpec(new VerticalSpec.Resource(250, 1000, 1000, null), null), CPU_AND_MEMORY));
    }

    @Test
    void aThresholdRuleCannotScaleVertically() {
        VerticalSpec cpu = new VerticalSpec(new VerticalSpec.Resource(250, 1000, 250, null), null);

        assertEquals(List.of("'scalingMode' vertical needs a targetTracking rule: requests follow the utilization of "
                + "its Utilization targets"), errors("vertical", cpu, new ThresholdRule(80.0, 30.0, 1, 1)));
    }

    private static List<String> errors(String mode, VerticalSpec spec, ScalingRule rule) {
        Violations check = new Violations();
        VerticalSpec.validate(check, mode, spec, rule);
        return check.list();
    }
}

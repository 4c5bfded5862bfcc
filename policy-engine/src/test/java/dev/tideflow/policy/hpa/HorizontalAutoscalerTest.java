package dev.tideflow.policy.hpa;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Several metrics together, as {@code computeReplicasForMetrics} in Kubernetes' {@code horizontal.go}; the
 * upstream cases {@code TestScaleUpOneMetricEmpty}, {@code TestNoScaleDownOneMetricInvalid} and
 * {@code TestNoScaleDownOneMetricEmpty} are translated with an unreadable second metric.
 */
class HorizontalAutoscalerTest {

    private static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");

    private final HorizontalAutoscaler autoscaler = new HorizontalAutoscaler();

    @Test
    void TestScaleUpOneMetricEmpty() {
        AutoscalerDecision d = decide(3, 2, 6, cpu(30, 300, 400, 500), unreadable());
        assertEquals(4, d.desiredReplicas(), d.reason());
        assertEquals(4, d.recommendation());
    }

    @Test
    void TestNoScaleDownOneMetricInvalid() {
        AutoscalerDecision d = decide(5, 2, 6, cpu(50, 100, 300, 500, 250, 250), unreadable());
        assertEquals(5, d.desiredReplicas(), d.reason());
        assertNull(d.recommendation());
        assertTrue(d.reason().startsWith("the valid metrics would scale down to 3 while 1 metric(s) cannot be read"),
                d.reason());
    }

    @Test
    void TestNoScaleDownOneMetricEmpty() {
        MetricInput empty = MetricInput.ofInstances("qps", MetricTarget.averageValue(1), List.of());
        AutoscalerDecision d = decide(5, 2, 6, cpu(50, 100, 300, 500, 250, 250), empty);
        assertEquals(5, d.desiredReplicas(), d.reason());
    }

    @Test
    void theLargestValidProposalWins() {
        MetricInput queue = MetricInput.ofTotal("queue", MetricTarget.value(10), 80);
        AutoscalerDecision d = decide(2, 1, 20, cpu(50, 600, 600), queue);
        assertEquals(3, d.metrics().get(0).replicas());
        assertEquals(16, d.metrics().get(1).replicas());
        // Default scale-up: at most max(+100 %, +4 pods) per 15 s.
        assertEquals(6, d.desiredReplicas(), d.reason());
        assertEquals(16, d.recommendation());
        assertEquals("ScaleUpLimit", d.limitedBy());
        assertTrue(d.reason().startsWith("queue asks for 16 replicas (the largest of 2 valid proposals)"),
                d.reason());
    }

    @Test
    void whenEveryMetricIsInvalidTheCountStays() {
        AutoscalerDecision d = decide(4, 1, 10, unreadable());
        assertEquals(4, d.desiredReplicas());
        assertFalse(d.metrics().get(0).valid());
        assertTrue(d.reason().startsWith("no metric gives a valid proposal, so the count stays at 4"), d.reason());
    }

    @Test
    void aTargetScaledToZeroByHandStaysIdleUnlessMinReplicasIsZero() {
        MetricInput queue = MetricInput.ofTotal("queue", MetricTarget.value(10), 25);
        assertEquals(0, decide(0, 1, 10, queue).desiredReplicas());
        assertEquals("ScalingDisabled", decide(0, 1, 10, queue).limitedBy());
        assertEquals(3, decide(0, 0, 10, queue).desiredReplicas());
    }

    @Test
    void aCountOutsideTheRangeReturnsToIt() {
        AutoscalerDecision d = decide(12, 1, 10, cpu(50, 100));
        assertEquals(10, d.desiredReplicas());
        assertEquals("TooManyReplicas", d.limitedBy());
    }

    @Test
    void theRequestToleranceAppliesUnlessTheBehaviorSetsItsOwn() {
        MetricInput slightlyHot = cpu(50, 540, 540);
        assertEquals(2, decide(2, 1, 10, slightlyHot).desiredReplicas());
        AutoscalerInput strict = new AutoscalerInput(2, 1, 10, null, 0.05, List.of(slightlyHot), null, List.of(),
                List.of(), NOW);
        assertEquals(3, autoscaler.decide(strict).desiredReplicas());
        Behavior upTolerance = new Behavior(new ScalingRules(0, SelectPolicy.MAX, List.of(ScalingPolicy.pods(4, 15)),
                0.2), ScalingRules.defaultScaleDown());
        AutoscalerInput lenient = new AutoscalerInput(2, 1, 10, null, 0.05, List.of(slightlyHot), upTolerance,
                List.of(), List.of(), NOW);
        assertEquals(2, autoscaler.decide(lenient).desiredReplicas());
    }

    @Test
    void aWeightedCombinationGoesThroughBehaviorLikeTheLargestProposal() {
        // cpu proposes ceil(1.2 × 2) = 3, queue ceil(80 / 10 × 2) = 16: (1 × 3 + 3 × 16) / 4 = 12.75 → 13,
        // and the default scale-up allows max(+100 %, +4 pods) from 2.
        MetricInput queue = MetricInput.ofTotal("queue", MetricTarget.value(10), 80);
        AutoscalerDecision d = autoscaler.decide(new AutoscalerInput(2, 1, 20, null, null,
                List.of(cpu(50, 600, 600), queue), null, List.of(), List.of(), NOW, MetricCombination.WEIGHTED,
                List.of(1.0, 3.0)));

        assertEquals(13, d.recommendation());
        assertEquals(6, d.desiredReplicas());
        assertEquals("ScaleUpLimit", d.limitedBy());
        assertTrue(d.reason().startsWith("the weighted mean (1 × 3 (cpu) + 3 × 16 (queue)) / 4 = 12.75, rounded "
                + "up to 13 asks for 13 replicas"), d.reason());
    }

    @Test
    void aWeightedScaleDownWithAnUnreadableMetricKeepsTheCount() {
        AutoscalerDecision d = autoscaler.decide(new AutoscalerInput(5, 2, 6, null, null,
                List.of(cpu(50, 100, 300, 500, 250, 250), unreadable()), null, List.of(), List.of(), NOW,
                MetricCombination.WEIGHTED, List.of(1.0, 1.0)));

        assertEquals(5, d.desiredReplicas());
        assertNull(d.recommendation());
    }

    @Test
    void aWeightedScaleUpWithAnUnreadableMetricGoesAhead() {
        AutoscalerDecision d = autoscaler.decide(new AutoscalerInput(3, 2, 6, null, null,
                List.of(cpu(30, 300, 400, 500), unreadable()), null, List.of(), List.of(), NOW,
                MetricCombination.WEIGHTED, List.of(2.0, 1.0)));

        assertEquals(4, d.desiredReplicas(), d.reason());
    }

    private AutoscalerDecision decide(int current, int min, int max, MetricInput... metrics) {
        return autoscaler.decide(new AutoscalerInput(current, min, max, null, null, List.of(metrics), null,
                List.of(), List.of(), NOW));
    }

    private static MetricInput cpu(int targetPercent, long... levelsMilli) {
        InstanceSample[] instances = new InstanceSample[levelsMilli.length];
        for (int i = 0; i < levelsMilli.length; i++) {
            instances[i] = InstanceSample.of("pod-" + i, levelsMilli[i] / 1000.0, 1.0);
        }
        return MetricInput.ofInstances("cpu", MetricTarget.utilization(targetPercent), List.of(instances));
    }

    private static MetricInput unreadable() {
        return MetricInput.ofInstances("qps", MetricTarget.averageValue(1),
                List.of(new InstanceSample("pod-0", null, null, false)));
    }
}

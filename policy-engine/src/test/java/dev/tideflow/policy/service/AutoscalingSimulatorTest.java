package dev.tideflow.policy.service;

import dev.tideflow.kit.rest.ProblemException;
import dev.tideflow.policy.domain.BehaviorSpec;
import dev.tideflow.policy.domain.MetricTargetSpec;
import dev.tideflow.policy.domain.ScalingPolicySpec;
import dev.tideflow.policy.domain.ScalingRulesSpec;
import dev.tideflow.policy.domain.SimulationRequest;
import dev.tideflow.policy.domain.SimulationRequest.History;
import dev.tideflow.policy.domain.SimulationRequest.Instance;
import dev.tideflow.policy.domain.SimulationRequest.Metric;
import dev.tideflow.policy.domain.SimulationRequest.Recommendation;
import dev.tideflow.policy.domain.SimulationRequest.ScaleEvent;
import dev.tideflow.policy.hpa.AutoscalerDecision;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AutoscalingSimulatorTest {

    private static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");

    private final AutoscalingSimulator simulator = new AutoscalingSimulator();

    @Test
    void aValidRequestHasNoViolations() {
        assertEquals(List.of(), simulator.validate(request(3, 1, 10, List.of(cpu(50)), null, null), NOW));
    }

    @Test
    void everyInconsistentFieldIsNamed() {
        Metric badUtilization = new Metric("cpu", new MetricTargetSpec("Utilization", 0.0, 5.0, null),
                List.of(new Instance("a", -1.0, 0.0, true), new Instance("a", 1.0, 1.0, true)), 4.0, null);
        Metric unknownType = new Metric("rps", new MetricTargetSpec("Requests", null, null, null), null, null, null);
        Metric averageBoth = new Metric("qps", new MetricTargetSpec("AverageValue", null, 10.0, null),
                List.of(new Instance("b", 1.0, null, null)), 10.0, null);
        Metric valueWithoutTotal = new Metric("queue", new MetricTargetSpec("Value", null, null, -3.0), null, null,
                null);
        ScalingRulesSpec up = new ScalingRulesSpec(4000, "Fastest",
                List.of(new ScalingPolicySpec("Percent", 0, 15), new ScalingPolicySpec("Nodes", 1, 0)),
                -0.1);
        SimulationRequest request = new SimulationRequest(-1, 5, 3, -0.5, null, NOW,
                List.of(badUtilization, unknownType, averageBoth, valueWithoutTotal), new BehaviorSpec(up, null),
                new History(List.of(new Recommendation(NOW.plusSeconds(60), 3)),
                        List.of(new ScaleEvent(null, -1, 2))), null);

        assertEquals(List.of(
                "'currentReplicas' must be at least 0, got -1",
                "'minReplicas' (5) must not exceed 'maxReplicas' (3)",
                "'tolerance' must be a finite number of at least 0, got -0.5",
                "'metrics[0].instances[0].value' must be at least 0, got -1",
                "'metrics[0].instances[0].request' must be above 0, got 0",
                "'metrics[0].instances[1].id' repeats the instance 'a'",
                "'metrics[0].target.averageUtilization' must be a whole number of percent above 0, got 0",
                "'metrics[0].target.averageValue' does not apply to a Utilization target (it takes "
                        + "'averageUtilization')",
                "'metrics[0].value' does not apply to a Utilization target; give instance values",
                "unknown target type 'Requests' in 'metrics[1].target.type' (expected one of Utilization, "
                        + "AverageValue, Value)",
                "an AverageValue target needs either 'metrics[2].instances' or 'metrics[2].value' (the total over "
                        + "the target), not both",
                "'metrics[3].target.value' must be above 0, got -3",
                "'metrics[3].value' (the metric's total) is required for a Value target",
                "'behavior.scaleUp.stabilizationWindowSeconds' must be between 0 and 3600, got 4000",
                "unknown selectPolicy 'Fastest' in 'behavior.scaleUp.selectPolicy' (expected one of Max, Min, "
                        + "Disabled)",
                "'behavior.scaleUp.tolerance' must be a finite number of at least 0, got -0.1",
                "'behavior.scaleUp.policies[0].value' must be above 0 for a Percent policy, got 0",
                "unknown policy type 'Nodes' in 'behavior.scaleUp.policies[1].type' (expected one of Pods, Percent)",
                "'behavior.scaleUp.policies[1].periodSeconds' must be between 1 and 1800, got 0",
                "'history.recommendations[0].time' (2026-03-01T12:01:00Z) must not be after the simulation time "
                        + "(2026-03-01T12:00:00Z)",
                "'history.scaleEvents[0].time' is required",
                "'history.scaleEvents[0].fromReplicas' must be at least 0, got -1"),
                simulator.validate(request, NOW));
    }

    @Test
    void everyBadWeightIsNamed() {
        Metric zero = new Metric("a", MetricTargetSpec.value(10), null, 5.0, 0.0);
        Metric infinite = new Metric("b", MetricTargetSpec.value(10), null, 5.0, Double.POSITIVE_INFINITY);
        Metric huge = new Metric("c", MetricTargetSpec.value(10), null, 5.0, 2e6);
        Metric fine = new Metric("d", MetricTargetSpec.value(10), null, 5.0, 0.5);
        SimulationRequest request = new SimulationRequest(3, 1, 10, null, null, NOW, List.of(zero, infinite, huge,
                fine), null, null, "weighted");

        assertEquals(List.of(
                "'metrics[0].weight' must be a number above 0 and at most 1000000, got 0",
                "'metrics[1].weight' must be a number above 0 and at most 1000000, got Infinity",
                "'metrics[2].weight' must be a number above 0 and at most 1000000, got 2000000"),
                simulator.validate(request, NOW));
    }

    @Test
    void missingRequiredFieldsAreNamed() {
        assertEquals(List.of("'currentReplicas' is required", "'minReplicas' is required",
                        "'maxReplicas' is required", "'metrics' must list at least one metric"),
                simulator.validate(new SimulationRequest(null, null, null, null, null, null, null, null, null, null),
                        NOW));
    }

    @Test
    void anInvalidRequestIsAProblem() {
        ProblemException e = assertThrows(ProblemException.class,
                () -> simulator.simulate(request(3, 4, 2, List.of(cpu(50)), null, null), NOW));
        assertEquals(400, e.problem().status());
        assertEquals(List.of("'minReplicas' (4) must not exceed 'maxReplicas' (2)"), e.problem().errors());
    }

    @Test
    void aMetricWithoutAProposalAnswersNullWithItsReason() {
        Metric noRequest = new Metric("cpu", new MetricTargetSpec("Utilization", 50.0, null, null),
                List.of(new Instance("a", 0.9, null, true)), null, null);
        AutoscalerDecision response = simulator.simulate(request(3, 1, 10, List.of(noRequest), null, null), NOW);
        assertEquals(3, response.desiredReplicas());
        assertNull(response.metrics().get(0).replicas());
        assertTrue(response.metrics().get(0).reason().startsWith("instance 'a' has no request"));
    }

    @Test
    void partialBehaviorIsCompletedWithHpaDefaults() {
        // Only the scale-up policies are given: the scale-down keeps HPA's 300 s stabilization.
        ScalingRulesSpec up = new ScalingRulesSpec(null, null, List.of(new ScalingPolicySpec("Pods", 1, 60)), null);
        History history = new History(List.of(new Recommendation(NOW.minusSeconds(200), 9)), List.of());
        AutoscalerDecision down = simulator.simulate(request(6, 1, 10, List.of(cpu(10)), new BehaviorSpec(up, null),
                history), NOW);
        assertEquals(6, down.desiredReplicas());
        assertEquals("ScaleDownStabilized", down.limitedBy());
        AutoscalerDecision upward = simulator.simulate(request(2, 1, 10, List.of(cpu(200)), new BehaviorSpec(up, null),
                null), NOW);
        assertEquals(3, upward.desiredReplicas());
        assertEquals("ScaleUpLimit", upward.limitedBy());
    }

    private static SimulationRequest request(int current, int min, int max, List<Metric> metrics, BehaviorSpec behavior,
            History history) {
        return new SimulationRequest(current, min, max, null, null, NOW, metrics, behavior, history, null);
    }

    /** Two instances at {@code percent} % of a 1-core request, against a 50 % target. */
    private static Metric cpu(double percent) {
        return new Metric("cpu", new MetricTargetSpec("Utilization", 50.0, null, null),
                List.of(new Instance("a", percent / 100, 1.0, true), new Instance("b", percent / 100, 1.0, true)),
                null, null);
    }
}

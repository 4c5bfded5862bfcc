package dev.tideflow.policy.service;

import dev.tideflow.contracts.Contract;
import dev.tideflow.contracts.MetricWindow;
import dev.tideflow.policy.domain.AutoscalerHistory;
import dev.tideflow.policy.domain.BehaviorSpec;
import dev.tideflow.policy.domain.MetricTargetSpec;
import dev.tideflow.policy.domain.PolicySnapshot;
import dev.tideflow.policy.domain.ReplicaRange;
import dev.tideflow.policy.domain.ScalingPolicySpec;
import dev.tideflow.policy.domain.ScalingRulesSpec;
import dev.tideflow.policy.domain.TargetTrackingRule;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TargetTrackingEvaluatorTest {

    private static final Instant T = Instant.parse("2026-03-01T12:00:00Z");

    private final TargetTrackingEvaluator evaluator = new TargetTrackingEvaluator();

    @Test
    void averageValueReadsTheWindowAverageAsTheValuePerReplica() {
        // HPA, external metric with an AverageValue target: ceil(25 × 4 / 10) = 10.
        TrackingOutcome outcome = evaluate(policy(null, metric("rps", MetricTargetSpec.averageValue(10))),
                history(window("rps", 0, 25, 0)), "rps", 0, observed(4), null);

        assertEquals(10, outcome.recommendation());
        assertEquals(8, outcome.desiredReplicas());
        assertEquals("ScaleUpLimit", outcome.explanation().limitedBy());
        assertEquals(2.5, outcome.explanation().metrics().get(0).ratio());
        assertEquals(25.0, outcome.explanation().metrics().get(0).value());
        assertEquals("avg", outcome.explanation().metrics().get(0).aggregate());
        assertTrue(outcome.reason().contains("rps avg 25 vs AverageValue 10, ratio 2.5 → 10"), outcome.reason());
        assertTrue(outcome.reason().contains("decided by ScaleUpLimit"), outcome.reason());
        assertTrue(outcome.reason().endsWith("4 → 8 replicas"), outcome.reason());
    }

    @Test
    void valueReadsTheWindowSumAsTheTotal() {
        // HPA, object metric with a Value target: ratio 450 / 100 = 4.5, ceil(4.5 × 2) = 9, limited to 2 + 4 = 6.
        TrackingOutcome outcome = evaluate(policy(null, metric("queue", MetricTargetSpec.value(100))),
                history(window("queue", 0, 1, 450)), "queue", 0, observed(2), null);

        assertEquals(9, outcome.recommendation());
        assertEquals(6, outcome.desiredReplicas());
        assertEquals("sum", outcome.explanation().metrics().get(0).aggregate());
        assertEquals(4.5, outcome.explanation().metrics().get(0).ratio());
    }

    @Test
    void utilizationReadsTheWindowAverageAsPercent() {
        // 90 % against 60 %: ratio 1.5, ceil(1.5 × 4) = 6.
        TrackingOutcome outcome = evaluate(policy(null, metric("cpu", MetricTargetSpec.utilization(60))),
                history(window("cpu", 0, 90, 0)), "cpu", 0, observed(4), null);

        assertEquals(6, outcome.desiredReplicas());
        assertEquals("metric cpu", outcome.explanation().decidedBy());
        assertNull(outcome.explanation().limitedBy());
    }

    @Test
    void withinToleranceNothingChanges() {
        TrackingOutcome outcome = evaluate(policy(null, metric("cpu", MetricTargetSpec.utilization(60))),
                history(window("cpu", 0, 64, 0)), "cpu", 0, observed(4), null);

        assertFalse(outcome.changes());
        assertEquals(4, outcome.recommendation());
    }

    @Test
    void theLargestValidProposalWinsAndAStaleMetricGivesNone() {
        PolicySnapshot policy = policy(null, metric("cpu", MetricTargetSpec.utilization(50)),
                metric("queue", MetricTargetSpec.value(100)), metric("rps", MetricTargetSpec.averageValue(10)));
        // queue's window ended 40 s before cpu's: more than 3 windows of 10 s, so it is stale; rps never came.
        AutoscalerHistory history = history(window("queue", 0, 1, 900), window("cpu", 40, 75, 0));

        TrackingOutcome outcome = evaluate(policy, history, "cpu", 40, observed(4), null);

        assertEquals(6, outcome.desiredReplicas());
        assertEquals("cpu", outcome.metric());
        assertEquals(75.0, outcome.metricValue());
        assertEquals(1.0 / 3, outcome.confidence(), 1e-9);
        assertNull(outcome.explanation().metrics().get(1).proposal());
        assertTrue(outcome.explanation().metrics().get(1).detail().startsWith("stale: its latest window ended 40 s"),
                outcome.explanation().metrics().get(1).detail());
        assertEquals("no window received yet", outcome.explanation().metrics().get(2).detail());
    }

    @Test
    void aScaleDownWithAnUnreadableMetricKeepsTheCount() {
        PolicySnapshot policy = policy(null, metric("cpu", MetricTargetSpec.utilization(50)),
                metric("queue", MetricTargetSpec.value(100)));

        TrackingOutcome outcome = evaluate(policy, history(window("cpu", 0, 10, 0)), "cpu", 0, observed(6), null);

        assertFalse(outcome.changes());
        assertTrue(outcome.reason().contains("decided by unreadable metric"), outcome.reason());
    }

    @Test
    void theScaleDownIsHeldByTheHighestRecentRecommendation() {
        BehaviorSpec behavior = new BehaviorSpec(null, new ScalingRulesSpec(60, null, null, null));
        PolicySnapshot policy = policy(behavior, metric("rps", MetricTargetSpec.averageValue(10)));
        AutoscalerHistory history = history(window("rps", 30, 5, 0))
                .withRecommendation(T.plusSeconds(10), 8, T.minusSeconds(60));

        TrackingOutcome held = evaluate(policy, history, "rps", 30, observed(8), null);
        assertEquals(4, held.recommendation());
        assertEquals(8, held.desiredReplicas());
        assertEquals("ScaleDownStabilized", held.explanation().limitedBy());

        TrackingOutcome released = evaluate(policy, history(window("rps", 70, 5, 0))
                .withRecommendation(T.plusSeconds(10), 8, T.minusSeconds(60)), "rps", 70, observed(8), null);
        assertEquals(4, released.desiredReplicas());
    }

    @Test
    void theGlobalCapLimitsAndThePriorityIsInTheReason() {
        BehaviorSpec fast = new BehaviorSpec(new ScalingRulesSpec(null, null,
                List.of(new ScalingPolicySpec("Pods", 100, 15)), null), null);
        TrackingOutcome outcome = evaluate(policy(fast, metric("rps", MetricTargetSpec.averageValue(10))),
                history(window("rps", 0, 50, 0)), "rps", 0, observed(2), 7,
                new BurstSignal(true, List.of("rps avg burst: 50 against a median of 10")));

        assertEquals(7, outcome.desiredReplicas());
        assertEquals("GlobalCap", outcome.explanation().decidedBy());
        assertEquals("high", outcome.explanation().priority());
        assertTrue(outcome.reason().endsWith("[priority high: rps avg burst: 50 against a median of 10]"),
                outcome.reason());
    }

    private TrackingOutcome evaluate(PolicySnapshot policy, AutoscalerHistory history, String metric, int start,
            CurrentReplicas current, Integer cap) {
        return evaluate(policy, history, metric, start, current, cap, BurstSignal.NONE);
    }

    private TrackingOutcome evaluate(PolicySnapshot policy, AutoscalerHistory history, String metric, int start,
            CurrentReplicas current, Integer cap, BurstSignal burst) {
        return evaluator.evaluate(policy, history, window(metric, start, 1, 1), current, cap, burst);
    }

    private static CurrentReplicas observed(int replicas) {
        return new CurrentReplicas(replicas, CurrentReplicas.Source.OBSERVED);
    }

    private static TargetTrackingRule.Metric metric(String name, MetricTargetSpec target) {
        return new TargetTrackingRule.Metric(name, target);
    }

    private static PolicySnapshot policy(BehaviorSpec behavior, TargetTrackingRule.Metric... metrics) {
        return new PolicySnapshot(UUID.randomUUID(), "web-tracking", "shop/web", null, null,
                new TargetTrackingRule(List.of(metrics), null), new ReplicaRange(1, 20), 0, false, behavior, 1);
    }

    private static AutoscalerHistory history(MetricWindow... windows) {
        AutoscalerHistory history = AutoscalerHistory.EMPTY;
        for (MetricWindow window : windows) {
            history = history.withWindow(window);
        }
        return history;
    }

    /** A 10 s window of {@code metric} starting {@code start} seconds after T. */
    private static MetricWindow window(String metric, int start, double avg, double sum) {
        Instant from = T.plusSeconds(start);
        return new MetricWindow(Contract.VERSION, "shop/web", metric, from, from.plusSeconds(10), 10L, avg, avg,
                avg, sum);
    }
}

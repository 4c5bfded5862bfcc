package dev.tideflow.policy.service;

import dev.tideflow.contracts.Contract;
import dev.tideflow.contracts.InstanceAggregate;
import dev.tideflow.contracts.MetricWindow;
import dev.tideflow.policy.domain.AutoscalerHistory;
import dev.tideflow.policy.domain.BehaviorSpec;
import dev.tideflow.policy.domain.DecisionExplanation;
import dev.tideflow.policy.domain.MetricTargetSpec;
import dev.tideflow.policy.domain.PolicySnapshot;
import dev.tideflow.policy.domain.ReplicaRange;
import dev.tideflow.policy.domain.ScalingPolicySpec;
import dev.tideflow.policy.domain.ScalingRulesSpec;
import dev.tideflow.policy.domain.TargetTrackingRule;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Arrays;
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
    void aWeightedPolicyTakesTheWeightedMeanOfTheValidProposals() {
        PolicySnapshot policy = new PolicySnapshot(UUID.randomUUID(), "web-weighted", "shop/web", null, null,
                new TargetTrackingRule(List.of(
                        new TargetTrackingRule.Metric("cpu", MetricTargetSpec.utilization(50), 3.0),
                        new TargetTrackingRule.Metric("queue", MetricTargetSpec.value(1000), 1.0)), null, "weighted"),
                new ReplicaRange(1, 20), 0, false, null, 1);
        // On 8 replicas cpu at 75 % of 50 proposes 12 and queue at 900 of 1000 (inside the tolerance) keeps 8:
        // (3 × 12 + 1 × 8) / 4 = 11, where max would have taken 12.
        AutoscalerHistory history = history(window("queue", 40, 1, 900), window("cpu", 40, 75, 0));

        TrackingOutcome outcome = evaluate(policy, history, "cpu", 40, observed(8), null);

        assertEquals(11, outcome.desiredReplicas());
        assertEquals(12, outcome.explanation().metrics().get(0).proposal());
        assertEquals(8, outcome.explanation().metrics().get(1).proposal());
        assertEquals("weighted metrics", outcome.explanation().decidedBy());
        assertTrue(outcome.reason().contains("recommendation 11 (weighted mean of the valid proposals)"),
                outcome.reason());
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

    @Test
    void utilizationIsUsageOverRequestOfTheReportingInstances() {
        // HPA resource metric: (0.45 + 0.35 + 0.8) / (0.5 + 0.5 + 1) = 80 % against 60 %, ceil(4/3 × 3) = 4. The
        // window's average (0.53) would mean nothing as a percentage.
        MetricWindow cpu = instances("cpu", 0, null, instance("web-0", 0.45, 0.5, true),
                instance("web-1", 0.35, 0.5, true), instance("web-2", 0.8, 1.0, true));

        TrackingOutcome outcome = evaluate(policy(null, metric("cpu", MetricTargetSpec.utilization(60))), cpu,
                observed(3));

        DecisionExplanation.MetricExplanation explained = outcome.explanation().metrics().get(0);
        assertEquals(4, explained.proposal());
        assertEquals(80.0, explained.value());
        assertEquals(4.0 / 3, explained.ratio(), 1e-9);
        assertEquals("instances", explained.aggregate());
        assertEquals(4, outcome.desiredReplicas());
        assertEquals(80.0, outcome.metricValue());
        assertTrue(outcome.reason().contains("cpu 80 over 3 reporting instances vs Utilization 60, ratio 1.3333 → 4"),
                outcome.reason());
    }

    @Test
    void unreadyInstancesCountAsIdleOnAScaleUp() {
        // A starting replica burns 150 %: HPA leaves it out, then counts it as 0 for a scale-up, so the ratio
        // 90 / 60 = 1.5 becomes (90 + 90 + 0) / 3 / 60 = 1: inside the tolerance, the count stays. Read from the
        // window's average (110 %) it would ask for 6.
        MetricWindow cpu = instances("cpu", 0, null, instance("web-0", 90, null, true),
                instance("web-1", 90, null, null), instance("web-2", 150, null, false));

        TrackingOutcome outcome = evaluate(policy(null, metric("cpu", MetricTargetSpec.utilization(60))), cpu,
                observed(3));

        DecisionExplanation.MetricExplanation explained = outcome.explanation().metrics().get(0);
        assertEquals(3, explained.proposal());
        assertEquals(1.5, explained.ratio());
        assertTrue(explained.detail().contains("1 unready counted as 0"), explained.detail());
        assertFalse(outcome.changes());
        assertTrue(outcome.reason().contains("cpu 90 over 3 reporting instances (1 unready) vs Utilization 60"),
                outcome.reason());
    }

    @Test
    void missingInstancesCountAsTheTargetOnAScaleDownAndAsZeroOnAScaleUp() {
        PolicySnapshot policy = policy(null, metric("rps", MetricTargetSpec.averageValue(10)));
        // 4 replicas, 2 report an average of 2: the 2 missing count as 10 each, (2 + 2 + 10 + 10) / 4 = 6,
        // ceil(0.6 × 4) = 3. Spreading the window's average over the replicas would have said 1.
        MetricWindow quiet = instances("rps", 0, null, instance("web-0", 2, null, true),
                instance("web-1", 2, null, true));

        TrackingOutcome down = evaluate(policy, quiet, observed(4));

        DecisionExplanation.MetricExplanation explained = down.explanation().metrics().get(0);
        assertEquals(3, explained.proposal());
        assertEquals(0.2, explained.ratio());
        assertEquals(2.0, explained.value());
        assertTrue(explained.detail().contains("2 missing counted as the target"), explained.detail());
        assertTrue(down.reason().contains("rps 2 over 2 reporting instances (2 missing) vs AverageValue 10"),
                down.reason());
        assertEquals(3, down.recommendation());

        // The same two at 30: the missing count as 0, (30 + 30) / 4 = 15, ceil(1.5 × 4) = 6.
        MetricWindow busy = instances("rps", 0, null, instance("web-0", 30, null, true),
                instance("web-1", 30, null, true));
        TrackingOutcome up = evaluate(policy, busy, observed(4));
        assertEquals(6, up.explanation().metrics().get(0).proposal());
        assertEquals(6, up.desiredReplicas());
    }

    @Test
    void aMissingInstanceTakesTheReportingInstancesRequestForUtilization() {
        // 20 % on the two that report; the third, missing, counts as 100 % of a 0.5 request on the way down:
        // (0.1 + 0.1 + 0.5) / 1.5 = 46 % against 50 %, inside the tolerance.
        MetricWindow cpu = instances("cpu", 0, null, instance("web-0", 0.1, 0.5, true),
                instance("web-1", 0.1, 0.5, true));

        TrackingOutcome outcome = evaluate(policy(null, metric("cpu", MetricTargetSpec.utilization(50))), cpu,
                observed(3));

        assertEquals(3, outcome.explanation().metrics().get(0).proposal());
        assertEquals(20.0, outcome.explanation().metrics().get(0).value());
        assertFalse(outcome.changes());
    }

    @Test
    void utilizationNeedsTheRequestOfEveryInstanceOnceOneHasIt() {
        MetricWindow cpu = instances("cpu", 0, null, instance("web-0", 0.4, 0.5, true),
                instance("web-1", 0.4, null, true));

        TrackingOutcome outcome = evaluate(policy(null, metric("cpu", MetricTargetSpec.utilization(50))), cpu,
                observed(2));

        DecisionExplanation.MetricExplanation explained = outcome.explanation().metrics().get(0);
        assertNull(explained.proposal());
        assertTrue(explained.detail().contains("instance 'web-1' has no request"), explained.detail());
        assertFalse(outcome.changes());
        assertEquals("no valid metric", outcome.explanation().decidedBy());
    }

    @Test
    void aValueTargetSpreadsTheSumOverTheReadyInstances() {
        // 450 against 100 with 2 of 3 ready: ceil(4.5 × 2) = 9, where all 3 would have made 14.
        MetricWindow queue = instances("queue", 0, 450.0, instance("web-0", 100, null, true),
                instance("web-1", 150, null, true), instance("web-2", 200, null, false));

        TrackingOutcome outcome = evaluate(policy(null, metric("queue", MetricTargetSpec.value(100))), queue,
                observed(3));

        DecisionExplanation.MetricExplanation explained = outcome.explanation().metrics().get(0);
        assertEquals(9, explained.proposal());
        assertEquals(450.0, explained.value());
        assertEquals("sum", explained.aggregate());
        assertTrue(outcome.reason().contains("queue sum 450 over 3 reporting instances (1 unready) vs Value 100"),
                outcome.reason());
    }

    @Test
    void anIncompleteInstanceListOrAnOlderWindowFallsBackToTheAggregate() {
        PolicySnapshot policy = policy(null, metric("rps", MetricTargetSpec.averageValue(10)));
        // The collector left out 5 samples of further instances: the list cannot tell missing instances apart.
        MetricWindow capped = new MetricWindow(Contract.VERSION, "shop/web", "rps", T, T.plusSeconds(10), 7L, 2.0,
                2.0, 2.0, 14.0, List.of(instance("web-0", 2, null, true), instance("web-1", 2, null, true)), 5L);

        TrackingOutcome outcome = evaluate(policy, capped, observed(4));

        DecisionExplanation.MetricExplanation explained = outcome.explanation().metrics().get(0);
        // The aggregate path: total 2 × 4 = 8, ceil(8 / 10) = 1.
        assertEquals(1, explained.proposal());
        assertEquals("avg", explained.aggregate());
        assertTrue(explained.detail().contains("instance list is incomplete (5 samples"), explained.detail());

        // A late window of the metric is not its latest: the history's newer window is read, here an aggregate.
        MetricWindow late = instances("rps", 0, null, instance("web-0", 2, null, true));
        AutoscalerHistory newer = history(window("rps", 10, 2, 0), late);
        TrackingOutcome fallback = evaluator.evaluate(policy, newer, late, observed(4), null, BurstSignal.NONE);
        assertEquals(1, fallback.explanation().metrics().get(0).proposal());
        assertEquals("avg", fallback.explanation().metrics().get(0).aggregate());
    }

    @Test
    void everyTrackedMetricIsReadPerInstanceFromItsLatestWindow() {
        PolicySnapshot policy = policy(null, metric("cpu", MetricTargetSpec.utilization(60)),
                metric("rps", MetricTargetSpec.averageValue(10)));
        // rps's latest window came first and lists one instance at 40 and one unready; cpu's window triggers.
        MetricWindow rps = instances("rps", 0, null, instance("web-0", 40, null, true),
                instance("web-1", 0, null, false));
        MetricWindow cpu = instances("cpu", 0, null, instance("web-0", 90, null, true),
                instance("web-1", 90, null, true));
        AutoscalerHistory history = history(rps, cpu);

        TrackingOutcome outcome = evaluator.evaluate(policy, history, cpu, observed(2), null, BurstSignal.NONE);

        assertEquals("instances", outcome.explanation().metrics().get(0).aggregate());
        assertEquals(3, outcome.explanation().metrics().get(0).proposal());
        // Read per instance, rps is 40 on the one ready instance: ceil(40 / 10 × 1) = 4, the unready one idle.
        assertEquals("instances", outcome.explanation().metrics().get(1).aggregate());
        assertEquals(4, outcome.explanation().metrics().get(1).proposal());
        assertEquals(4, outcome.desiredReplicas());
        assertEquals("rps", outcome.metric());
    }

    private TrackingOutcome evaluate(PolicySnapshot policy, MetricWindow trigger, CurrentReplicas current) {
        return evaluator.evaluate(policy, history(trigger), trigger, current, null, BurstSignal.NONE);
    }

    private static InstanceAggregate instance(String id, double avg, Double request, Boolean ready) {
        return new InstanceAggregate(id, 2L, avg, avg, request, ready);
    }

    /**
     * A 10 s window of {@code metric} starting {@code start} seconds after T, listing {@code reported}; its sum
     * is {@code sum} or else the instances' total.
     */
    private static MetricWindow instances(String metric, int start, Double sum, InstanceAggregate... reported) {
        Instant from = T.plusSeconds(start);
        double total = Arrays.stream(reported).mapToDouble(i -> i.avg() * i.count()).sum();
        long count = Arrays.stream(reported).mapToLong(InstanceAggregate::count).sum();
        double min = Arrays.stream(reported).mapToDouble(InstanceAggregate::avg).min().orElseThrow();
        double max = Arrays.stream(reported).mapToDouble(InstanceAggregate::avg).max().orElseThrow();
        return new MetricWindow(Contract.VERSION, "shop/web", metric, from, from.plusSeconds(10), count, min, max,
                total / count, sum != null ? sum : total, List.of(reported), null);
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

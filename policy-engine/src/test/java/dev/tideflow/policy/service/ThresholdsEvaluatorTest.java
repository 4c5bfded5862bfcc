package dev.tideflow.policy.service;

import dev.tideflow.contracts.Contract;
import dev.tideflow.contracts.MetricWindow;
import dev.tideflow.policy.domain.AutoscalerHistory;
import dev.tideflow.policy.domain.DecisionExplanation.MetricExplanation;
import dev.tideflow.policy.domain.PolicySnapshot;
import dev.tideflow.policy.domain.ReplicaRange;
import dev.tideflow.policy.domain.ThresholdsRule;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ThresholdsEvaluatorTest {

    private static final Instant T = Instant.parse("2026-01-01T10:00:00Z");

    private final ThresholdsEvaluator evaluator = new ThresholdsEvaluator();

    @Test
    void theLargestProposalWinsSoAMetricThatWantsMoreIsNeverOverruled() {
        PolicySnapshot policy = policy(rule(null, 1, 1, cpu(null), memory(null)), 1, 10);
        AutoscalerHistory history = history(window("cpu", 0, 90), window("memory", 0, 20));

        ThresholdsEvaluator.Proposal proposal = evaluator.propose(policy, history, end(0), 2);

        assertEquals(3, proposal.recommendation());
        assertEquals(3, proposal.desired());
        assertEquals(1, proposal.direction());
        assertEquals("max of thresholds: cpu", proposal.decidedBy());
        assertEquals("cpu", proposal.metric());
        assertEquals(90.0, proposal.metricValue());
        assertEquals("thresholds: cpu avg 90 > scale-up threshold 80 → 3; memory avg 20 < scale-down threshold 30 "
                + "→ 1; max 3 (cpu)", proposal.text());
        MetricExplanation memory = proposal.thresholds().get(1);
        assertEquals("memory", memory.name());
        assertEquals("avg", memory.aggregate());
        assertEquals(20.0, memory.value());
        assertEquals("greater_than", memory.comparison());
        assertEquals("< scale-down threshold 30", memory.condition());
        assertEquals(1, memory.proposal());
        assertTrue(memory.valid());
        assertNull(memory.weight());
    }

    @Test
    void aWeightedMeanCanDifferFromTheMax() {
        AutoscalerHistory history = history(window("cpu", 0, 90), window("memory", 0, 20));

        ThresholdsEvaluator.Proposal max = evaluator.propose(policy(rule(null, 2, 1, cpu(null), memory(null)), 1, 10),
                history, end(0), 4);
        ThresholdsEvaluator.Proposal weighted = evaluator.propose(policy(rule("weighted", 2, 1, cpu(1.0),
                memory(1.0)), 1, 10), history, end(0), 4);

        assertEquals(6, max.desired());
        assertEquals(5, weighted.desired(), "ceil((6 + 3) / 2)");
        assertEquals("weighted thresholds", weighted.decidedBy());
        assertEquals("cpu", weighted.metric(), "the proposal that moved farthest");
        assertTrue(weighted.text().endsWith("; weighted mean (1 × 6 (cpu) + 1 × 3 (memory)) / 2 = 4.5, rounded up "
                + "to 5"), weighted.text());
        assertEquals(1.0, weighted.thresholds().get(0).weight());
    }

    @Test
    void lessThanScalesUpOnALowValueOfItsAggregation() {
        ThresholdsRule.Threshold free = new ThresholdsRule.Threshold("free", "min", "less_than", 10.0, 50.0, null);
        MetricWindow window = new MetricWindow(Contract.VERSION, "shop/web", "free", T, T.plusSeconds(10), 10L, 5.0,
                80.0, 40.0, 400.0);

        ThresholdsEvaluator.Proposal proposal = evaluator.propose(policy(rule(null, 1, 1, free, memory(null)), 1,
                10), history(window, window("memory", 0, 50)), end(0), 2);

        assertEquals(3, proposal.desired());
        assertTrue(proposal.text().startsWith("thresholds: free min 5 < scale-up threshold 10 → 3; "),
                proposal.text());
    }

    @Test
    void aPercentageChangeComparesWithThePreviousWindowOfItsMetric() {
        ThresholdsRule.Threshold rps = new ThresholdsRule.Threshold("rps", null, "percentage_change", 50.0, -30.0,
                null);
        PolicySnapshot policy = policy(rule(null, 1, 1, rps, memory(null)), 1, 10);
        AutoscalerHistory first = history(window("rps", 0, 100), window("memory", 0, 50));

        ThresholdsEvaluator.Proposal none = evaluator.propose(policy, first, end(0), 2);
        ThresholdsEvaluator.Proposal up = evaluator.propose(policy, first.withWindow(window("rps", 1, 200), true),
                end(1), 2);
        ThresholdsEvaluator.Proposal afterAGap = evaluator.propose(policy, first.withWindow(window("rps", 5, 200),
                true), end(5), 2);

        assertFalse(none.thresholds().get(0).valid());
        assertEquals("no previous window to compare with (percentage_change)", none.thresholds().get(0).detail());
        assertEquals(2, none.desired());
        assertEquals(3, up.desired());
        assertTrue(up.text().startsWith("thresholds: rps avg 200 (+100 % on the previous window's 100) > scale-up "
                + "threshold 50 % → 3"), up.text());
        assertFalse(afterAGap.thresholds().get(0).valid(), "a previous window 4 lengths back is no baseline");
    }

    @Test
    void aStaleMetricHoldsAScaleDownButNotAScaleUp() {
        PolicySnapshot policy = policy(rule(null, 1, 1, cpu(null), memory(null)), 1, 10);
        // cpu's latest window ended 40 s (4 window lengths) before memory's.
        AutoscalerHistory down = history(window("cpu", 0, 50), window("memory", 4, 20));
        AutoscalerHistory up = history(window("cpu", 0, 50), window("memory", 4, 95));

        ThresholdsEvaluator.Proposal held = evaluator.propose(policy, down, end(4), 3);
        ThresholdsEvaluator.Proposal scaled = evaluator.propose(policy, up, end(4), 3);

        assertEquals(3, held.desired());
        assertNull(held.recommendation());
        assertEquals(0, held.direction());
        assertEquals(ThresholdsEvaluator.UNREADABLE, held.decidedBy());
        assertFalse(held.thresholds().get(0).valid());
        assertTrue(held.thresholds().get(0).detail().startsWith("stale: its latest window ended 40 s before this "
                + "one"), held.thresholds().get(0).detail());
        assertEquals(4, scaled.desired());
    }

    @Test
    void withNoReadableMetricTheCountIsKept() {
        PolicySnapshot policy = policy(rule(null, 1, 1, cpu(null), memory(null)), 1, 10);

        ThresholdsEvaluator.Proposal proposal = evaluator.propose(policy, AutoscalerHistory.EMPTY, end(0), 3);

        assertEquals(3, proposal.desired());
        assertEquals(ThresholdsEvaluator.NO_VALID, proposal.decidedBy());
        assertEquals("no window received yet", proposal.thresholds().get(0).detail());
    }

    @Test
    void theRangeClampsTheCombinationAndSaysSo() {
        PolicySnapshot policy = policy(rule(null, 3, 1, cpu(null), memory(null)), 1, 5);

        ThresholdsEvaluator.Proposal proposal = evaluator.propose(policy, history(window("cpu", 0, 90),
                window("memory", 0, 50)), end(0), 4);

        assertEquals(7, proposal.raw());
        assertEquals(5, proposal.desired());
        assertEquals("rule thresholds, capped at maxReplicas 5", proposal.decidedBy());
    }

    @Test
    void theCombinationWaitsForItsEvaluationPeriodsAndTheCooldown() {
        PolicySnapshot policy = new PolicySnapshot(UUID.randomUUID(), "web", "shop/web", null, null,
                rule(null, 1, 1, cpu(null), memory(null)), new ReplicaRange(1, 10), 60, false, null, 2);
        ThresholdsEvaluator.Proposal proposal = evaluator.propose(policy, history(window("cpu", 0, 90),
                window("memory", 0, 50)), end(0), 2);
        CurrentReplicas two = new CurrentReplicas(2, CurrentReplicas.Source.OBSERVED);

        Evaluation waiting = evaluator.evaluate(policy, proposal, two, null, end(0), end(0), 1);
        Evaluation cooling = evaluator.evaluate(policy, proposal, two, end(0).minusSeconds(30), end(0), end(0), 2);
        Evaluation decided = evaluator.evaluate(policy, proposal, two, null, end(0), end(0), 2);

        assertEquals(SkipReason.EVALUATION_PERIODS, assertInstanceOf(Evaluation.NoDecision.class, waiting).why());
        assertTrue(waiting.reason().endsWith("would scale 2 → 3 replicas, but only 1 of 2 consecutive windows moved "
                + "the same way"), waiting.reason());
        assertEquals(SkipReason.COOLDOWN, assertInstanceOf(Evaluation.NoDecision.class, cooling).why());
        Evaluation.Decision decision = assertInstanceOf(Evaluation.Decision.class, decided);
        assertEquals(3, decision.desiredReplicas());
        assertEquals(90.0, decision.metricValue());
        assertTrue(decided.reason().endsWith("; max 3 (cpu) over window ending 10:00:10: 2 → 3 replicas"),
                decided.reason());
    }

    private static ThresholdsRule.Threshold cpu(Double weight) {
        return new ThresholdsRule.Threshold("cpu", null, null, 80.0, 30.0, weight);
    }

    private static ThresholdsRule.Threshold memory(Double weight) {
        return new ThresholdsRule.Threshold("memory", null, null, 80.0, 30.0, weight);
    }

    private static ThresholdsRule rule(String combination, int up, int down, ThresholdsRule.Threshold... thresholds) {
        return new ThresholdsRule(List.of(thresholds), up, down, combination);
    }

    private static PolicySnapshot policy(ThresholdsRule rule, int min, int max) {
        return new PolicySnapshot(UUID.randomUUID(), "web", "shop/web", null, null, rule, new ReplicaRange(min, max),
                0, false, null, 1);
    }

    private static AutoscalerHistory history(MetricWindow... windows) {
        AutoscalerHistory history = AutoscalerHistory.EMPTY;
        for (MetricWindow window : windows) {
            history = history.withWindow(window, true);
        }
        return history;
    }

    /** The window of {@code metric} with index {@code index} (10 s each from T), all its aggregates {@code value}. */
    private static MetricWindow window(String metric, int index, double value) {
        Instant start = T.plusSeconds(10L * index);
        return new MetricWindow(Contract.VERSION, "shop/web", metric, start, start.plusSeconds(10), 10L, value, value,
                value, value * 10);
    }

    private static Instant end(int index) {
        return T.plusSeconds(10L * index + 10);
    }
}

package dev.tideflow.policy.service;

import dev.tideflow.contracts.Contract;
import dev.tideflow.contracts.MetricWindow;
import dev.tideflow.policy.domain.Aggregation;
import dev.tideflow.policy.domain.PolicySnapshot;
import dev.tideflow.policy.domain.ReplicaRange;
import dev.tideflow.policy.domain.ThresholdRule;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

class PolicyEvaluatorTest {

    private static final Instant START = Instant.parse("2026-01-01T10:00:00Z");
    private static final Instant NOW = START.plusSeconds(11);

    private final PolicyEvaluator evaluator = new PolicyEvaluator();

    @Test
    void aBreachBecomesADecisionThatSaysWhy() {
        Evaluation result = evaluator.evaluate(policy(Aggregation.AVG, 1, 5, 60), window(91.2, 99.0),
                observed(2), null, NOW);

        Evaluation.Decision decision = assertInstanceOf(Evaluation.Decision.class, result);
        assertEquals(2, decision.currentReplicas());
        assertEquals(3, decision.desiredReplicas());
        assertEquals(91.2, decision.metricValue());
        assertEquals("cpu avg 91.2 > scale-up threshold 80 over window 10:00:00–10:00:10: 2 → 3 replicas",
                decision.reason());
    }

    @Test
    void thePolicysAggregationIsTheValueCompared() {
        Evaluation result = evaluator.evaluate(policy(Aggregation.MAX, 1, 5, 60), window(50.0, 99.0),
                observed(2), null, NOW);

        assertEquals("cpu max 99 > scale-up threshold 80 over window 10:00:00–10:00:10: 2 → 3 replicas",
                result.reason());
    }

    @Test
    void aValueInsideTheBandDecidesNothing() {
        Evaluation result = evaluator.evaluate(policy(Aggregation.AVG, 1, 5, 60), window(50.0, 60.0),
                observed(2), null, NOW);

        Evaluation.NoDecision none = assertInstanceOf(Evaluation.NoDecision.class, result);
        assertEquals(SkipReason.NO_CHANGE, none.why());
        assertEquals("cpu avg 50 within thresholds [30, 80] over window 10:00:00–10:00:10: stays at 2 replicas",
                none.reason());
    }

    @Test
    void aBreachAtMaxReplicasDecidesNothing() {
        Evaluation result = evaluator.evaluate(policy(Aggregation.AVG, 1, 2, 60), window(91.2, 99.0),
                observed(2), null, NOW);

        assertEquals(SkipReason.NO_CHANGE, assertInstanceOf(Evaluation.NoDecision.class, result).why());
    }

    @Test
    void aChangeInsideTheCooldownIsHeldBack() {
        Evaluation result = evaluator.evaluate(policy(Aggregation.AVG, 1, 5, 60), window(91.2, 99.0),
                observed(2), START.minusSeconds(30), NOW);

        Evaluation.NoDecision none = assertInstanceOf(Evaluation.NoDecision.class, result);
        assertEquals(SkipReason.COOLDOWN, none.why());
        assertEquals("cpu avg 91.2 > scale-up threshold 80 over window 10:00:00–10:00:10: would scale 2 → 3"
                + " replicas, but the cooldown of 60 s after the decision at 09:59:30 lasts until 10:00:30",
                none.reason());
    }

    @Test
    void aChangeAfterTheCooldownIsDecided() {
        Evaluation result = evaluator.evaluate(policy(Aggregation.AVG, 1, 5, 60), window(91.2, 99.0),
                observed(2), NOW.minusSeconds(60), NOW);

        assertInstanceOf(Evaluation.Decision.class, result);
    }

    @Test
    void anUnknownCountStartsFromTheMinimumAndSaysSo() {
        Evaluation result = evaluator.evaluate(policy(Aggregation.AVG, 2, 5, 60), window(91.2, 99.0),
                CurrentReplicas.resolve(null, null, null, null, 2), null, NOW);

        assertEquals("cpu avg 91.2 > scale-up threshold 80 over window 10:00:00–10:00:10: 2 → 3 replicas"
                + " (replica count not observed yet, assumed minReplicas 2)", result.reason());
    }

    @Test
    void aCountOutsideTheRangeIsBroughtBackEvenInsideTheBand() {
        Evaluation result = evaluator.evaluate(policy(Aggregation.AVG, 1, 5, 60), window(50.0, 60.0),
                observed(8), null, NOW);

        Evaluation.Decision decision = assertInstanceOf(Evaluation.Decision.class, result);
        assertEquals(5, decision.desiredReplicas());
        assertEquals("cpu avg 50 within thresholds [30, 80] over window 10:00:00–10:00:10: 8 → 5 replicas"
                + " (8 replicas is outside [1, 5], clamped to 5)", decision.reason());
    }

    @Test
    void aScheduleFloorIsReachedWithoutWaitingForBreaches() {
        PolicySnapshot threePeriods = new PolicySnapshot(UUID.randomUUID(), "web-cpu", "shop/web", "cpu",
                Aggregation.AVG, new ThresholdRule(80.0, 30.0, 1, 1), new ReplicaRange(6, 10), 60, false, null, 3);

        Evaluation inBand = evaluator.evaluate(threePeriods, window(50.0, 60.0), observed(2), null, NOW, 0);
        Evaluation below = evaluator.evaluate(threePeriods, window(10.0, 10.0), observed(2), null, NOW, 1);

        assertEquals(6, assertInstanceOf(Evaluation.Decision.class, inBand).desiredReplicas());
        assertEquals(6, assertInstanceOf(Evaluation.Decision.class, below).desiredReplicas());
    }

    @Test
    void theRulesOwnStepStillWaitsForItsBreaches() {
        PolicySnapshot threePeriods = new PolicySnapshot(UUID.randomUUID(), "web-cpu", "shop/web", "cpu",
                Aggregation.AVG, new ThresholdRule(80.0, 30.0, 1, 1), new ReplicaRange(6, 10), 60, false, null, 3);

        Evaluation above = evaluator.evaluate(threePeriods, window(90.0, 90.0), observed(7), null, NOW, 2);

        assertEquals(SkipReason.EVALUATION_PERIODS, assertInstanceOf(Evaluation.NoDecision.class, above).why());
    }

    @Test
    void aPercentageChangeIsComparedWithThePreviousWindowsValue() {
        PolicySnapshot change = new PolicySnapshot(UUID.randomUUID(), "web-cpu", "shop/web", "cpu", Aggregation.AVG,
                new ThresholdRule(50.0, -30.0, 1, 1, ThresholdRule.PERCENTAGE_CHANGE), new ReplicaRange(1, 5), 60,
                false, null, 1);

        Evaluation up = evaluator.evaluate(change, window(90.0, 90.0), observed(2), null, NOW, 1, 40.0);
        Evaluation none = evaluator.evaluate(change, window(90.0, 90.0), observed(2), null, NOW, 0, null);

        assertEquals(3, assertInstanceOf(Evaluation.Decision.class, up).desiredReplicas());
        assertEquals("cpu avg 90 (+125 % on the previous window's 40) > scale-up threshold 50 % over window "
                + "10:00:00–10:00:10: 2 → 3 replicas", up.reason());
        assertEquals("cpu avg 90 with no previous window to compare with (percentage_change) over window "
                + "10:00:00–10:00:10: stays at 2 replicas", none.reason());
    }

    private static CurrentReplicas observed(int replicas) {
        return new CurrentReplicas(replicas, CurrentReplicas.Source.OBSERVED);
    }

    private static PolicySnapshot policy(Aggregation aggregation, int min, int max, int cooldownSeconds) {
        return new PolicySnapshot(UUID.randomUUID(), "web-cpu", "shop/web", "cpu", aggregation,
                new ThresholdRule(80.0, 30.0, 1, 1), new ReplicaRange(min, max), cooldownSeconds, false, null, 1);
    }

    private static MetricWindow window(double avg, double max) {
        return new MetricWindow(Contract.VERSION, "shop/web", "cpu", START, START.plusSeconds(10), 10L, 1.0, max,
                avg, avg * 10);
    }
}

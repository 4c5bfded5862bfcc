package dev.tideflow.policy.domain;

import dev.tideflow.contracts.Violations;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ThresholdRuleTest {

    private static final ReplicaRange ONE_TO_FIVE = new ReplicaRange(1, 5);

    private final ThresholdRule rule = new ThresholdRule(80.0, 30.0, 2, 1);

    @Test
    void aboveTheScaleUpThresholdAddsTheStep() {
        RuleProposal proposal = rule.propose(91.2, 2, ONE_TO_FIVE);

        assertEquals(4, proposal.desiredReplicas());
        assertEquals("> scale-up threshold 80", proposal.condition());
        assertNull(proposal.limit());
    }

    @Test
    void scalingUpStopsAtMaxReplicas() {
        RuleProposal proposal = rule.propose(91.2, 4, ONE_TO_FIVE);

        assertEquals(5, proposal.desiredReplicas());
        assertEquals("capped at maxReplicas 5", proposal.limit());
    }

    @Test
    void belowTheScaleDownThresholdRemovesTheStep() {
        RuleProposal proposal = new ThresholdRule(80.0, 30.0, 1, 2).propose(12.5, 4, ONE_TO_FIVE);

        assertEquals(2, proposal.desiredReplicas());
        assertEquals("< scale-down threshold 30", proposal.condition());
    }

    @Test
    void scalingDownStopsAtMinReplicas() {
        RuleProposal proposal = new ThresholdRule(80.0, 30.0, 1, 3).propose(12.5, 2, ONE_TO_FIVE);

        assertEquals(1, proposal.desiredReplicas());
        assertEquals("floored at minReplicas 1", proposal.limit());
    }

    @Test
    void insideTheBandAndOnEitherThresholdKeepsTheCount() {
        assertEquals(3, rule.propose(50, 3, ONE_TO_FIVE).desiredReplicas());
        assertEquals(3, rule.propose(80, 3, ONE_TO_FIVE).desiredReplicas());
        assertEquals(3, rule.propose(30, 3, ONE_TO_FIVE).desiredReplicas());
        assertEquals("within thresholds [30, 80]", rule.propose(50, 3, ONE_TO_FIVE).condition());
    }

    @Test
    void aCountOutsideTheRangeIsClampedWhateverTheValue() {
        RuleProposal tooMany = rule.propose(50, 9, ONE_TO_FIVE);
        RuleProposal tooFewButHot = new ThresholdRule(80.0, 30.0, 1, 1).propose(10, 0, new ReplicaRange(2, 5));

        assertEquals(5, tooMany.desiredReplicas());
        assertEquals("9 replicas is outside [1, 5], clamped to 5", tooMany.limit());
        assertEquals(2, tooFewButHot.desiredReplicas());
    }

    @Test
    void hugeStepsDoNotOverflow() {
        RuleProposal proposal = new ThresholdRule(80.0, 30.0, Integer.MAX_VALUE, 1)
                .propose(99, 3, new ReplicaRange(0, Integer.MAX_VALUE));

        assertEquals(Integer.MAX_VALUE, proposal.desiredReplicas());
    }

    @Test
    void stepsDefaultToOne() {
        ThresholdRule defaults = new ThresholdRule(80.0, 30.0, null, null);

        assertEquals(1, defaults.scaleUpBy());
        assertEquals(1, defaults.scaleDownBy());
    }

    @Test
    void validationListsEveryBrokenRule() {
        Violations check = new Violations();
        new ThresholdRule(30.0, 80.0, 0, -1).validate(check);

        assertEquals(3, check.list().size(), check.list().toString());
        assertTrue(check.list().contains("'rule.scaleDownThreshold' (80) must be below 'rule.scaleUpThreshold' (30)"));
        assertTrue(check.list().contains("'rule.scaleUpBy' must be at least 1, got 0"));
        assertTrue(check.list().contains("'rule.scaleDownBy' must be at least 1, got -1"));
    }

    @Test
    void equalThresholdsAndMissingOnesAreRejected() {
        Violations equal = new Violations();
        new ThresholdRule(50.0, 50.0, 1, 1).validate(equal);
        Violations missing = new Violations();
        new ThresholdRule(null, Double.NaN, 1, 1).validate(missing);

        assertEquals(1, equal.list().size());
        assertEquals(List.of("'rule.scaleUpThreshold' is required",
                "'rule.scaleDownThreshold' must be a finite number, got NaN"), missing.list());
    }

    @Test
    void lessThanScalesUpOnLowValuesAndDownOnHighOnes() {
        ThresholdRule idle = new ThresholdRule(20.0, 60.0, 1, 1, ThresholdRule.LESS_THAN);

        assertEquals(3, idle.propose(12.0, 2, ONE_TO_FIVE).desiredReplicas());
        assertEquals("< scale-up threshold 20", idle.propose(12.0, 2, ONE_TO_FIVE).condition());
        assertEquals(1, idle.propose(75.0, 2, ONE_TO_FIVE).desiredReplicas());
        assertEquals("> scale-down threshold 60", idle.propose(75.0, 2, ONE_TO_FIVE).condition());
        assertEquals("within thresholds [20, 60]", idle.propose(40.0, 2, ONE_TO_FIVE).condition());
        assertEquals(1, idle.breach(19.9));
        assertEquals(-1, idle.breach(60.1));
    }

    @Test
    void percentageChangeComparesTheChangeFromThePreviousValue() {
        ThresholdRule change = new ThresholdRule(50.0, -30.0, 1, 1, ThresholdRule.PERCENTAGE_CHANGE);

        assertEquals(60.0, change.compared(160.0, 100.0), 1e-9);
        assertEquals(-40.0, change.compared(60.0, 100.0), 1e-9);
        assertEquals(100.0, change.compared(0.0, -50.0), 1e-9, "a negative baseline is measured by its size");
        assertNull(change.compared(10.0, null));
        assertNull(change.compared(10.0, 0.0));
        assertEquals("> scale-up threshold 50 %", change.propose(60.0, 2, ONE_TO_FIVE).condition());
        assertEquals(3, change.propose(60.0, 2, ONE_TO_FIVE).desiredReplicas());
        assertEquals(1, change.propose(-40.0, 2, ONE_TO_FIVE).desiredReplicas());
        assertEquals("within thresholds [-30, 50] %", change.propose(10.0, 2, ONE_TO_FIVE).condition());
        assertEquals(42.0, new ThresholdRule(80.0, 30.0, 1, 1).compared(42.0, 7.0), "greater_than reads the value");
    }

    @Test
    void eachComparisonChecksItsOwnOrderOfThresholds() {
        Violations lessThan = new Violations();
        new ThresholdRule(60.0, 20.0, 1, 1, ThresholdRule.LESS_THAN).validate(lessThan);
        Violations unknown = new Violations();
        new ThresholdRule(60.0, 20.0, 1, 1, "sideways").validate(unknown);
        Violations change = new Violations();
        new ThresholdRule(50.0, -30.0, 1, 1, ThresholdRule.PERCENTAGE_CHANGE).validate(change);

        assertEquals(List.of("'rule.scaleUpThreshold' (60) must be below 'rule.scaleDownThreshold' (20) for a "
                + "less_than comparison, which scales up on low values"), lessThan.list());
        assertEquals(List.of("unknown comparison 'sideways' in 'rule.comparison' (expected one of greater_than, "
                + "less_than, percentage_change)"), unknown.list());
        assertEquals(List.of(), change.list());
    }
}

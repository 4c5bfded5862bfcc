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
}

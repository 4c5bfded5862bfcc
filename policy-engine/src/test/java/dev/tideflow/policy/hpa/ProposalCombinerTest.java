package dev.tideflow.policy.hpa;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

class ProposalCombinerTest {

    private final ProposalCombiner combiner = new ProposalCombiner();

    @Test
    void maxTakesTheLargestValidProposal() {
        MetricProposal queue = proposal("queue", 9);
        ProposalCombiner.Combined combined = combiner.combine(MetricCombination.MAX,
                List.of(proposal("cpu", 4), queue, invalid("rps")), List.of());

        assertEquals(9, combined.replicas());
        assertSame(queue, combined.chosen());
    }

    @Test
    void weightedIsTheRoundedUpMeanOfTheValidProposals() {
        // (3 × 4 + 1 × 10) / 4 = 5.5 → 6
        ProposalCombiner.Combined combined = combiner.combine(MetricCombination.WEIGHTED,
                List.of(proposal("cpu", 4), proposal("queue", 10)), List.of(3.0, 1.0));

        assertEquals(6, combined.replicas());
        assertNull(combined.chosen());
        assertEquals("weighted mean (3 × 4 (cpu) + 1 × 10 (queue)) / 4 = 5.5, rounded up to 6",
                combined.explanation());
    }

    @Test
    void anInvalidMetricLeavesTheMeanAndItsWeightOut() {
        // (2 × 6) / 2 = 6: the unreadable metric's weight does not dilute the others.
        ProposalCombiner.Combined combined = combiner.combine(MetricCombination.WEIGHTED,
                List.of(proposal("cpu", 6), invalid("rps")), List.of(2.0, 5.0));

        assertEquals(6, combined.replicas());
    }

    @Test
    void decimalWeightsDoNotRoundAWholeMeanUp() {
        // 0.1 × 3 + 0.2 × 3 over 0.3 is 3.0000000000000004 in doubles.
        ProposalCombiner.Combined combined = combiner.combine(MetricCombination.WEIGHTED,
                List.of(proposal("a", 3), proposal("b", 3)), List.of(0.1, 0.2));

        assertEquals(3, combined.replicas());
    }

    @Test
    void absentWeightsCountOne() {
        assertEquals(5, combiner.combine(MetricCombination.WEIGHTED, List.of(proposal("a", 4), proposal("b", 5)),
                null).replicas());
        assertEquals(5, combiner.combine(MetricCombination.WEIGHTED, List.of(proposal("a", 4), proposal("b", 5)),
                Arrays.asList(null, 1.0)).replicas());
    }

    @Test
    void noValidProposalCombinesToNothing() {
        assertNull(combiner.combine(MetricCombination.WEIGHTED, List.of(invalid("a")), List.of(1.0)));
        assertNull(combiner.combine(MetricCombination.MAX, List.of(invalid("a")), List.of()));
    }

    private static MetricProposal proposal(String name, int replicas) {
        return new MetricProposal(name, replicas, 1.0, 1.0, "proposes " + replicas);
    }

    private static MetricProposal invalid(String name) {
        return MetricProposal.invalid(name, "no data");
    }
}

package dev.tideflow.policy.hpa;

import java.util.List;

/**
 * Turns the valid proposals of several metrics into one replica count. Invalid proposals take no part: whether
 * the count may move at all with some metrics unreadable is {@link HorizontalAutoscaler}'s rule, the same for
 * every combination.
 */
public final class ProposalCombiner {

    /**
     * Weighted sums of decimal weights land a hair above a whole number ({@code 0.1 × 3 + 0.2 × 3} over
     * {@code 0.3} is 3.0000000000000004); HPA computes in thousandths, so anything within a millionth of a whole
     * number is that number before the ceiling.
     */
    private static final double EPSILON = 1e-6;

    /**
     * @param proposals every metric's proposal, in the input's order
     * @param weights   the metrics' weights in the same order (each above 0); null or empty for all 1
     * @return the combined count and the metric that set it (null for a weighted mean); null when no proposal is
     *         valid
     */
    public Combined combine(MetricCombination combination, List<MetricProposal> proposals, List<Double> weights) {
        if (combination == MetricCombination.WEIGHTED) {
            return weighted(proposals, weights);
        }
        MetricProposal chosen = null;
        for (MetricProposal proposal : proposals) {
            if (proposal.valid() && (chosen == null || proposal.replicas() > chosen.replicas())) {
                chosen = proposal;
            }
        }
        return chosen == null ? null : new Combined(chosen.replicas(), chosen, null);
    }

    private static Combined weighted(List<MetricProposal> proposals, List<Double> weights) {
        double weighted = 0;
        double total = 0;
        StringBuilder terms = new StringBuilder();
        for (int i = 0; i < proposals.size(); i++) {
            MetricProposal proposal = proposals.get(i);
            if (!proposal.valid()) {
                continue;
            }
            double weight = weights == null || weights.isEmpty() || weights.get(i) == null ? 1.0 : weights.get(i);
            weighted += weight * proposal.replicas();
            total += weight;
            if (terms.length() > 0) {
                terms.append(" + ");
            }
            terms.append(format(weight)).append(" × ").append(proposal.replicas()).append(" (").append(proposal.name())
                    .append(')');
        }
        if (total == 0) {
            return null;
        }
        double mean = weighted / total;
        int replicas = (int) Math.min(Integer.MAX_VALUE, Math.ceil(mean - EPSILON));
        return new Combined(replicas, null, "weighted mean (" + terms + ") / " + format(total) + " = "
                + format(Math.round(mean * 1000) / 1000.0) + ", rounded up to " + replicas);
    }

    private static String format(double value) {
        return value == Math.rint(value) && Math.abs(value) < 1e15 ? Long.toString((long) value)
                : Double.toString(value);
    }

    /**
     * @param chosen      the metric whose proposal is the count (max); null for a weighted mean
     * @param explanation how a weighted mean was computed; null for max
     */
    public record Combined(int replicas, MetricProposal chosen, String explanation) {
    }
}

package dev.tideflow.policy.hpa;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * One HPA reconciliation as pure computation: each metric's proposal ({@link TargetTrackingCalculator}), the
 * largest valid one as HPA's {@code computeReplicasForMetrics} picks it (or their weighted mean,
 * {@link ProposalCombiner}), then behavior ({@link BehaviorNormalizer}). When every metric is invalid, or some
 * are and the combined count of the rest would scale down, the count stays: scaling down on partial information
 * could remove capacity the unreadable metric needs.
 */
public final class HorizontalAutoscaler {

    private final TargetTrackingCalculator calculator = new TargetTrackingCalculator();
    private final BehaviorNormalizer normalizer = new BehaviorNormalizer();
    private final ProposalCombiner combiner = new ProposalCombiner();

    public AutoscalerDecision decide(AutoscalerInput input) {
        int current = input.currentReplicas();
        Tolerances tolerances = input.behavior().tolerances(
                input.tolerance() == null ? Tolerances.DEFAULT : input.tolerance());
        List<MetricProposal> proposals = new ArrayList<>();
        for (MetricInput metric : input.metrics()) {
            proposals.add(calculator.propose(metric, current, tolerances));
        }

        if (current == 0 && input.minReplicas() != 0) {
            return new AutoscalerDecision(0, proposals, null, null, "ScalingDisabled",
                    "scaling is disabled since the replica count of the target is zero and minReplicas is "
                            + input.minReplicas());
        }
        if (current > input.maxReplicas() || current < input.minReplicas()) {
            boolean above = current > input.maxReplicas();
            int bound = above ? input.maxReplicas() : input.minReplicas();
            return capped(input, proposals, bound, above ? "TooManyReplicas" : "TooFewReplicas",
                    "current " + current + " replicas is " + (above ? "above maxReplicas " : "below minReplicas ")
                            + bound + ", so the count returns to it before any metric is considered");
        }

        ProposalCombiner.Combined combined = combiner.combine(input.combination(), proposals, input.weights());
        int replicas = combined == null ? 0 : combined.replicas();
        List<MetricProposal> invalid = proposals.stream().filter(p -> !p.valid()).toList();
        if (!invalid.isEmpty() && (invalid.size() == proposals.size() || replicas < current)) {
            String why = invalid.stream().map(p -> p.name() + ": " + p.reason())
                    .collect(Collectors.joining("; "));
            String what = invalid.size() == proposals.size() ? "no metric gives a valid proposal"
                    : "the valid metrics would scale down to " + replicas + " while " + invalid.size()
                            + " metric(s) cannot be read";
            return capped(input, proposals, current, null,
                    what + ", so the count stays at " + current + " (" + why + ")");
        }

        Normalization normalized = normalizer.normalize(input.behavior(), current, replicas, input.minReplicas(),
                input.maxReplicas(), input.globalCap(), input.recommendations(), input.events(), input.now());
        StringBuilder reason = new StringBuilder();
        if (combined.chosen() == null) {
            reason.append("the ").append(combined.explanation()).append(" asks for ").append(replicas)
                    .append(" replicas");
        } else {
            reason.append(combined.chosen().name()).append(" asks for ").append(replicas).append(" replicas");
            if (proposals.size() > 1) {
                reason.append(" (the largest of ").append(proposals.size() - invalid.size())
                        .append(" valid proposals)");
            }
            reason.append(": ").append(combined.chosen().reason());
        }
        if (normalized.limitedBy() != null) {
            reason.append("; ").append(normalized.reason()).append(" (").append(normalized.limitedBy()).append(")");
        }
        reason.append("; ").append(current).append(" → ").append(normalized.desiredReplicas()).append(" replicas");
        return new AutoscalerDecision(normalized.desiredReplicas(), proposals, replicas,
                normalized.stabilizedReplicas(), normalized.limitedBy(), reason.toString());
    }

    private static AutoscalerDecision capped(AutoscalerInput input, List<MetricProposal> proposals, int desired,
            String limitedBy, String reason) {
        if (input.globalCap() != null && desired > input.globalCap()) {
            return new AutoscalerDecision(input.globalCap(), proposals, null, null, "GlobalCap",
                    reason + "; the global cap of " + input.globalCap() + " replicas lowers it to "
                            + input.globalCap());
        }
        return new AutoscalerDecision(desired, proposals, null, null, limitedBy, reason);
    }
}

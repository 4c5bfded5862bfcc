package dev.tideflow.policy.hpa;

import java.util.List;

/**
 * The outcome of one evaluation, with what it is made of.
 *
 * @param metrics        every metric's proposal, valid or not, in the input's order
 * @param recommendation the metrics' combined recommendation to record in the stabilization history; null when
 *                       the metrics gave none (so nothing is recorded, as HPA)
 * @param stabilized     the recommendation after stabilization; null when behavior was not applied
 * @param limitedBy      the HPA condition reason of the step that changed the recommendation last; null if none
 */
public record AutoscalerDecision(int desiredReplicas, List<MetricProposal> metrics, Integer recommendation,
        Integer stabilized, String limitedBy, String reason) {
}

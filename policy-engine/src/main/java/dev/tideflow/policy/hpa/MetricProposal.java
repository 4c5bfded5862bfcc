package dev.tideflow.policy.hpa;

/**
 * What one metric asks for.
 *
 * @param replicas the replica count the metric proposes, before stabilization, rate limits and bounds; null
 *                 when none can be computed (the metric is invalid)
 * @param ratio    current / target usage as first measured (before missing and unready instances are filled
 *                 in); null if it cannot be computed or is not finite
 * @param current  the measured level: whole percent for Utilization, the average for AverageValue, the total
 *                 for Value; null if invalid
 * @param reason   how the proposal came about, or why there is none
 */
public record MetricProposal(String name, Integer replicas, Double ratio, Double current, String reason) {

    public static MetricProposal invalid(String name, String reason) {
        return new MetricProposal(name, null, null, null, reason);
    }

    public boolean valid() {
        return replicas != null;
    }
}

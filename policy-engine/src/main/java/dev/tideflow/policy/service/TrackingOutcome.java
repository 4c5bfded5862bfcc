package dev.tideflow.policy.service;

import dev.tideflow.policy.domain.DecisionExplanation;

/**
 * What a targetTracking policy makes of a window.
 *
 * @param recommendation the metrics' recommendation to remember for stabilization; null when they gave none
 * @param metric         the metric that decided (the largest valid proposal), else the window's
 * @param metricValue    that metric's value as read from its window
 * @param confidence     the share of the policy's metrics that could be read, halved while the replica count is
 *                       only assumed
 */
public record TrackingOutcome(int currentReplicas, int desiredReplicas, Integer recommendation, String metric,
        double metricValue, String reason, DecisionExplanation explanation, double confidence) {

    public boolean changes() {
        return desiredReplicas != currentReplicas;
    }
}

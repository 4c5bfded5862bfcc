package dev.tideflow.contracts;

import java.time.Instant;

/**
 * A policy's decision to set a target's replica count and, for a vertical or mixed policy, the resources each
 * replica requests, published to {@code tideflow.decisions} keyed by target. {@code desiredReplicas} and
 * {@code resources} are absolute, so applying a decision twice cannot scale twice; the executor still applies each
 * {@code decisionId} at most once.
 *
 * @param metric      the metric that triggered the decision
 * @param metricValue its aggregated value in the window that was evaluated
 * @param dryRun      published and logged, but the executor records it without applying it
 * @param resources   the requests every replica should run with; null (absent in JSON) changes replicas only. With
 *                    requests, {@code desiredReplicas} may equal {@code currentReplicas}: a requests-only decision
 */
public record ScalingDecision(Integer v, String decisionId, String target, String policyId, String policyName,
        Integer currentReplicas, Integer desiredReplicas, String reason, String metric, Double metricValue,
        Instant windowEnd, Instant createdAt, Boolean dryRun, ResourceRequests resources) implements Contract {

    /** A replicas-only decision, as every decision was before requests. */
    public ScalingDecision(Integer v, String decisionId, String target, String policyId, String policyName,
            Integer currentReplicas, Integer desiredReplicas, String reason, String metric, Double metricValue,
            Instant windowEnd, Instant createdAt, Boolean dryRun) {
        this(v, decisionId, target, policyId, policyName, currentReplicas, desiredReplicas, reason, metric,
                metricValue, windowEnd, createdAt, dryRun, null);
    }

    public boolean isDryRun() {
        return Boolean.TRUE.equals(dryRun);
    }

    /** This decision with {@code requests} as the replicas' resources. */
    public ScalingDecision withResources(ResourceRequests requests) {
        return new ScalingDecision(v, decisionId, target, policyId, policyName, currentReplicas, desiredReplicas,
                reason, metric, metricValue, windowEnd, createdAt, dryRun, requests);
    }

    @Override
    public void validate(Violations check) {
        check.version(v);
        check.text("decisionId", decisionId, 64, true);
        check.target("target", target);
        check.text("policyId", policyId, 64, true);
        check.text("policyName", policyName, Violations.MAX_NAME_LENGTH, false);
        check.nonNegative("currentReplicas", currentReplicas, true);
        check.nonNegative("desiredReplicas", desiredReplicas, true);
        check.text("reason", reason, Violations.MAX_TEXT_LENGTH, true);
        if (metric != null) {
            check.metricName("metric", metric);
        }
        check.nonNegativeFinite("metricValue", metricValue, false);
        check.instant("createdAt", createdAt, true);
        if (resources != null) {
            resources.validate(check, "resources");
        }
    }
}

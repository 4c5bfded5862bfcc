package dev.tideflow.policy.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.tideflow.contracts.Contract;
import dev.tideflow.contracts.ResourceRequests;
import dev.tideflow.contracts.ScalingDecision;
import dev.tideflow.policy.domain.DecisionExplanation;
import dev.tideflow.policy.domain.DecisionLogEntry;

import java.time.Instant;

/**
 * A logged decision: the published record's fields, its priority and, for a single decision, the whole
 * explanation. The priority is not part of the Kafka record; it is also in its reason text.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DecisionView(Integer v, String decisionId, String target, String policyId, String policyName,
        Integer currentReplicas, Integer desiredReplicas, String reason, String metric, Double metricValue,
        Instant windowEnd, Instant createdAt, Boolean dryRun, ResourceRequests resources, String priority,
        DecisionExplanation explanation) {

    public static DecisionView summary(DecisionLogEntry entry) {
        return of(entry, null);
    }

    public static DecisionView detailed(DecisionLogEntry entry) {
        return of(entry, entry.explanation);
    }

    private static DecisionView of(DecisionLogEntry entry, DecisionExplanation explanation) {
        ScalingDecision d = entry.toDecision();
        return new DecisionView(Contract.VERSION, d.decisionId(), d.target(), d.policyId(), d.policyName(),
                d.currentReplicas(), d.desiredReplicas(), d.reason(), d.metric(), d.metricValue(), d.windowEnd(),
                d.createdAt(), d.dryRun(), d.resources(), entry.priority, explanation);
    }

    public ScalingDecision toDecision() {
        return new ScalingDecision(v, decisionId, target, policyId, policyName, currentReplicas, desiredReplicas,
                reason, metric, metricValue, windowEnd, createdAt, dryRun, resources);
    }
}

package dev.tideflow.policy.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.tideflow.policy.hpa.AutoscalerDecision;

import java.util.List;

/**
 * What the autoscaler would do and why.
 *
 * @param recommendation     the metrics' combined recommendation, as it would enter the stabilization history;
 *                           absent when the metrics gave none
 * @param stabilizedReplicas the recommendation after the stabilization windows
 * @param limitedBy          the HPA condition reason of the step that changed the recommendation last
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SimulationResponse(int currentReplicas, int desiredReplicas, Integer recommendation,
        Integer stabilizedReplicas, String limitedBy, String reason, List<MetricResult> metrics) {

    public static SimulationResponse of(int currentReplicas, AutoscalerDecision decision) {
        List<MetricResult> metrics = decision.metrics().stream()
                .map(p -> new MetricResult(p.name(), p.replicas(), p.ratio(), p.current(), p.reason()))
                .toList();
        return new SimulationResponse(currentReplicas, decision.desiredReplicas(), decision.recommendation(),
                decision.stabilized(), decision.limitedBy(), decision.reason(), metrics);
    }

    /**
     * @param proposal the metric's count before stabilization, rate limits and bounds; null when it has none
     * @param ratio    current / target, before missing and unready instances are filled in
     * @param current  the measured level: percent for Utilization, the average for AverageValue, the total for
     *                 Value
     */
    public record MetricResult(String name, Integer proposal, Double ratio, Double current, String reason) {
    }
}

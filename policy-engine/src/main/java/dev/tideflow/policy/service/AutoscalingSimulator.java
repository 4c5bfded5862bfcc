package dev.tideflow.policy.service;

import dev.tideflow.contracts.Violations;
import dev.tideflow.kit.rest.ProblemException;
import dev.tideflow.policy.domain.BehaviorSpec;
import dev.tideflow.policy.domain.MetricTargetSpec;
import dev.tideflow.policy.domain.Numbers;
import dev.tideflow.policy.domain.SimulationRequest;
import dev.tideflow.policy.domain.SpecChecks;
import dev.tideflow.policy.hpa.AutoscalerDecision;
import dev.tideflow.policy.hpa.AutoscalerInput;
import dev.tideflow.policy.hpa.Behavior;
import dev.tideflow.policy.hpa.HorizontalAutoscaler;
import dev.tideflow.policy.hpa.InstanceSample;
import dev.tideflow.policy.hpa.MetricCombination;
import dev.tideflow.policy.hpa.MetricInput;
import dev.tideflow.policy.hpa.MetricTarget;
import dev.tideflow.policy.hpa.Recommendation;
import dev.tideflow.policy.hpa.ScaleEvent;
import dev.tideflow.policy.hpa.TargetType;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Checks a simulation request field by field, turns it into the HPA calculation's input and the outcome into
 * the answer. Every inconsistency is reported at once, each naming its field.
 */
public final class AutoscalingSimulator {

    public static final int MAX_METRICS = 50;
    public static final int MAX_INSTANCES = 10_000;
    public static final int MAX_HISTORY = 10_000;

    private final HorizontalAutoscaler autoscaler = new HorizontalAutoscaler();

    /**
     * @param now the moment to simulate at unless the request names one
     * @throws ProblemException 400 listing every inconsistent field
     */
    public AutoscalerDecision simulate(SimulationRequest request, Instant now) {
        List<String> errors = validate(request, now);
        if (!errors.isEmpty()) {
            throw ProblemException.invalid("the simulation request is not valid", errors);
        }
        return autoscaler.decide(toInput(request, now));
    }

    public List<String> validate(SimulationRequest request, Instant now) {
        Violations check = new Violations();
        if (request == null) {
            return check.add("a simulation request is required in the request body").list();
        }
        boolean current = SpecChecks.atLeast(check, "currentReplicas", request.currentReplicas(), 0, true);
        boolean min = SpecChecks.atLeast(check, "minReplicas", request.minReplicas(), 0, true);
        boolean max = SpecChecks.atLeast(check, "maxReplicas", request.maxReplicas(), 1, true);
        if (min && max && request.minReplicas() > request.maxReplicas()) {
            check.add("'minReplicas' (" + request.minReplicas() + ") must not exceed 'maxReplicas' ("
                    + request.maxReplicas() + ")");
        }
        if (SpecChecks.atLeast(check, "globalCap", request.globalCap(), 1, false) && min
                && request.globalCap() < request.minReplicas()) {
            check.add("'globalCap' (" + request.globalCap() + ") must not be below 'minReplicas' ("
                    + request.minReplicas() + ")");
        }
        SpecChecks.tolerance(check, "tolerance", request.tolerance());
        Instant at = request.time() == null ? now : request.time();
        MetricCombination combination = SpecChecks.combination(check, "combination", request.combination());
        metrics(check, request.metrics(), current, combination);
        if (request.behavior() != null) {
            request.behavior().validate(check, "behavior");
        }
        history(check, request.history(), at);
        return check.list();
    }

    /** @param combination null when the request names an unknown one: weights are then not judged */
    private static void metrics(Violations check, List<SimulationRequest.Metric> metrics, boolean current,
            MetricCombination combination) {
        if (metrics == null || metrics.isEmpty()) {
            check.add("'metrics' must list at least one metric");
            return;
        }
        if (metrics.size() > MAX_METRICS) {
            check.add("'metrics' lists " + metrics.size() + " metrics, at most " + MAX_METRICS + " are allowed");
            return;
        }
        Set<String> names = new HashSet<>();
        for (int i = 0; i < metrics.size(); i++) {
            String field = "metrics[" + i + "]";
            SimulationRequest.Metric metric = metrics.get(i);
            if (metric == null) {
                check.add("'" + field + "' must not be null");
                continue;
            }
            check.metricName(field + ".name", metric.name());
            if (metric.name() != null && !names.add(metric.name())) {
                check.add("'" + field + ".name' repeats the metric '" + metric.name() + "'");
            }
            SpecChecks.weight(check, field + ".weight", metric.weight(), combination);
            instances(check, field, metric.instances());
            SpecChecks.value(check, field + ".value", metric.value(), false, false);
            target(check, field, metric);
        }
    }

    private static void target(Violations check, String field, SimulationRequest.Metric metric) {
        MetricTargetSpec target = metric.target();
        if (!check.required(field + ".target", target)) {
            return;
        }
        TargetType type = target.validate(check, field).orElse(null);
        if (type == null) {
            return;
        }
        boolean hasInstances = metric.instances() != null && !metric.instances().isEmpty();
        switch (type) {
            case UTILIZATION -> {
                if (!hasInstances) {
                    check.add("'" + field + ".instances' must list the instances for a Utilization target");
                }
                if (metric.value() != null) {
                    check.add("'" + field + ".value' does not apply to a Utilization target; give instance values");
                }
            }
            case AVERAGE_VALUE -> {
                if (hasInstances == (metric.value() != null)) {
                    check.add("an AverageValue target needs either '" + field + ".instances' or '" + field
                            + ".value' (the total over the target), not " + (hasInstances ? "both" : "neither"));
                }
            }
            case VALUE -> {
                if (metric.value() == null) {
                    check.add("'" + field + ".value' (the metric's total) is required for a Value target");
                }
            }
        }
    }

    private static void instances(Violations check, String field, List<SimulationRequest.Instance> instances) {
        if (instances == null) {
            return;
        }
        if (instances.size() > MAX_INSTANCES) {
            check.add("'" + field + ".instances' lists " + instances.size() + " instances, at most "
                    + MAX_INSTANCES + " are allowed");
            return;
        }
        Set<String> ids = new HashSet<>();
        for (int j = 0; j < instances.size(); j++) {
            String f = field + ".instances[" + j + "]";
            SimulationRequest.Instance instance = instances.get(j);
            if (instance == null) {
                check.add("'" + f + "' must not be null");
                continue;
            }
            check.text(f + ".id", instance.id(), Violations.MAX_NAME_LENGTH, true);
            if (instance.id() != null && !ids.add(instance.id())) {
                check.add("'" + f + ".id' repeats the instance '" + instance.id() + "'");
            }
            SpecChecks.value(check, f + ".value", instance.value(), false, false);
            SpecChecks.value(check, f + ".request", instance.request(), false, true);
        }
    }

    private static void history(Violations check, SimulationRequest.History history, Instant at) {
        if (history == null) {
            return;
        }
        List<SimulationRequest.Recommendation> recommendations = orEmpty(history.recommendations());
        List<SimulationRequest.ScaleEvent> events = orEmpty(history.scaleEvents());
        if (recommendations.size() > MAX_HISTORY || events.size() > MAX_HISTORY) {
            check.add("'history' holds more than " + MAX_HISTORY + " entries of one kind");
            return;
        }
        for (int i = 0; i < recommendations.size(); i++) {
            String f = "history.recommendations[" + i + "]";
            SimulationRequest.Recommendation rec = recommendations.get(i);
            if (rec == null) {
                check.add("'" + f + "' must not be null");
                continue;
            }
            time(check, f + ".time", rec.time(), at);
            SpecChecks.atLeast(check, f + ".replicas", rec.replicas(), 0, true);
        }
        for (int i = 0; i < events.size(); i++) {
            String f = "history.scaleEvents[" + i + "]";
            SimulationRequest.ScaleEvent event = events.get(i);
            if (event == null) {
                check.add("'" + f + "' must not be null");
                continue;
            }
            time(check, f + ".time", event.time(), at);
            SpecChecks.atLeast(check, f + ".fromReplicas", event.fromReplicas(), 0, true);
            SpecChecks.atLeast(check, f + ".toReplicas", event.toReplicas(), 0, true);
        }
    }

    private static void time(Violations check, String field, Instant time, Instant at) {
        if (time == null) {
            check.add("'" + field + "' is required");
        } else if (time.isAfter(at)) {
            check.add("'" + field + "' (" + time + ") must not be after the simulation time (" + at + ")");
        }
    }

    private static <T> List<T> orEmpty(List<T> list) {
        return list == null ? List.of() : list;
    }

    AutoscalerInput toInput(SimulationRequest request, Instant now) {
        List<MetricInput> metrics = new ArrayList<>();
        List<Double> weights = new ArrayList<>();
        for (SimulationRequest.Metric metric : request.metrics()) {
            weights.add(metric.weight());
            MetricTarget target = metric.target().toTarget();
            List<InstanceSample> instances = orEmpty(metric.instances()).stream()
                    .map(i -> new InstanceSample(i.id(), i.value(), i.request(), i.ready() == null || i.ready()))
                    .toList();
            metrics.add(new MetricInput(metric.name(), target, instances, metric.value()));
        }
        Behavior behavior = BehaviorSpec.toBehavior(request.behavior());
        SimulationRequest.History history = request.history();
        List<Recommendation> recommendations = history == null ? List.of()
                : orEmpty(history.recommendations()).stream()
                        .map(r -> new Recommendation(r.time(), r.replicas())).toList();
        List<ScaleEvent> events = history == null ? List.of()
                : orEmpty(history.scaleEvents()).stream()
                        .map(e -> new ScaleEvent(e.time(), e.fromReplicas(), e.toReplicas())).toList();
        return new AutoscalerInput(request.currentReplicas(), request.minReplicas(), request.maxReplicas(),
                request.globalCap(), request.tolerance(), metrics, behavior, recommendations, events,
                request.time() == null ? now : request.time(),
                MetricCombination.fromWireName(request.combination()).orElse(MetricCombination.MAX), weights);
    }
}

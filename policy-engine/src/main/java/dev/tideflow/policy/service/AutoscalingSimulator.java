package dev.tideflow.policy.service;

import dev.tideflow.contracts.Violations;
import dev.tideflow.kit.rest.ProblemException;
import dev.tideflow.policy.domain.Numbers;
import dev.tideflow.policy.domain.SimulationRequest;
import dev.tideflow.policy.hpa.AutoscalerDecision;
import dev.tideflow.policy.hpa.AutoscalerInput;
import dev.tideflow.policy.hpa.Behavior;
import dev.tideflow.policy.hpa.HorizontalAutoscaler;
import dev.tideflow.policy.hpa.InstanceSample;
import dev.tideflow.policy.hpa.MetricInput;
import dev.tideflow.policy.hpa.MetricTarget;
import dev.tideflow.policy.hpa.PolicyType;
import dev.tideflow.policy.hpa.Recommendation;
import dev.tideflow.policy.hpa.ScaleEvent;
import dev.tideflow.policy.hpa.ScalingPolicy;
import dev.tideflow.policy.hpa.ScalingRules;
import dev.tideflow.policy.hpa.SelectPolicy;
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
    /** HPA's limits: a stabilization window up to one hour, a policy period up to 30 minutes. */
    public static final int MAX_WINDOW_SECONDS = 3600;
    public static final int MAX_PERIOD_SECONDS = 1800;
    /** Values beyond this lose precision in HPA's milli-unit arithmetic. */
    public static final double MAX_VALUE = 1e12;

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
        boolean current = atLeast(check, "currentReplicas", request.currentReplicas(), 0, true);
        boolean min = atLeast(check, "minReplicas", request.minReplicas(), 0, true);
        boolean max = atLeast(check, "maxReplicas", request.maxReplicas(), 1, true);
        if (min && max && request.minReplicas() > request.maxReplicas()) {
            check.add("'minReplicas' (" + request.minReplicas() + ") must not exceed 'maxReplicas' ("
                    + request.maxReplicas() + ")");
        }
        if (atLeast(check, "globalCap", request.globalCap(), 1, false) && min
                && request.globalCap() < request.minReplicas()) {
            check.add("'globalCap' (" + request.globalCap() + ") must not be below 'minReplicas' ("
                    + request.minReplicas() + ")");
        }
        tolerance(check, "tolerance", request.tolerance());
        Instant at = request.time() == null ? now : request.time();
        metrics(check, request.metrics(), current);
        if (request.behavior() != null) {
            rules(check, "behavior.scaleUp", request.behavior().scaleUp());
            rules(check, "behavior.scaleDown", request.behavior().scaleDown());
        }
        history(check, request.history(), at);
        return check.list();
    }

    private static void metrics(Violations check, List<SimulationRequest.Metric> metrics, boolean current) {
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
            instances(check, field, metric.instances());
            value(check, field + ".value", metric.value(), false, false);
            target(check, field, metric);
        }
    }

    private static void target(Violations check, String field, SimulationRequest.Metric metric) {
        SimulationRequest.Target target = metric.target();
        if (!check.required(field + ".target", target)) {
            return;
        }
        String typeField = field + ".target.type";
        if (target.type() == null) {
            check.add("'" + typeField + "' is required (one of " + TargetType.NAMES + ")");
            return;
        }
        TargetType type = TargetType.fromWireName(target.type()).orElse(null);
        if (type == null) {
            check.add("unknown target type '" + target.type() + "' in '" + typeField + "' (expected one of "
                    + TargetType.NAMES + ")");
            return;
        }
        boolean hasInstances = metric.instances() != null && !metric.instances().isEmpty();
        switch (type) {
            case UTILIZATION -> {
                Double percent = target.averageUtilization();
                String f = field + ".target.averageUtilization";
                if (percent == null) {
                    check.add("'" + f + "' is required for a Utilization target");
                } else if (!Double.isFinite(percent) || percent < 1 || percent != Math.rint(percent)
                        || percent > Integer.MAX_VALUE) {
                    check.add("'" + f + "' must be a whole number of percent above 0, got " + Numbers.format(percent));
                }
                only(check, field, target, "averageUtilization");
                if (!hasInstances) {
                    check.add("'" + field + ".instances' must list the instances for a Utilization target");
                }
                if (metric.value() != null) {
                    check.add("'" + field + ".value' does not apply to a Utilization target; give instance values");
                }
            }
            case AVERAGE_VALUE -> {
                value(check, field + ".target.averageValue", target.averageValue(), true, true);
                only(check, field, target, "averageValue");
                if (hasInstances == (metric.value() != null)) {
                    check.add("an AverageValue target needs either '" + field + ".instances' or '" + field
                            + ".value' (the total over the target), not " + (hasInstances ? "both" : "neither"));
                }
            }
            case VALUE -> {
                value(check, field + ".target.value", target.value(), true, true);
                only(check, field, target, "value");
                if (metric.value() == null) {
                    check.add("'" + field + ".value' (the metric's total) is required for a Value target");
                }
            }
        }
    }

    /** A target sets the one field of its type; another one set is a mistake worth naming. */
    private static void only(Violations check, String field, SimulationRequest.Target target, String expected) {
        List<String> others = new ArrayList<>();
        if (target.averageUtilization() != null && !expected.equals("averageUtilization")) {
            others.add("averageUtilization");
        }
        if (target.averageValue() != null && !expected.equals("averageValue")) {
            others.add("averageValue");
        }
        if (target.value() != null && !expected.equals("value")) {
            others.add("value");
        }
        for (String other : others) {
            check.add("'" + field + ".target." + other + "' does not apply to a " + target.type()
                    + " target (it takes '" + expected + "')");
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
            value(check, f + ".value", instance.value(), false, false);
            value(check, f + ".request", instance.request(), false, true);
        }
    }

    private static void rules(Violations check, String field, SimulationRequest.Rules rules) {
        if (rules == null) {
            return;
        }
        Integer window = rules.stabilizationWindowSeconds();
        if (window != null && (window < 0 || window > MAX_WINDOW_SECONDS)) {
            check.add("'" + field + ".stabilizationWindowSeconds' must be between 0 and " + MAX_WINDOW_SECONDS
                    + ", got " + window);
        }
        if (rules.selectPolicy() != null && SelectPolicy.fromWireName(rules.selectPolicy()).isEmpty()) {
            check.add("unknown selectPolicy '" + rules.selectPolicy() + "' in '" + field
                    + ".selectPolicy' (expected one of Max, Min, Disabled)");
        }
        tolerance(check, field + ".tolerance", rules.tolerance());
        if (rules.policies() == null) {
            return;
        }
        if (rules.policies().isEmpty()) {
            check.add("'" + field + ".policies' must list at least one policy when given");
        }
        for (int i = 0; i < rules.policies().size(); i++) {
            String f = field + ".policies[" + i + "]";
            SimulationRequest.Policy policy = rules.policies().get(i);
            if (policy == null) {
                check.add("'" + f + "' must not be null");
                continue;
            }
            if (policy.type() == null) {
                check.add("'" + f + ".type' is required (one of Pods, Percent)");
            } else if (PolicyType.fromWireName(policy.type()).isEmpty()) {
                check.add("unknown policy type '" + policy.type() + "' in '" + f + ".type' (expected one of Pods, "
                        + "Percent)");
            }
            String kind = policy.type() == null ? "a" : "a " + policy.type();
            if (policy.value() == null) {
                check.add("'" + f + ".value' is required");
            } else if (policy.value() <= 0) {
                check.add("'" + f + ".value' must be above 0 for " + kind + " policy, got " + policy.value());
            }
            if (policy.periodSeconds() == null) {
                check.add("'" + f + ".periodSeconds' is required");
            } else if (policy.periodSeconds() < 1 || policy.periodSeconds() > MAX_PERIOD_SECONDS) {
                check.add("'" + f + ".periodSeconds' must be between 1 and " + MAX_PERIOD_SECONDS + ", got "
                        + policy.periodSeconds());
            }
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
            atLeast(check, f + ".replicas", rec.replicas(), 0, true);
        }
        for (int i = 0; i < events.size(); i++) {
            String f = "history.scaleEvents[" + i + "]";
            SimulationRequest.ScaleEvent event = events.get(i);
            if (event == null) {
                check.add("'" + f + "' must not be null");
                continue;
            }
            time(check, f + ".time", event.time(), at);
            atLeast(check, f + ".fromReplicas", event.fromReplicas(), 0, true);
            atLeast(check, f + ".toReplicas", event.toReplicas(), 0, true);
        }
    }

    private static void time(Violations check, String field, Instant time, Instant at) {
        if (time == null) {
            check.add("'" + field + "' is required");
        } else if (time.isAfter(at)) {
            check.add("'" + field + "' (" + time + ") must not be after the simulation time (" + at + ")");
        }
    }

    private static void tolerance(Violations check, String field, Double tolerance) {
        if (tolerance != null && (!Double.isFinite(tolerance) || tolerance < 0)) {
            check.add("'" + field + "' must be a finite number of at least 0, got " + tolerance);
        }
    }

    private static void value(Violations check, String field, Double value, boolean required, boolean positive) {
        if (value == null) {
            if (required) {
                check.add("'" + field + "' is required");
            }
            return;
        }
        if (!Double.isFinite(value)) {
            check.add("'" + field + "' must be a finite number, got " + value);
        } else if (positive ? value <= 0 : value < 0) {
            check.add("'" + field + "' must be " + (positive ? "above 0" : "at least 0") + ", got "
                    + Numbers.format(value));
        } else if (value > MAX_VALUE) {
            check.add("'" + field + "' must be at most 1e12, got " + Numbers.format(value));
        } else if (positive && Math.round(value * 1000) == 0) {
            check.add("'" + field + "' must be at least 0.001 (HPA computes in thousandths), got "
                    + Numbers.format(value));
        }
    }

    private static boolean atLeast(Violations check, String field, Integer value, int least, boolean required) {
        if (value == null) {
            if (required) {
                check.add("'" + field + "' is required");
            }
            return false;
        }
        if (value < least) {
            check.add("'" + field + "' must be at least " + least + ", got " + value);
            return false;
        }
        return true;
    }

    private static <T> List<T> orEmpty(List<T> list) {
        return list == null ? List.of() : list;
    }

    AutoscalerInput toInput(SimulationRequest request, Instant now) {
        List<MetricInput> metrics = new ArrayList<>();
        for (SimulationRequest.Metric metric : request.metrics()) {
            TargetType type = TargetType.fromWireName(metric.target().type()).orElseThrow();
            MetricTarget target = switch (type) {
                case UTILIZATION -> MetricTarget.utilization(metric.target().averageUtilization().intValue());
                case AVERAGE_VALUE -> MetricTarget.averageValue(metric.target().averageValue());
                case VALUE -> MetricTarget.value(metric.target().value());
            };
            List<InstanceSample> instances = orEmpty(metric.instances()).stream()
                    .map(i -> new InstanceSample(i.id(), i.value(), i.request(), i.ready() == null || i.ready()))
                    .toList();
            metrics.add(new MetricInput(metric.name(), target, instances, metric.value()));
        }
        Behavior behavior = Behavior.DEFAULTS;
        if (request.behavior() != null) {
            behavior = new Behavior(rules(request.behavior().scaleUp(), ScalingRules.defaultScaleUp()),
                    rules(request.behavior().scaleDown(), ScalingRules.defaultScaleDown()));
        }
        SimulationRequest.History history = request.history();
        List<Recommendation> recommendations = history == null ? List.of()
                : orEmpty(history.recommendations()).stream()
                        .map(r -> new Recommendation(r.time(), r.replicas())).toList();
        List<ScaleEvent> events = history == null ? List.of()
                : orEmpty(history.scaleEvents()).stream()
                        .map(e -> new ScaleEvent(e.time(), e.fromReplicas(), e.toReplicas())).toList();
        return new AutoscalerInput(request.currentReplicas(), request.minReplicas(), request.maxReplicas(),
                request.globalCap(), request.tolerance(), metrics, behavior, recommendations, events,
                request.time() == null ? now : request.time());
    }

    /** Fills what the user left out from HPA's defaults for the direction, as the Kubernetes API server does. */
    private static ScalingRules rules(SimulationRequest.Rules rules, ScalingRules defaults) {
        if (rules == null) {
            return defaults;
        }
        List<ScalingPolicy> policies = rules.policies() == null ? defaults.policies()
                : rules.policies().stream().map(p -> new ScalingPolicy(PolicyType.fromWireName(p.type()).orElseThrow(),
                        p.value(), p.periodSeconds())).toList();
        return new ScalingRules(
                rules.stabilizationWindowSeconds() == null ? defaults.stabilizationWindowSeconds()
                        : rules.stabilizationWindowSeconds(),
                rules.selectPolicy() == null ? defaults.selectPolicy()
                        : SelectPolicy.fromWireName(rules.selectPolicy()).orElseThrow(),
                policies, rules.tolerance());
    }
}

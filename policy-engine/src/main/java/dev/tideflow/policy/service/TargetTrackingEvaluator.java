package dev.tideflow.policy.service;

import dev.tideflow.contracts.InstanceAggregate;
import dev.tideflow.contracts.MetricWindow;
import dev.tideflow.policy.domain.AutoscalerHistory;
import dev.tideflow.policy.domain.BehaviorSpec;
import dev.tideflow.policy.domain.DecisionExplanation;
import dev.tideflow.policy.domain.DecisionExplanation.MetricExplanation;
import dev.tideflow.policy.domain.Numbers;
import dev.tideflow.policy.domain.PolicySnapshot;
import dev.tideflow.policy.domain.TargetTrackingRule;
import dev.tideflow.policy.hpa.AutoscalerDecision;
import dev.tideflow.policy.hpa.AutoscalerInput;
import dev.tideflow.policy.hpa.HorizontalAutoscaler;
import dev.tideflow.policy.hpa.InstanceSample;
import dev.tideflow.policy.hpa.MetricCombination;
import dev.tideflow.policy.hpa.MetricInput;
import dev.tideflow.policy.hpa.MetricProposal;
import dev.tideflow.policy.hpa.MetricTarget;
import dev.tideflow.policy.hpa.TargetType;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Evaluates a targetTracking policy when a window of one of its metrics closes, from the latest window of every
 * metric it tracks.
 *
 * <p>When a metric's latest window lists every instance that reported in it ({@link MetricWindow#instances()}, kept
 * in the history for every tracked metric), the metric is read as HPA reads a resource or pods metric, instance by
 * instance: Utilization is
 * {@code Σ value / Σ request × 100} over the instances with a value (each instance's window average; when no
 * instance carries a request the values are percentages, as the aggregate path reads them), AverageValue the
 * average over those instances, Value the window's {@code sum} spread over the ready instances. The current
 * replicas that reported nothing are missing (requests assumed equal to the reporting instances' average, as the
 * replicas of one target share a pod template), and an instance whose latest sample said {@code ready: false} is
 * unready; the calculator counts both as HPA does.
 *
 * <p>Otherwise the window's target-wide aggregate is read as HPA reads an external or object metric:
 * <ul>
 * <li>AverageValue: {@code avg} is the value per replica; the total {@code avg × current replicas} is spread over
 *     the current replicas (ratio {@code avg / target}, proposal {@code ceil(avg × current / target)});</li>
 * <li>Value: {@code sum} is the metric's total over the target (ratio {@code sum / target},
 *     proposal {@code ceil(ratio × current)});</li>
 * <li>Utilization: {@code avg} is the utilization in percent, as if every current replica ran at it (truncated
 *     to whole percent as HPA does, proposal {@code ceil(avg / target × current)}).</li>
 * </ul>
 * A metric whose latest window ended more than {@value #STALE_INTERVALS} of its window lengths before the
 * triggering window's end is stale and gives no proposal. The clock is the triggering window's end (event time):
 * a replay or a catch-up after an outage measures stabilization windows and rate periods as they were.
 */
public final class TargetTrackingEvaluator {

    public static final int STALE_INTERVALS = 3;
    private static final int MAX_REASON = 2048;
    /** The request that makes a value its own utilization: values reported without requests are percentages. */
    private static final double PERCENT_REQUEST = 100.0;
    /** Ids of the current replicas that reported nothing: only told apart, and no pod can be named so. */
    private static final String MISSING_PREFIX = "(missing) ";

    private final HorizontalAutoscaler autoscaler = new HorizontalAutoscaler();

    /**
     * @param history   the policy's history, the triggering window already among its latest windows
     * @param globalCap the most replicas any target may run; null for none
     */
    public TrackingOutcome evaluate(PolicySnapshot policy, AutoscalerHistory history, MetricWindow trigger,
            CurrentReplicas current, Integer globalCap, BurstSignal burst) {
        TargetTrackingRule rule = (TargetTrackingRule) policy.rule();
        Instant now = trigger.windowEnd();
        int replicas = current.value();
        List<MetricInput> inputs = new ArrayList<>();
        List<Reading> readings = new ArrayList<>();
        for (TargetTrackingRule.Metric metric : rule.metrics()) {
            MetricTarget target = metric.target().toTarget();
            AutoscalerHistory.LatestWindow window = history.windows().get(metric.name());
            String unavailable = unavailable(window, now);
            if (unavailable != null) {
                inputs.add(MetricInput.unavailable(metric.name(), target, unavailable));
                readings.add(new Reading(target.type() == TargetType.VALUE ? "sum" : "avg", null, null, null));
                continue;
            }
            double value = target.type() == TargetType.VALUE ? window.sum() : window.avg();
            if (window.hasCompleteInstances()) {
                List<InstanceSample> instances = instanceSamples(window.instances(), target.type(), replicas);
                readings.add(Reading.perInstance(window.instances(), replicas, target.type() == TargetType.VALUE
                        ? value : null));
                inputs.add(target.type() == TargetType.VALUE
                        ? new MetricInput(metric.name(), target, instances, value)
                        : MetricInput.ofInstances(metric.name(), target, instances));
                continue;
            }
            readings.add(Reading.aggregate(target.type() == TargetType.VALUE ? "sum" : "avg", value,
                    window.instances() != null ? window.omittedInstanceSamples() : null));
            inputs.add(switch (target.type()) {
                case AVERAGE_VALUE -> MetricInput.ofTotal(metric.name(), target, value * replicas);
                case VALUE -> MetricInput.ofTotal(metric.name(), target, value);
                case UTILIZATION -> MetricInput.ofInstances(metric.name(), target, utilizationOf(value, replicas));
            });
        }
        AutoscalerDecision decision = autoscaler.decide(new AutoscalerInput(replicas, policy.range().min(),
                policy.range().max(), globalCap, rule.tolerance(), inputs, BehaviorSpec.toBehavior(policy.behavior()),
                history.stabilizationHistory(), history.events(), now, rule.combinationOrDefault(), rule.weights()));

        boolean weighted = rule.combinationOrDefault() == MetricCombination.WEIGHTED;
        List<MetricExplanation> metrics = new ArrayList<>();
        StringBuilder reason = new StringBuilder("targetTracking over window ending " + now + ": ");
        String chosen = null;
        double chosenValue = Double.NaN;
        int valid = 0;
        for (int i = 0; i < rule.metrics().size(); i++) {
            TargetTrackingRule.Metric metric = rule.metrics().get(i);
            MetricProposal proposal = decision.metrics().get(i);
            TargetType type = metric.target().toTarget().type();
            Reading reading = readings.get(i);
            // Read instance by instance, the measured level is the calculator's (whole percent, average).
            Double value = reading.value != null ? reading.value : proposal.current();
            metrics.add(new MetricExplanation(metric.name(), type.wireName(), metric.target().toTarget().value(),
                    reading.aggregate, value, proposal.ratio(), proposal.replicas(),
                    reading.note == null ? proposal.reason() : proposal.reason() + "; " + reading.note));
            if (i > 0) {
                reason.append("; ");
            }
            reason.append(metric.name());
            if (value != null) {
                // "cpu 75 over 4 reporting instances", "cpu avg 75": the instance count says what was read.
                boolean named = reading.value != null || reading.instances == null;
                reason.append(' ').append(named ? reading.aggregate + " " : "").append(Numbers.format(round(value)));
            }
            if (reading.instances != null) {
                reason.append(' ').append(reading.instances);
            }
            reason.append(" vs ").append(type.wireName()).append(' ')
                    .append(Numbers.format(metric.target().toTarget().value()));
            if (proposal.valid()) {
                valid++;
                String ratio = proposal.ratio() == null ? "n/a" : Numbers.format(round(proposal.ratio()));
                reason.append(", ratio ").append(ratio).append(" → ").append(proposal.replicas());
                // A weighted mean is no single metric's proposal, even when it happens to equal one.
                if (!weighted && decision.recommendation() != null
                        && proposal.replicas().equals(decision.recommendation()) && chosen == null) {
                    chosen = metric.name();
                    chosenValue = value == null ? Double.NaN : value;
                }
            } else {
                reason.append(": no proposal (").append(proposal.reason()).append(')');
            }
        }
        // Without a recommendation the autoscaler kept the count: no metric could be read, or the readable ones
        // would scale down while another cannot be read.
        String decidedBy = decision.limitedBy() != null ? decision.limitedBy()
                : chosen != null ? "metric " + chosen
                : decision.recommendation() != null ? "weighted metrics"
                : valid == 0 ? "no valid metric" : "unreadable metric";
        if (decision.recommendation() != null) {
            reason.append("; recommendation ").append(decision.recommendation());
            if (chosen != null) {
                reason.append(" (").append(chosen).append(')');
            } else if (weighted) {
                reason.append(" (weighted mean of the valid proposals)");
            }
        }
        reason.append("; decided by ").append(decidedBy);
        if (decision.limitedBy() != null || decision.recommendation() == null) {
            reason.append(": ").append(limitText(decision, globalCap));
        }
        int desired = decision.desiredReplicas();
        reason.append(desired == replicas ? "; stays at " + replicas : "; " + replicas + " → " + desired)
                .append(" replicas");
        switch (current.source()) {
            case ASSUMED_MINIMUM -> reason.append(" (replica count not observed yet, assumed minReplicas ")
                    .append(replicas).append(')');
            case LAST_DECISION -> reason.append(" (current count from the last decision, not yet observed)");
            case OBSERVED -> {
            }
        }
        if (burst.burst()) {
            reason.append(" [priority high: ").append(String.join("; ", burst.accounts())).append(']');
        }
        String text = reason.length() <= MAX_REASON ? reason.toString() : reason.substring(0, MAX_REASON - 1) + "…";
        double confidence = rule.metrics().isEmpty() ? 0 : (double) valid / rule.metrics().size();
        if (current.source() == CurrentReplicas.Source.ASSUMED_MINIMUM) {
            confidence /= 2;
        }
        String metric = chosen != null ? chosen : trigger.metric();
        double metricValue = chosen != null && !Double.isNaN(chosenValue) ? chosenValue : valueOf(trigger, rule);
        DecisionExplanation explanation = new DecisionExplanation(TargetTrackingRule.TYPE, replicas,
                source(current), desired, metrics, decision.recommendation(), decision.stabilized(), decidedBy,
                decision.limitedBy(), globalCap, burst.priority(), burst.accounts().isEmpty() ? null : burst.accounts(),
                null, null, text);
        return new TrackingOutcome(replicas, desired, decision.recommendation(), metric, metricValue, text,
                explanation, confidence);
    }

    /** The aggregate of {@code window} that {@code rule} reads for its metric (avg unless it is a Value target). */
    public static double valueOf(MetricWindow window, TargetTrackingRule rule) {
        for (TargetTrackingRule.Metric metric : rule.metrics()) {
            if (metric.name().equals(window.metric())) {
                return TargetType.VALUE.wireName().equals(metric.target().type()) ? window.sum() : window.avg();
            }
        }
        return window.avg();
    }

    /** The aggregate name {@link #valueOf} reads. */
    public static String aggregateOf(String metricName, TargetTrackingRule rule) {
        for (TargetTrackingRule.Metric metric : rule.metrics()) {
            if (metric.name().equals(metricName)) {
                return TargetType.VALUE.wireName().equals(metric.target().type()) ? "sum" : "avg";
            }
        }
        return "avg";
    }

    static String source(CurrentReplicas current) {
        return switch (current.source()) {
            case OBSERVED -> "observed";
            case LAST_DECISION -> "lastDecision";
            case ASSUMED_MINIMUM -> "assumedMinimum";
        };
    }

    /** Why {@code window} gives no reading at {@code now}: none received yet, or stale; null when it is fresh. */
    static String unavailable(AutoscalerHistory.LatestWindow window, Instant now) {
        if (window == null) {
            return "no window received yet";
        }
        Duration interval = Duration.ofMillis(window.lengthMillis());
        Duration age = Duration.between(Instant.ofEpochMilli(window.end()), now);
        if (age.compareTo(interval.multipliedBy(STALE_INTERVALS)) > 0) {
            return "stale: its latest window ended " + age.toSeconds() + " s before this one, more than "
                    + STALE_INTERVALS + " windows of " + interval.toSeconds() + " s";
        }
        return null;
    }

    /**
     * The calculator's view of the reporting instances plus one missing instance for each current replica beyond
     * them (HPA's pods without a metric). Utilization needs a request per instance: when none was reported the
     * values are percentages (a request of 100); when only some were, the others stay without one and the
     * calculator names them.
     */
    private static List<InstanceSample> instanceSamples(List<InstanceAggregate> reported, TargetType type,
            int replicas) {
        Double assumedRequest = null;
        boolean percent = false;
        if (type == TargetType.UTILIZATION) {
            double requests = 0;
            int withRequest = 0;
            for (InstanceAggregate instance : reported) {
                if (instance.request() != null) {
                    requests += instance.request();
                    withRequest++;
                }
            }
            percent = withRequest == 0;
            assumedRequest = percent ? PERCENT_REQUEST : requests / withRequest;
        }
        List<InstanceSample> instances = new ArrayList<>(Math.max(reported.size(), replicas));
        for (InstanceAggregate instance : reported) {
            Double request = percent ? Double.valueOf(PERCENT_REQUEST) : instance.request();
            instances.add(new InstanceSample(instance.instance(), instance.avg(), request, instance.countsAsReady()));
        }
        for (int i = reported.size(); i < replicas; i++) {
            instances.add(new InstanceSample(MISSING_PREFIX + (i - reported.size() + 1), null, assumedRequest, true));
        }
        return instances;
    }

    /** Every current replica at {@code percent} of a request of 1: HPA's utilization path gives that percent back. */
    private static List<InstanceSample> utilizationOf(double percent, int replicas) {
        List<InstanceSample> instances = new ArrayList<>(replicas);
        for (int i = 0; i < replicas; i++) {
            instances.add(InstanceSample.of("replica-" + i, percent / 100.0, 1.0));
        }
        return instances;
    }

    /** What the limit that decided means, in HPA's words; the autoscaler's own account when no metric counted. */
    private static String limitText(AutoscalerDecision decision, Integer globalCap) {
        if (decision.recommendation() == null) {
            return decision.reason();
        }
        return switch (decision.limitedBy()) {
            case "ScaleUpLimit" -> "the desired replica count is increasing faster than the maximum scale rate";
            case "ScaleDownLimit" -> "the desired replica count is decreasing faster than the maximum scale rate";
            case "TooManyReplicas" -> "the desired replica count is more than the maximum replica count";
            case "TooFewReplicas" -> "the desired replica count is less than the minimum replica count";
            case "GlobalCap" -> "the desired replica count is more than the global cap of " + globalCap + " replicas";
            case "ScaleUpStabilized" -> "recent recommendations were lower, applying the lowest recent recommendation "
                    + decision.stabilized();
            case "ScaleDownStabilized" -> "recent recommendations were higher, applying the highest recent "
                    + "recommendation " + decision.stabilized();
            default -> decision.reason();
        };
    }

    private static double round(double value) {
        return Math.round(value * 10_000.0) / 10_000.0;
    }

    /**
     * What was read of one metric's window, for the explanation.
     *
     * @param aggregate which part of the window: avg or sum of the aggregate, or {@code instances}
     * @param value     the value read; null when the calculator's measured level stands for it
     * @param instances how many instances counted, for the reason; null on the aggregate path
     * @param note      why per-instance data was not used although the window had some; null otherwise
     */
    private record Reading(String aggregate, Double value, String instances, String note) {

        static Reading aggregate(String aggregate, double value, Long omittedInstanceSamples) {
            String note = omittedInstanceSamples == null ? null : "read the window's aggregate: its instance list is"
                    + " incomplete (" + omittedInstanceSamples + " samples of instances beyond the collector's cap)";
            return new Reading(aggregate, value, null, note);
        }

        /** @param total the window's sum for a Value target (instances then only say which are ready) */
        static Reading perInstance(List<InstanceAggregate> reported, int replicas, Double total) {
            long unready = reported.stream().filter(i -> !i.countsAsReady()).count();
            int missing = Math.max(0, replicas - reported.size());
            StringBuilder text = new StringBuilder("over ").append(reported.size()).append(" reporting instance")
                    .append(reported.size() == 1 ? "" : "s");
            if (unready > 0 || missing > 0) {
                text.append(" (");
                if (unready > 0) {
                    text.append(unready).append(" unready");
                }
                if (missing > 0) {
                    text.append(unready > 0 ? ", " : "").append(missing).append(" missing");
                }
                text.append(')');
            }
            return new Reading(total != null ? "sum" : "instances", total, text.toString(), null);
        }
    }
}

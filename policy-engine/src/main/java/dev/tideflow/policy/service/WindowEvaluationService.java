package dev.tideflow.policy.service;

import dev.tideflow.contracts.MetricWindow;
import dev.tideflow.contracts.ScalingDecision;
import dev.tideflow.log.EventBuilder;
import dev.tideflow.log.Level;
import dev.tideflow.log.ScalingLogger;
import dev.tideflow.policy.domain.Aggregation;
import dev.tideflow.policy.domain.Policy;
import dev.tideflow.policy.domain.PolicySnapshot;
import dev.tideflow.policy.domain.TargetTrackingRule;
import dev.tideflow.policy.domain.ThresholdsRule;
import dev.tideflow.policy.hpa.BurstDetector;
import dev.tideflow.policy.messaging.DecisionPublisher;
import dev.tideflow.policy.repository.PolicyRepository;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs every enabled policy that watches a window's target and metric, one after the other, so that each sees
 * the state the previous one left. Per policy: decide (logged with its state in one transaction), then publish.
 * Each value a policy reads from the window goes through the burst detector of its target and metric once.
 */
@ApplicationScoped
public class WindowEvaluationService {

    /** The suite-wide switch; when false, windows are read and dropped without evaluation. */
    public static final String AUTOSCALING_ENABLED = AutoscalingSwitch.GLOBAL_KEY;

    private static final Logger LOG = Logger.getLogger(WindowEvaluationService.class);

    private final PolicyRepository policies;
    private final DecisionService decisions;
    private final DecisionPublisher publisher;
    private final AutoscalingSwitch autoscaling;
    private final GlobalReplicaCap cap;
    private final BurstTracker bursts;
    private final PolicyMetrics metrics;
    private final ScalingLogger events;
    private final ForecastService forecasts;

    public WindowEvaluationService(PolicyRepository policies, DecisionService decisions, DecisionPublisher publisher,
            AutoscalingSwitch autoscaling, GlobalReplicaCap cap, BurstTracker bursts, PolicyMetrics metrics,
            ScalingLogger events, ForecastService forecasts) {
        this.events = events;
        this.forecasts = forecasts;
        this.policies = policies;
        this.decisions = decisions;
        this.publisher = publisher;
        this.autoscaling = autoscaling;
        this.cap = cap;
        this.bursts = bursts;
        this.metrics = metrics;
    }

    public Uni<Void> process(MetricWindow window) {
        return autoscaling.enabled().chain(enabled -> {
            if (!enabled) {
                metrics.skipped(SkipReason.DISABLED);
                return Uni.createFrom().voidItem();
            }
            return policies.listEnabled(window.target()).chain(found -> evaluate(window, found));
        }).call(() -> recordHistory(window));
    }

    /**
     * After the decisions are published, so the history costs the reaction time nothing; kept while evaluation is
     * switched off too, so forecasts have history when it is switched on. A failed write loses one window of one
     * bucket's mean and never holds the window back.
     */
    private Uni<Void> recordHistory(MetricWindow window) {
        return forecasts.record(window).onFailure().recoverWithItem(e -> {
            LOG.warnf(e, "window %s was not added to the metric history", window.windowId());
            return null;
        });
    }

    private Uni<Void> evaluate(MetricWindow window, List<Policy> found) {
        List<PolicySnapshot> watching = found.stream().map(Policy::snapshot)
                .filter(p -> p.watches(window.metric())).toList();
        if (watching.isEmpty()) {
            metrics.skipped(SkipReason.NO_POLICY);
            return Uni.createFrom().voidItem();
        }
        metrics.windowEvaluated();
        Integer globalCap = cap.current();
        // Read once per window: every policy of this window decides under the same setting.
        boolean globalDryRun = autoscaling.globalDryRun();
        Map<String, BurstDetector.Burst> judged = new HashMap<>();
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (PolicySnapshot policy : watching) {
            BurstSignal burst = burst(policy, window, judged);
            PolicySnapshot effective = globalDryRun ? policy.asDryRun() : policy;
            chain = chain.chain(() -> decideAndPublish(effective, window, burst, globalCap));
        }
        return chain;
    }

    /** The burst detector's view of the value {@code policy} reads; each aggregate is judged once per window. */
    private BurstSignal burst(PolicySnapshot policy, MetricWindow window, Map<String, BurstDetector.Burst> judged) {
        String aggregate;
        double value;
        if (policy.rule() instanceof TargetTrackingRule rule) {
            aggregate = TargetTrackingEvaluator.aggregateOf(window.metric(), rule);
            value = TargetTrackingEvaluator.valueOf(window, rule);
        } else if (policy.rule() instanceof ThresholdsRule rule) {
            Aggregation aggregation = rule.thresholdOf(window.metric()).aggregationOrDefault();
            aggregate = aggregation.wireName();
            value = aggregation.of(window);
        } else {
            aggregate = policy.aggregation().wireName();
            value = policy.aggregation().of(window);
        }
        BurstDetector.Burst burst = judged.computeIfAbsent(aggregate, a -> bursts.observe(window, a, value));
        if (!burst.burst()) {
            return BurstSignal.NONE;
        }
        return new BurstSignal(true, List.of(window.metric() + " " + aggregate + " " + burst.reason()));
    }

    private Uni<Void> decideAndPublish(PolicySnapshot policy, MetricWindow window, BurstSignal burst,
            Integer globalCap) {
        return decisions.decide(policy, window, burst, globalCap).chain(decision -> decision.isEmpty()
                ? Uni.createFrom().voidItem()
                : publisher.publish(decision.get()).invoke(() -> {
                    metrics.decisionPublished();
                    ScalingDecision d = decision.get();
                    EventBuilder record = events.at(Level.INFO, "policy.decision").str("decisionId", d.decisionId())
                            .str("target", d.target()).str("policy", d.policyName() == null ? "" : d.policyName())
                            .num("currentReplicas", d.currentReplicas()).num("desiredReplicas", d.desiredReplicas())
                            .bool("dryRun", d.isDryRun());
                    if (d.resources() != null && d.resources().cpuMillis() != null) {
                        record.num("requestCpuMillis", d.resources().cpuMillis());
                    }
                    if (d.resources() != null && d.resources().memoryMiB() != null) {
                        record.num("requestMemoryMiB", d.resources().memoryMiB());
                    }
                    record.str("reason", d.reason()).log("decision published");
                }));
    }
}

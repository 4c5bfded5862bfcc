package dev.tideflow.policy.service;

import dev.tideflow.configclient.LiveConfig;
import dev.tideflow.contracts.MetricWindow;
import dev.tideflow.policy.domain.Policy;
import dev.tideflow.policy.domain.PolicySnapshot;
import dev.tideflow.policy.messaging.DecisionPublisher;
import dev.tideflow.policy.repository.PolicyRepository;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;

/**
 * Runs every enabled policy of a window's target and metric, one after the other, so that each sees
 * the state the previous one left. Per policy: decide (logged in one transaction), then publish.
 */
@ApplicationScoped
public class WindowEvaluationService {

    /** The suite-wide switch; when false, windows are read and dropped without evaluation. */
    public static final String AUTOSCALING_ENABLED = "autoscaling.enabled";

    private final PolicyRepository policies;
    private final DecisionService decisions;
    private final DecisionPublisher publisher;
    private final LiveConfig liveConfig;
    private final PolicyMetrics metrics;

    public WindowEvaluationService(PolicyRepository policies, DecisionService decisions, DecisionPublisher publisher,
            LiveConfig liveConfig, PolicyMetrics metrics) {
        this.policies = policies;
        this.decisions = decisions;
        this.publisher = publisher;
        this.liveConfig = liveConfig;
        this.metrics = metrics;
    }

    public Uni<Void> process(MetricWindow window) {
        if (!liveConfig.getBoolean(AUTOSCALING_ENABLED, true)) {
            metrics.skipped(SkipReason.DISABLED);
            return Uni.createFrom().voidItem();
        }
        return policies.listEnabled(window.target(), window.metric()).chain(found -> {
            if (found.isEmpty()) {
                metrics.skipped(SkipReason.NO_POLICY);
                return Uni.createFrom().voidItem();
            }
            metrics.windowEvaluated();
            List<PolicySnapshot> snapshots = found.stream().map(Policy::snapshot).toList();
            Uni<Void> chain = Uni.createFrom().voidItem();
            for (PolicySnapshot policy : snapshots) {
                chain = chain.chain(() -> decideAndPublish(policy, window));
            }
            return chain;
        });
    }

    private Uni<Void> decideAndPublish(PolicySnapshot policy, MetricWindow window) {
        return decisions.decide(policy, window).chain(decision -> decision.isEmpty()
                ? Uni.createFrom().voidItem()
                : publisher.publish(decision.get()).invoke(metrics::decisionPublished));
    }
}

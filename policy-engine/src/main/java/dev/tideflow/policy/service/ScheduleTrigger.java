package dev.tideflow.policy.service;

import dev.tideflow.contracts.ScalingDecision;
import dev.tideflow.log.Level;
import dev.tideflow.log.ScalingLogger;
import dev.tideflow.policy.domain.Policy;
import dev.tideflow.policy.domain.PolicySnapshot;
import dev.tideflow.policy.messaging.DecisionPublisher;
import dev.tideflow.policy.repository.PolicyRepository;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Lets a schedule window act when it opens, not only when the target's next metric window arrives: every
 * {@code tideflow.policy-engine.schedules.check-every} each enabled policy with schedules is checked against its
 * target's count ({@link DecisionService#decideOnSchedule}). Every engine instance runs the check for every such
 * policy; the decision's id is derived from the policy, the schedule and the opening, so one opening decides
 * once whichever instance gets there first.
 */
@ApplicationScoped
public class ScheduleTrigger {

    private static final Logger LOG = Logger.getLogger(ScheduleTrigger.class);

    private final PolicyRepository policies;
    private final DecisionService decisions;
    private final DecisionPublisher publisher;
    private final AutoscalingSwitch autoscaling;
    private final GlobalReplicaCap cap;
    private final PolicyMetrics metrics;
    private final ScalingLogger events;

    public ScheduleTrigger(PolicyRepository policies, DecisionService decisions, DecisionPublisher publisher,
            AutoscalingSwitch autoscaling, GlobalReplicaCap cap, PolicyMetrics metrics, ScalingLogger events) {
        this.policies = policies;
        this.decisions = decisions;
        this.publisher = publisher;
        this.autoscaling = autoscaling;
        this.cap = cap;
        this.metrics = metrics;
        this.events = events;
    }

    @Scheduled(every = "${tideflow.policy-engine.schedules.check-every}", delayed = "10s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> checkPeriodically() {
        return check(Instant.now()).replaceWithVoid();
    }

    /** Checks every enabled policy with schedules at {@code now}; the decisions published, in policy-name order. */
    public Uni<List<ScalingDecision>> check(Instant now) {
        return autoscaling.enabled().chain(enabled -> {
            if (!enabled) {
                return Uni.createFrom().item(List.<ScalingDecision>of());
            }
            Integer globalCap = cap.current();
            boolean globalDryRun = autoscaling.globalDryRun();
            return policies.listEnabledScheduled().chain(found -> {
                List<ScalingDecision> published = new ArrayList<>();
                Uni<Void> chain = Uni.createFrom().voidItem();
                for (Policy policy : found) {
                    PolicySnapshot snapshot = globalDryRun ? policy.snapshot().asDryRun() : policy.snapshot();
                    chain = chain.chain(() -> decideAndPublish(snapshot, now, globalCap, published));
                }
                return chain.replaceWith(published);
            });
        });
    }

    /** One policy's failure (a lost insert race, a broker hiccup) must not keep the others from their windows. */
    private Uni<Void> decideAndPublish(PolicySnapshot policy, Instant now, Integer globalCap,
            List<ScalingDecision> published) {
        return decisions.decideOnSchedule(policy, now, globalCap)
                .chain(decision -> decision.isEmpty() ? Uni.createFrom().voidItem()
                        : publisher.publish(decision.get()).invoke(() -> {
                            published.add(decision.get());
                            metrics.decisionPublished();
                            ScalingDecision d = decision.get();
                            events.at(Level.INFO, "policy.decision").str("decisionId", d.decisionId())
                                    .str("target", d.target()).str("policy", d.policyName())
                                    .num("currentReplicas", d.currentReplicas())
                                    .num("desiredReplicas", d.desiredReplicas()).bool("dryRun", d.isDryRun())
                                    .str("reason", d.reason()).log("decision published on schedule");
                        }))
                .onFailure().recoverWithItem(e -> {
                    LOG.warnf(e, "schedule check of policy %s failed; the next check tries again", policy.name());
                    return null;
                });
    }
}

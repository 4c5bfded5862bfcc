package dev.tideflow.executor.service;

import dev.tideflow.contracts.ScalingDecision;
import dev.tideflow.executor.domain.ActionOutcome;
import dev.tideflow.executor.domain.ScalingAction;
import dev.tideflow.executor.domain.Target;
import dev.tideflow.executor.repository.ScalingActionRepository;
import dev.tideflow.executor.repository.TargetRepository;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;

/** The transactions around applying a decision; the platform call itself runs between them, outside any. */
@ApplicationScoped
public class ActionLedger {

    private final ScalingActionRepository actions;
    private final TargetRepository targets;
    private final DriverRegistry drivers;

    ActionLedger(ScalingActionRepository actions, TargetRepository targets, DriverRegistry drivers) {
        this.actions = actions;
        this.targets = targets;
        this.drivers = drivers;
    }

    /**
     * The row of a decision, and the target as it must be scaled.
     *
     * @param inserted true if this delivery claimed the decision; false if a row existed already
     */
    public record Claim(ScalingAction action, Target target, boolean inserted) {
    }

    /** Records {@code decision} as PENDING, or finds the row an earlier delivery of it left. */
    @WithTransaction
    public Uni<Claim> claim(ScalingDecision decision, Instant now) {
        return targets.findById(decision.target()).chain(registration -> {
            Target target = registration != null
                    ? registration.toTarget()
                    : Target.unregistered(decision.target(), drivers.defaultDriver());
            return actions.insertPendingIfAbsent(decision, target.driver(), now)
                    .chain(inserted -> actions.findByDecisionId(decision.decisionId())
                            // A resumed decision keeps the driver it was first claimed for.
                            .map(action -> new Claim(action, target.withDriver(action.driver), inserted)));
        });
    }

    @WithTransaction
    public Uni<Void> complete(long actionId, ActionOutcome outcome) {
        return actions.findById(actionId).invoke(action -> {
            action.status = outcome.status();
            action.replicasBefore = outcome.replicasBefore();
            action.replicasAfter = outcome.replicasAfter();
            action.error = outcome.error();
            action.startedAt = outcome.startedAt();
            action.finishedAt = outcome.finishedAt();
            action.durationMs = outcome.durationMillis();
            action.recordRequests(outcome.requestsBefore(), outcome.requestsAfter());
        }).replaceWithVoid();
    }

    @WithTransaction
    public Uni<Void> markPublished(long actionId) {
        return actions.findById(actionId).invoke(action -> action.published = true).replaceWithVoid();
    }
}

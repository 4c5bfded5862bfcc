package dev.tideflow.executor.service;

import dev.tideflow.contracts.Contract;
import dev.tideflow.contracts.ReplicaObservation;
import dev.tideflow.contracts.ResourceRequests;
import dev.tideflow.contracts.ScalingDecision;
import dev.tideflow.contracts.ScalingEvent;
import dev.tideflow.executor.domain.ActionOutcome;
import dev.tideflow.executor.domain.ActionStatus;
import dev.tideflow.executor.domain.ScalingAction;
import dev.tideflow.executor.domain.Target;
import dev.tideflow.executor.driver.ScalingDriver;
import dev.tideflow.executor.driver.UnknownDriverException;
import dev.tideflow.executor.messaging.ExecutionPublisher;
import dev.tideflow.executor.notify.ScalingNotifications;
import dev.tideflow.log.Level;
import dev.tideflow.log.ScalingLogger;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.time.Instant;
import java.util.concurrent.Executor;

/**
 * Applies a decision at most once: claim its id in the ledger, call the driver off the event loop, store
 * the outcome, publish it, queue it for the webhook, and only then let the caller acknowledge the record.
 */
@ApplicationScoped
public class DecisionExecutor {

    private static final Logger LOG = Logger.getLogger(DecisionExecutor.class);

    private final ActionLedger ledger;
    private final DriverRegistry drivers;
    private final ExecutionPublisher publisher;
    private final ExecutorMetrics metrics;
    private final ScalingLogger events;
    private final ScalingNotifications notifications;

    DecisionExecutor(ActionLedger ledger, DriverRegistry drivers, ExecutionPublisher publisher,
            ExecutorMetrics metrics, ScalingLogger events, ScalingNotifications notifications) {
        this.events = events;
        this.notifications = notifications;
        this.ledger = ledger;
        this.drivers = drivers;
        this.publisher = publisher;
        this.metrics = metrics;
    }

    public Uni<Void> apply(ScalingDecision decision) {
        Executor onContext = ContextExecutor.current();
        return ledger.claim(decision, Instant.now()).chain(claim -> {
            ScalingAction action = claim.action();
            if (!claim.inserted() && action.status.isTerminal()) {
                return redelivered(action, onContext);
            }
            if (!claim.inserted()) {
                LOG.warnf("decision %s for %s was left pending by an earlier run; applying it again (the desired "
                        + "count is absolute)", action.decisionId, action.target);
            }
            Uni<ActionOutcome> outcome = action.dryRun
                    ? Uni.createFrom().item(ActionExecution.dryRun())
                    : Uni.createFrom().item(() -> callDriver(claim.target(), action.desiredReplicas,
                                    action.requested()))
                            .runSubscriptionOn(Infrastructure.getDefaultWorkerPool())
                            .emitOn(onContext);
            return outcome
                    .call(result -> ledger.complete(action.id, result))
                    .invoke(result -> {
                        metrics.action(result.status());
                        events.at(result.error() == null ? Level.INFO : Level.ERROR, "executor.apply")
                                .str("decisionId", action.decisionId).str("target", action.target)
                                .str("driver", action.driver).str("status", result.status().name())
                                .num("replicasBefore", result.replicasBefore() == null ? -1 : result.replicasBefore())
                                .num("replicasAfter", result.replicasAfter() == null ? -1 : result.replicasAfter())
                                .num("desired", action.desiredReplicas)
                                .num("requestedCpuMillis", orMinusOne(action.requestedCpuMillis))
                                .num("requestedMemoryMiB", orMinusOne(action.requestedMemoryMiB))
                                .num("cpuMillisBefore", cpuOf(result.requestsBefore()))
                                .num("memoryMiBBefore", memoryOf(result.requestsBefore()))
                                .num("cpuMillisAfter", cpuOf(result.requestsAfter()))
                                .num("memoryMiBAfter", memoryOf(result.requestsAfter()))
                                .num("durationMs", result.durationMillis())
                                .str("error", result.error() == null ? "" : result.error())
                                .log("decision executed");
                    })
                    .chain(result -> publishAndMark(action, result, true, onContext));
        });
    }

    /** A decision seen before: never applied again, but its outcome is published if that never completed. */
    private Uni<Void> redelivered(ScalingAction action, Executor onContext) {
        metrics.duplicate();
        if (action.published) {
            events.at(Level.INFO, "executor.apply").str("decisionId", action.decisionId).str("target", action.target)
                    .str("status", action.status.name()).log("duplicate decision skipped");
            return Uni.createFrom().voidItem();
        }
        LOG.infof("decision %s for %s was already applied (%s) but its outcome was not published; publishing it",
                action.decisionId, action.target, action.status);
        ActionOutcome stored = new ActionOutcome(action.status, action.replicasBefore, action.replicasAfter,
                action.error, action.startedAt, action.finishedAt,
                action.durationMs == null ? 0 : action.durationMs, action.requestsBefore(), action.requestsAfter());
        return publishAndMark(action, stored, false, onContext);
    }

    private ActionOutcome callDriver(Target target, int desired, ResourceRequests requests) {
        ScalingDriver driver;
        try {
            driver = drivers.require(target.driver());
        } catch (UnknownDriverException e) {
            Instant now = Instant.now();
            return new ActionOutcome(ActionStatus.FAILED, null, null, e.getMessage(), now, now, 0);
        }
        DecisionApplier.Applied applied = DecisionApplier.apply(driver, target, desired, requests);
        metrics.driverCall(driver.name(), applied.driverSucceeded(), applied.elapsed());
        return applied.outcome();
    }

    /** Absent numbers are logged as -1, so every record of this event has the same fields. */
    private static int orMinusOne(Integer value) {
        return value == null ? -1 : value;
    }

    private static int cpuOf(ResourceRequests requests) {
        return requests == null ? -1 : orMinusOne(requests.cpuMillis());
    }

    private static int memoryOf(ResourceRequests requests) {
        return requests == null ? -1 : orMinusOne(requests.memoryMiB());
    }

    private Uni<Void> publishAndMark(ScalingAction action, ActionOutcome outcome, boolean observe,
            Executor onContext) {
        ScalingEvent event = new ScalingEvent(Contract.VERSION, action.decisionId, action.target, action.driver,
                outcome.status().toEventStatus(), outcome.replicasBefore(), outcome.replicasAfter(),
                outcome.error(), outcome.startedAt(), outcome.finishedAt(), outcome.durationMillis(),
                outcome.requestsBefore(), outcome.requestsAfter());
        Uni<Void> sent;
        if (observe && outcome.status() != ActionStatus.DRY_RUN && outcome.replicasAfter() != null) {
            ReplicaObservation observation = ReplicaObservation.of(action.target, action.driver,
                    outcome.replicasAfter(), outcome.finishedAt());
            sent = Uni.combine().all().unis(publisher.publish(event), publisher.publish(observation))
                    .discardItems();
        } else {
            sent = publisher.publish(event);
        }
        // After the event is on the topic, so the webhook never announces an outcome the suite does not know.
        return sent.emitOn(onContext).call(() -> ledger.markPublished(action.id))
                .invoke(() -> notifications.outcome(event));
    }
}

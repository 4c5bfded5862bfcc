package dev.tideflow.policy.service;

import dev.tideflow.contracts.Contract;
import dev.tideflow.contracts.MetricWindow;
import dev.tideflow.contracts.ScalingDecision;
import dev.tideflow.kit.rest.ProblemException;
import dev.tideflow.policy.domain.DecisionLogEntry;
import dev.tideflow.policy.domain.PolicySnapshot;
import dev.tideflow.policy.domain.TargetState;
import dev.tideflow.policy.repository.DecisionLogRepository;
import dev.tideflow.policy.repository.TargetStateRepository;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Takes decisions and keeps the decision log. */
@ApplicationScoped
public class DecisionService {

    private static final Logger LOG = Logger.getLogger(DecisionService.class);

    private final DecisionLogRepository log;
    private final TargetStateRepository states;
    private final PolicyMetrics metrics;
    private final PolicyEvaluator evaluator = new PolicyEvaluator();

    public DecisionService(DecisionLogRepository log, TargetStateRepository states, PolicyMetrics metrics) {
        this.log = log;
        this.states = states;
        this.metrics = metrics;
    }

    /** The same policy and window always give the same id, so a redelivered window cannot decide twice. */
    public static UUID decisionId(UUID policyId, MetricWindow window) {
        return UUID.nameUUIDFromBytes((policyId + "|" + window.windowId()).getBytes(StandardCharsets.UTF_8));
    }

    /**
     * The decision {@code policy} takes for {@code window}, to be published: the logged one if the window
     * was decided before, else a new one, logged together with the target's state in one transaction.
     * Empty when the policy takes no decision.
     */
    @WithTransaction
    public Uni<Optional<ScalingDecision>> decide(PolicySnapshot policy, MetricWindow window) {
        UUID decisionId = decisionId(policy.id(), window);
        return log.findDecision(decisionId).chain(logged -> {
            if (logged != null) {
                LOG.debugf("window %s was decided before: republishing decision %s", window.windowId(), decisionId);
                return Uni.createFrom().item(Optional.of(logged.toDecision()));
            }
            return states.findState(policy.target()).chain(state -> lastDecisionAt(policy, state)
                    .chain(lastDecisionAt -> decideNew(policy, window, decisionId, state, lastDecisionAt)));
        });
    }

    public Uni<List<ScalingDecision>> newest(String target, int limit) {
        return log.listNewest(target, limit)
                .map(entries -> entries.stream().map(DecisionLogEntry::toDecision).toList());
    }

    public Uni<ScalingDecision> get(UUID decisionId) {
        return log.findDecision(decisionId)
                .onItem().ifNull().failWith(() -> ProblemException.notFound("no decision with id " + decisionId))
                .map(DecisionLogEntry::toDecision);
    }

    /**
     * A dry run leaves the target's state alone, so that it never holds back or skews a real policy of the
     * same target; its cooldown runs from its own last dry-run decision instead.
     */
    private Uni<Instant> lastDecisionAt(PolicySnapshot policy, TargetState state) {
        if (policy.dryRun()) {
            return log.lastDryRunAt(policy.id());
        }
        return Uni.createFrom().item(state == null ? null : state.lastDecisionAt);
    }

    private Uni<Optional<ScalingDecision>> decideNew(PolicySnapshot policy, MetricWindow window, UUID decisionId,
            TargetState state, Instant lastDecisionAt) {
        // PostgreSQL keeps microseconds: a republished decision must read exactly like the first one.
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        CurrentReplicas current = state == null
                ? CurrentReplicas.resolve(null, null, null, null, policy.range().min())
                : CurrentReplicas.resolve(state.observedReplicas, state.observedAt, state.lastDesiredReplicas,
                        state.lastDecisionAt, policy.range().min());
        Evaluation evaluation = evaluator.evaluate(policy, window, current, lastDecisionAt, now);
        if (evaluation instanceof Evaluation.NoDecision none) {
            metrics.skipped(none.why());
            LOG.debugf("policy %s, target %s: no decision: %s", policy.name(), policy.target(), none.reason());
            return Uni.createFrom().item(Optional.empty());
        }
        Evaluation.Decision decided = (Evaluation.Decision) evaluation;
        ScalingDecision decision = new ScalingDecision(Contract.VERSION, decisionId.toString(), policy.target(),
                policy.id().toString(), policy.name(), decided.currentReplicas(), decided.desiredReplicas(),
                decided.reason(), policy.metric(), decided.metricValue(), window.windowEnd(), now, policy.dryRun());
        LOG.infof("policy %s decided %s%s: %s", policy.name(), policy.target(), policy.dryRun() ? " (dry run)" : "",
                decided.reason());
        Uni<?> logged = log.persist(DecisionLogEntry.of(decision, window.windowId()));
        if (!policy.dryRun()) {
            logged = logged.call(() -> states.recordDecision(policy.target(), decided.desiredReplicas(), now));
        }
        return logged.replaceWith(Optional.of(decision));
    }
}

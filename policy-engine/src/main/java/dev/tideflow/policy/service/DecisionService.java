package dev.tideflow.policy.service;

import dev.tideflow.contracts.Contract;
import dev.tideflow.contracts.MetricWindow;
import dev.tideflow.contracts.ScalingDecision;
import dev.tideflow.kit.rest.ProblemException;
import dev.tideflow.policy.domain.AutoscalerHistory;
import dev.tideflow.policy.domain.BehaviorSpec;
import dev.tideflow.policy.domain.DecisionExplanation;
import dev.tideflow.policy.domain.DecisionLogEntry;
import dev.tideflow.policy.domain.PolicySnapshot;
import dev.tideflow.policy.domain.PolicyState;
import dev.tideflow.policy.domain.RuleProposal;
import dev.tideflow.policy.domain.TargetState;
import dev.tideflow.policy.domain.TargetTrackingRule;
import dev.tideflow.policy.domain.ThresholdRule;
import dev.tideflow.policy.hpa.Behavior;
import dev.tideflow.policy.repository.DecisionLogRepository;
import dev.tideflow.policy.repository.PolicyStateRepository;
import dev.tideflow.policy.repository.ScaleEventRepository;
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
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Takes decisions and keeps the decision log. One transaction per policy and window reads the target's and the
 * policy's state, and writes the decision (if any), the target's state and the policy's state (history,
 * breaching run, latest evaluation) together: what the next window sees is exactly what this one decided.
 */
@ApplicationScoped
public class DecisionService {

    private static final Logger LOG = Logger.getLogger(DecisionService.class);

    private final DecisionLogRepository log;
    private final TargetStateRepository states;
    private final PolicyStateRepository policyStates;
    private final ScaleEventRepository scaleEvents;
    private final PolicyMetrics metrics;
    private final PolicyEvaluator evaluator = new PolicyEvaluator();
    private final TargetTrackingEvaluator tracking = new TargetTrackingEvaluator();

    public DecisionService(DecisionLogRepository log, TargetStateRepository states,
            PolicyStateRepository policyStates, ScaleEventRepository scaleEvents, PolicyMetrics metrics) {
        this.log = log;
        this.scaleEvents = scaleEvents;
        this.states = states;
        this.policyStates = policyStates;
        this.metrics = metrics;
    }

    /** The same policy and window always give the same id, so a redelivered window cannot decide twice. */
    public static UUID decisionId(UUID policyId, MetricWindow window) {
        return UUID.nameUUIDFromBytes((policyId + "|" + window.windowId()).getBytes(StandardCharsets.UTF_8));
    }

    /**
     * The decision {@code policy} takes for {@code window}, to be published: the logged one if the window
     * was decided before, else a new one, logged together with the target's and the policy's state in one
     * transaction. Empty when the policy takes no decision.
     *
     * @param globalCap the most replicas any target may run now; null for none
     */
    @WithTransaction
    public Uni<Optional<ScalingDecision>> decide(PolicySnapshot policy, MetricWindow window, BurstSignal burst,
            Integer globalCap) {
        UUID decisionId = decisionId(policy.id(), window);
        return log.findDecision(decisionId).chain(logged -> {
            if (logged != null) {
                LOG.debugf("window %s was decided before: republishing decision %s", window.windowId(), decisionId);
                return Uni.createFrom().item(Optional.of(logged.toDecision()));
            }
            return states.findState(policy.target()).chain(state -> policyStates.findState(policy.id())
                    .chain(found -> {
                        PolicyState own = found != null ? found : PolicyState.start(policy.id(), policy.target());
                        Uni<Optional<ScalingDecision>> decided = policy.rule() instanceof TargetTrackingRule
                                ? scaleEventsFor(policy, window).chain(events -> decideTracking(policy, window,
                                        decisionId, state, own, events, burst, globalCap))
                                : lastDecisionAt(policy, state).chain(lastDecisionAt -> decideThreshold(policy,
                                        window, decisionId, state, own, lastDecisionAt, burst, globalCap));
                        return found != null ? decided
                                : decided.call(() -> policyStates.persist(own));
                    }));
        });
    }

    public Uni<List<DecisionLogEntry>> newest(String target, int limit) {
        return log.listNewest(target, limit);
    }

    public Uni<DecisionLogEntry> get(UUID decisionId) {
        return log.findDecision(decisionId)
                .onItem().ifNull().failWith(() -> ProblemException.notFound("no decision with id " + decisionId));
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

    private Uni<Optional<ScalingDecision>> decideThreshold(PolicySnapshot policy, MetricWindow window,
            UUID decisionId, TargetState state, PolicyState own, Instant lastDecisionAt, BurstSignal burst,
            Integer globalCap) {
        Instant now = now();
        CurrentReplicas current = current(policy, state);
        ThresholdRule rule = (ThresholdRule) policy.rule();
        double value = policy.aggregation().of(window);
        int breaches = own.countBreach(rule.breach(value), window.windowEnd());
        Evaluation evaluation = evaluator.evaluate(policy, window, current, lastDecisionAt, now, breaches);
        double confidence = breaches == 0 ? 1.0 : Math.min(1.0, (double) breaches / policy.evaluationPeriods());
        if (current.source() == CurrentReplicas.Source.ASSUMED_MINIMUM) {
            confidence /= 2;
        }
        RuleProposal proposal = rule.propose(value, current.value(), policy.range());
        String decidedBy = proposal.limit() == null ? "rule threshold" : "rule threshold, " + proposal.limit();
        if (evaluation instanceof Evaluation.Decision decided && globalCap != null
                && decided.desiredReplicas() > globalCap) {
            String capped = decided.reason() + "; the global cap of " + globalCap + " replicas lowers it to "
                    + globalCap;
            decidedBy = "GlobalCap";
            evaluation = globalCap == decided.currentReplicas()
                    ? new Evaluation.NoDecision(SkipReason.NO_CHANGE, capped)
                    : new Evaluation.Decision(decided.currentReplicas(), globalCap, decided.metricValue(), capped);
        }
        if (evaluation instanceof Evaluation.NoDecision none && none.why() != SkipReason.NO_CHANGE) {
            decidedBy = none.why().tag();
        }
        String reason = withPriority(evaluation.reason(), burst);
        int desired = evaluation instanceof Evaluation.Decision d ? d.desiredReplicas() : current.value();
        DecisionExplanation explanation = new DecisionExplanation(ThresholdRule.TYPE, current.value(),
                TargetTrackingEvaluator.source(current), desired,
                List.of(new DecisionExplanation.MetricExplanation(policy.metric(), null, null,
                        policy.aggregation().wireName(), value, null, proposal.desiredReplicas(),
                        proposal.condition())),
                proposal.desiredReplicas(), null, decidedBy, null, globalCap, burst.priority(),
                burst.accounts().isEmpty() ? null : burst.accounts(), breaches, policy.evaluationPeriods(), reason);
        // What the rule asks for, even while the cooldown or the evaluation periods hold it back.
        int recommended = globalCap == null ? proposal.desiredReplicas()
                : Math.min(globalCap, proposal.desiredReplicas());
        own.evaluated(window.windowEnd(), current.value(), recommended, reason, confidence, burst.priority());
        if (evaluation instanceof Evaluation.NoDecision none) {
            metrics.skipped(none.why());
            LOG.debugf("policy %s, target %s: no decision: %s", policy.name(), policy.target(), reason);
            return Uni.createFrom().item(Optional.empty());
        }
        Evaluation.Decision decided = (Evaluation.Decision) evaluation;
        own.resetBreaches();
        return record(policy, window, decisionId, now, decided.currentReplicas(), decided.desiredReplicas(), reason,
                policy.metric(), decided.metricValue(), burst, explanation);
    }

    /**
     * The target's replica changes within the behavior's longest rate period before {@code window}'s end: what the
     * executor did, and the real decisions it has not reported on yet (see {@link ScaleEventHistory}).
     */
    private Uni<List<AutoscalerHistory.ScaleChange>> scaleEventsFor(PolicySnapshot policy, MetricWindow window) {
        Behavior behavior = BehaviorSpec.toBehavior(policy.behavior());
        Instant after = window.windowEnd().minusSeconds(Math.max(behavior.scaleUp().longestPeriodSeconds(),
                behavior.scaleDown().longestPeriodSeconds()));
        return scaleEvents.succeededSince(policy.target(), after).chain(executed -> log
                .inFlight(policy.target(), after).map(inFlight -> ScaleEventHistory.of(executed, inFlight)));
    }

    private Uni<Optional<ScalingDecision>> decideTracking(PolicySnapshot policy, MetricWindow window,
            UUID decisionId, TargetState state, PolicyState own, List<AutoscalerHistory.ScaleChange> events,
            BurstSignal burst, Integer globalCap) {
        TargetTrackingRule rule = (TargetTrackingRule) policy.rule();
        Set<String> tracked = rule.metrics().stream().map(TargetTrackingRule.Metric::name).collect(Collectors.toSet());
        own.history = own.history.withWindow(window).retainWindows(tracked);
        CurrentReplicas current = current(policy, state);
        TrackingOutcome outcome = tracking.evaluate(policy, own.history.withScaleEvents(events), window, current,
                globalCap, burst);
        // The engine's clock is the window's end, so the history is measured in event time.
        Instant at = window.windowEnd();
        Behavior behavior = BehaviorSpec.toBehavior(policy.behavior());
        if (outcome.recommendation() != null) {
            int longest = Math.max(behavior.scaleUp().stabilizationWindowSeconds(),
                    behavior.scaleDown().stabilizationWindowSeconds());
            own.history = own.history.withRecommendation(at, outcome.recommendation(), at.minusSeconds(longest));
        }
        own.evaluated(at, outcome.currentReplicas(), outcome.desiredReplicas(), outcome.reason(),
                outcome.confidence(), burst.priority());
        if (!outcome.changes()) {
            metrics.skipped(SkipReason.NO_CHANGE);
            LOG.debugf("policy %s, target %s: no decision: %s", policy.name(), policy.target(), outcome.reason());
            return Uni.createFrom().item(Optional.empty());
        }
        // The decision itself counts against the rate policies from the decision log while it is in flight, and
        // from the executor's event once it is done; a dry run counts nowhere.
        return record(policy, window, decisionId, now(), outcome.currentReplicas(), outcome.desiredReplicas(),
                outcome.reason(), outcome.metric(), outcome.metricValue(), burst, outcome.explanation());
    }

    private Uni<Optional<ScalingDecision>> record(PolicySnapshot policy, MetricWindow window, UUID decisionId,
            Instant now, int from, int to, String reason, String metric, double metricValue, BurstSignal burst,
            DecisionExplanation explanation) {
        ScalingDecision decision = new ScalingDecision(Contract.VERSION, decisionId.toString(), policy.target(),
                policy.id().toString(), policy.name(), from, to, reason, metric, metricValue, window.windowEnd(), now,
                policy.dryRun());
        LOG.infof("policy %s decided %s%s: %s", policy.name(), policy.target(), policy.dryRun() ? " (dry run)" : "",
                reason);
        Uni<?> logged = log.persist(DecisionLogEntry.of(decision, window.windowId(), burst.priority(), explanation));
        if (!policy.dryRun()) {
            logged = logged.call(() -> states.recordDecision(policy.target(), to, now));
        }
        return logged.replaceWith(Optional.of(decision));
    }

    private static CurrentReplicas current(PolicySnapshot policy, TargetState state) {
        return state == null
                ? CurrentReplicas.resolve(null, null, null, null, policy.range().min())
                : CurrentReplicas.resolve(state.observedReplicas, state.observedAt, state.lastDesiredReplicas,
                        state.lastDecisionAt, policy.range().min());
    }

    /** PostgreSQL keeps microseconds: a republished decision must read exactly like the first one. */
    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MICROS);
    }

    private static String withPriority(String reason, BurstSignal burst) {
        if (!burst.burst()) {
            return reason;
        }
        String text = reason + " [priority high: " + String.join("; ", burst.accounts()) + "]";
        return text.length() <= 2048 ? text : text.substring(0, 2047) + "…";
    }
}

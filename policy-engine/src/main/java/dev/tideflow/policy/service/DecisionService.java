package dev.tideflow.policy.service;

import dev.tideflow.contracts.Contract;
import dev.tideflow.contracts.ResourceRequests;
import dev.tideflow.contracts.InstanceAggregate;
import dev.tideflow.contracts.MetricWindow;
import dev.tideflow.contracts.ScalingDecision;
import dev.tideflow.kit.rest.ProblemException;
import dev.tideflow.policy.domain.AutoscalerHistory;
import dev.tideflow.policy.domain.BehaviorSpec;
import dev.tideflow.policy.domain.DecisionExplanation;
import dev.tideflow.policy.domain.DecisionLogEntry;
import dev.tideflow.policy.domain.Policy;
import dev.tideflow.policy.domain.PolicySnapshot;
import dev.tideflow.policy.domain.PolicyState;
import dev.tideflow.policy.domain.ReplicaRange;
import dev.tideflow.policy.domain.RuleProposal;
import dev.tideflow.policy.domain.TargetState;
import dev.tideflow.policy.domain.TargetTrackingRule;
import dev.tideflow.policy.domain.ThresholdRule;
import dev.tideflow.policy.domain.ThresholdsRule;
import dev.tideflow.policy.forecast.ForecastFloor;
import dev.tideflow.policy.hpa.Behavior;
import dev.tideflow.policy.hpa.Tolerances;
import dev.tideflow.policy.repository.DecisionLogRepository;
import dev.tideflow.policy.repository.PolicyRepository;
import dev.tideflow.policy.repository.PolicyStateRepository;
import dev.tideflow.policy.repository.ScaleEventRepository;
import dev.tideflow.policy.repository.TargetStateRepository;
import dev.tideflow.policy.schedule.ActiveSchedule;
import dev.tideflow.policy.schedule.ScheduleBounds;
import dev.tideflow.policy.schedule.ScheduleEvaluator;
import dev.tideflow.policy.vertical.ResourceBounds;
import dev.tideflow.policy.vertical.ResourceRecommendation;
import dev.tideflow.policy.vertical.ScalingMode;
import dev.tideflow.policy.vertical.VerticalOutcome;
import dev.tideflow.policy.vertical.VerticalScaler;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.ToDoubleFunction;
import java.util.stream.Collectors;

/**
 * Takes decisions and keeps the decision log. One transaction per policy and window reads the target's and the
 * policy's state, and writes the decision (if any), the target's state and the policy's state (history,
 * breaching run, latest evaluation) together: what the next window sees is exactly what this one decided. A real
 * scale-down also reads the latest evaluations of the target's other policies, which may hold it
 * ({@link PolicyArbiter}).
 */
@ApplicationScoped
public class DecisionService {

    private static final Logger LOG = Logger.getLogger(DecisionService.class);
    /**
     * A percentage_change baseline older than this many window lengths is no baseline: the same staleness as a
     * targetTracking metric's.
     */
    private static final int BASELINE_WINDOWS = 3;
    /** Asks a threshold rule for its step before any bound, to tell which bound held it. */
    private static final ReplicaRange UNBOUNDED = new ReplicaRange(0, Integer.MAX_VALUE);
    /** What decided, in an explanation, when the count was held at the floor the forecast set. */
    static final String FORECAST_LIMIT = "forecast";
    private static final VerticalScaler VERTICAL = new VerticalScaler();

    private final DecisionLogRepository log;
    private final TargetStateRepository states;
    private final PolicyStateRepository policyStates;
    private final ScaleEventRepository scaleEvents;
    private final PolicyMetrics metrics;
    private final ForecastService forecasts;
    private final PolicyRepository policies;
    private final PolicyEvaluator evaluator = new PolicyEvaluator();
    private final TargetTrackingEvaluator tracking = new TargetTrackingEvaluator();
    private final ThresholdsEvaluator thresholds = new ThresholdsEvaluator();
    private final PolicyArbiter arbiter = new PolicyArbiter();
    private final ScheduleEvaluator schedules = new ScheduleEvaluator();

    public DecisionService(DecisionLogRepository log, TargetStateRepository states,
            PolicyStateRepository policyStates, ScaleEventRepository scaleEvents, PolicyMetrics metrics,
            ForecastService forecasts, PolicyRepository policies) {
        this.policies = policies;
        this.log = log;
        this.forecasts = forecasts;
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
            // Schedules are read on the engine's clock, the window's end, like the rest of the evaluation.
            ScheduleBounds bounds = schedules.evaluate(policy.schedules(), window.windowEnd());
            return states.findState(policy.target()).chain(state -> forecasts.predict(policy, window.windowEnd(),
                    current(policy, state).value(), bounds.narrow(policy.range()))
                    .chain(prediction -> policyStates.findState(policy.id()).chain(found -> {
                        PolicyState own = found != null ? found : PolicyState.start(policy.id(), policy.target());
                        Uni<Optional<ScalingDecision>> decided;
                        if (policy.rule() instanceof TargetTrackingRule) {
                            decided = scaleEventsFor(policy, window).chain(events -> decideTracking(policy, window,
                                    decisionId, state, own, events, burst, globalCap, bounds, prediction));
                        } else if (policy.rule() instanceof ThresholdsRule) {
                            decided = lastDecisionAt(policy, state).chain(lastDecisionAt -> decideThresholds(policy,
                                    window, decisionId, state, own, lastDecisionAt, burst, globalCap, bounds,
                                    prediction));
                        } else {
                            decided = lastDecisionAt(policy, state).chain(lastDecisionAt -> decideThreshold(policy,
                                    window, decisionId, state, own, lastDecisionAt, burst, globalCap, bounds,
                                    prediction));
                        }
                        return found != null ? decided
                                : decided.call(() -> policyStates.persist(own));
                    })));
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
            Integer globalCap, ScheduleBounds bounds, Prediction prediction) {
        Instant now = now();
        CurrentReplicas current = current(policy, state);
        ThresholdRule rule = (ThresholdRule) policy.rule();
        double value = policy.aggregation().of(window);
        Double previous = rule.comparesChange() ? own.rememberValue(window.windowStart(), window.windowEnd(), value,
                BASELINE_WINDOWS) : null;
        Double compared = rule.compared(value, previous);
        int breaches = own.countBreach(compared == null ? 0 : rule.breach(compared), window.windowEnd());
        ReplicaRange narrowed = bounds.narrow(policy.range());
        ReplicaRange forecastRange = ForecastFloor.apply(policy.range(), narrowed,
                prediction == null ? null : prediction.plan());
        PolicySnapshot scheduled = policy.withRange(forecastRange);
        Evaluation evaluation = evaluator.evaluate(scheduled, window, current, lastDecisionAt, now, breaches,
                previous);
        double confidence = breaches == 0 ? 1.0 : Math.min(1.0, (double) breaches / policy.evaluationPeriods());
        if (current.source() == CurrentReplicas.Source.ASSUMED_MINIMUM) {
            confidence /= 2;
        }
        RuleProposal proposal = PolicyEvaluator.propose(rule, value, previous, current.value(), scheduled);
        String decidedBy = proposal.limit() == null ? "rule threshold" : "rule threshold, " + proposal.limit();
        boolean raisedToFloor = proposal.limit() != null && PolicyEvaluator.propose(rule, value, previous,
                current.value(), scheduled.withRange(UNBOUNDED)).desiredReplicas() < proposal.desiredReplicas();
        Bounded bounded = bound(evaluation, decidedBy, proposal.limit() != null, raisedToFloor,
                proposal.desiredReplicas(), policy, bounds, narrowed, forecastRange, globalCap, prediction);
        evaluation = bounded.evaluation();
        decidedBy = bounded.decidedBy();
        String scheduleLimit = bounded.scheduleLimit();
        String reason = withPriority(evaluation.reason(), burst);
        int desired = evaluation instanceof Evaluation.Decision d ? d.desiredReplicas() : current.value();
        DecisionExplanation explanation = new DecisionExplanation(ThresholdRule.TYPE, current.value(),
                TargetTrackingEvaluator.source(current), desired,
                List.of(new DecisionExplanation.MetricExplanation(policy.metric(), null, null,
                        policy.aggregation().wireName(), value, null, proposal.desiredReplicas(),
                        proposal.condition())),
                proposal.desiredReplicas(), null, decidedBy, null, globalCap, burst.priority(),
                burst.accounts().isEmpty() ? null : burst.accounts(), breaches, policy.evaluationPeriods(), reason)
                .withSchedules(bounds.active(), decidedBy.equals(scheduleLimit) ? scheduleLimit : null, reason)
                .withForecast(prediction == null ? null : prediction.note(), null, reason);
        // What the rule asks for, even while the cooldown or the evaluation periods hold it back.
        int recommended = globalCap == null ? proposal.desiredReplicas()
                : Math.min(globalCap, proposal.desiredReplicas());
        own.evaluated(window.windowStart(), window.windowEnd(), current.value(), recommended, reason, confidence,
                burst.priority());
        return recordOrSkip(policy, window, decisionId, own, now, evaluation, reason, policy.metric(),
                Evaluation.Decision::metricValue, burst, explanation);
    }

    private Uni<Optional<ScalingDecision>> decideThresholds(PolicySnapshot policy, MetricWindow window,
            UUID decisionId, TargetState state, PolicyState own, Instant lastDecisionAt, BurstSignal burst,
            Integer globalCap, ScheduleBounds bounds, Prediction prediction) {
        Instant now = now();
        ThresholdsRule rule = (ThresholdsRule) policy.rule();
        Set<String> read = rule.thresholds().stream().map(ThresholdsRule.Threshold::metric)
                .collect(Collectors.toSet());
        // The replaced window stays as the previous one: the baseline of a percentage_change threshold.
        own.history = own.history.withWindow(window, true).retainWindows(read);
        CurrentReplicas current = current(policy, state);
        ReplicaRange narrowed = bounds.narrow(policy.range());
        ReplicaRange forecastRange = ForecastFloor.apply(policy.range(), narrowed,
                prediction == null ? null : prediction.plan());
        PolicySnapshot scheduled = policy.withRange(forecastRange);
        ThresholdsEvaluator.Proposal proposal = thresholds.propose(scheduled, own.history, window.windowEnd(),
                current.value());
        int breaches = own.countMove(proposal.direction(), window.windowEnd());
        Evaluation evaluation = thresholds.evaluate(scheduled, proposal, current, lastDecisionAt, now,
                window.windowEnd(), breaches);
        long valid = proposal.thresholds().stream().filter(t -> Boolean.TRUE.equals(t.valid())).count();
        double confidence = (double) valid / rule.thresholds().size();
        if (current.source() == CurrentReplicas.Source.ASSUMED_MINIMUM) {
            confidence /= 2;
        }
        Bounded bounded = bound(evaluation, proposal.decidedBy(), proposal.limit() != null,
                proposal.raw() < proposal.desired(), proposal.desired(), policy, bounds, narrowed, forecastRange,
                globalCap, prediction);
        evaluation = bounded.evaluation();
        String decidedBy = bounded.decidedBy();
        String scheduleLimit = bounded.scheduleLimit();
        String reason = truncate(withPriority(evaluation.reason(), burst));
        int desired = evaluation instanceof Evaluation.Decision d ? d.desiredReplicas() : current.value();
        DecisionExplanation explanation = new DecisionExplanation(ThresholdsRule.TYPE, current.value(),
                TargetTrackingEvaluator.source(current), desired, proposal.thresholds(), proposal.recommendation(),
                null, decidedBy, proposal.limit(), globalCap, burst.priority(),
                burst.accounts().isEmpty() ? null : burst.accounts(), breaches, policy.evaluationPeriods(), reason)
                .withSchedules(bounds.active(), decidedBy.equals(scheduleLimit) ? scheduleLimit : null, reason)
                .withForecast(prediction == null ? null : prediction.note(), null, reason);
        // What the thresholds ask for, even while the cooldown or the evaluation periods hold it back.
        int recommended = globalCap == null ? proposal.desired() : Math.min(globalCap, proposal.desired());
        own.evaluated(window.windowStart(), window.windowEnd(), current.value(), recommended, reason, confidence,
                burst.priority());
        String metric = proposal.metric() != null ? proposal.metric() : window.metric();
        return recordOrSkip(policy, window, decisionId, own, now, evaluation, reason, metric,
                d -> Double.isNaN(d.metricValue()) ? window.avg() : d.metricValue(), burst, explanation);
    }

    /**
     * The end of both threshold rules' evaluation: a held-back evaluation is counted as skipped; a decision is
     * recorded unless another policy holds it, and a recorded one starts the breach count afresh.
     */
    private Uni<Optional<ScalingDecision>> recordOrSkip(PolicySnapshot policy, MetricWindow window, UUID decisionId,
            PolicyState own, Instant now, Evaluation evaluation, String reason, String metric,
            ToDoubleFunction<Evaluation.Decision> metricValue, BurstSignal burst, DecisionExplanation explanation) {
        if (evaluation instanceof Evaluation.NoDecision none) {
            metrics.skipped(none.why());
            LOG.debugf("policy %s, target %s: no decision: %s", policy.name(), policy.target(), reason);
            return Uni.createFrom().item(Optional.empty());
        }
        Evaluation.Decision decided = (Evaluation.Decision) evaluation;
        return recordUnlessHeld(policy, window, decisionId, own, now, decided.currentReplicas(),
                decided.desiredReplicas(), reason, metric, metricValue.applyAsDouble(decided), burst, explanation,
                null)
                .invoke(recorded -> {
                    if (recorded.isPresent()) {
                        own.resetBreaches();
                    }
                });
    }

    /** A threshold rule's evaluation after its bounds: what decided it, and the schedule or forecast that did. */
    private record Bounded(Evaluation evaluation, String decidedBy, String scheduleLimit) {
    }

    /**
     * Tells which bound held a threshold rule's step (a schedule's, the forecast's floor), applies the global cap,
     * and appends the schedules' and the forecast's notes: the same for the single and the multi-metric rule.
     *
     * @param clamped       whether the range changed the rule's step
     * @param raisedToFloor whether it raised the step (rather than lowered it)
     * @param clampedTo     the step after the range
     */
    private static Bounded bound(Evaluation evaluation, String decidedBy, boolean clamped, boolean raisedToFloor,
            int clampedTo, PolicySnapshot policy, ScheduleBounds bounds, ReplicaRange narrowed,
            ReplicaRange forecastRange, Integer globalCap, Prediction prediction) {
        String scheduleLimit = null;
        if (clamped) {
            scheduleLimit = raisedToFloor && forecastRange.min() > narrowed.min() && clampedTo == forecastRange.min()
                    ? FORECAST_LIMIT : bounds.limitedBy(policy.range(), raisedToFloor);
            if (scheduleLimit != null) {
                decidedBy = scheduleLimit;
            }
        }
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
        if (!bounds.isEmpty()) {
            evaluation = evaluation.withReason(evaluation.reason() + scheduleNote(bounds, policy,
                    policy.withRange(narrowed)));
        }
        if (prediction != null) {
            evaluation = evaluation.withReason(truncate(evaluation.reason()
                    + prediction.reasonNote(narrowed, forecastRange)));
        }
        return new Bounded(evaluation, decidedBy, scheduleLimit);
    }

    /**
     * Records a decision unless another policy of the target holds it: a real scale-down goes no lower than the
     * highest current recommendation of the target's other enabled, real policies ({@link PolicyArbiter}). Held
     * entirely, no decision is taken and the policy's latest evaluation says why; held partly, the decision goes
     * to that recommendation, decided by that policy. Dry runs neither hold nor are held. New requests
     * ({@code requests}, of a vertical or mixed policy) are never held: with the count held they go out alone.
     */
    private Uni<Optional<ScalingDecision>> recordUnlessHeld(PolicySnapshot policy, MetricWindow window,
            UUID decisionId, PolicyState own, Instant now, int from, int to, String reason, String metric,
            double metricValue, BurstSignal burst, DecisionExplanation explanation,
            ResourceRequests requests) {
        if (policy.dryRun() || to >= from) {
            return record(policy, window, decisionId, now, from, to, reason, metric, metricValue, burst, explanation,
                    requests);
        }
        return policies.listEnabledReal(policy.target(), policy.id()).chain(others -> {
            if (others.isEmpty()) {
                return record(policy, window, decisionId, now, from, to, reason, metric, metricValue, burst,
                        explanation, requests);
            }
            return policyStates.listOthers(policy.target(), policy.id()).chain(states -> {
                List<PolicyArbiter.Peer> peers = new ArrayList<>();
                for (Policy other : others) {
                    PolicyState peer = states.stream().filter(s -> s.policyId.equals(other.id)).findFirst()
                            .orElse(null);
                    if (peer != null) {
                        peers.add(new PolicyArbiter.Peer(other.name, peer.recommendedReplicas, peer.evaluatedAt,
                                peer.evaluatedWindowStart));
                    }
                }
                PolicyArbiter.Held held = arbiter.arbitrate(from, to, peers, window.windowEnd(),
                        Duration.between(window.windowStart(), window.windowEnd()));
                if (held == null) {
                    return record(policy, window, decisionId, now, from, to, reason, metric, metricValue, burst,
                            explanation, requests);
                }
                String heldReason = truncate(reason + "; held by " + held.text());
                own.reason = heldReason;
                if (held.to() == from && requests == null) {
                    metrics.skipped(SkipReason.HELD_BY_POLICY);
                    LOG.debugf("policy %s, target %s: no decision: %s", policy.name(), policy.target(), heldReason);
                    return Uni.createFrom().item(Optional.<ScalingDecision>empty());
                }
                return record(policy, window, decisionId, now, from, held.to(), heldReason, metric, metricValue,
                        burst, explanation.heldBy(held.to(), "policy " + held.policy(), heldReason), requests);
            });
        });
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
            BurstSignal burst, Integer globalCap, ScheduleBounds bounds, Prediction prediction) {
        TargetTrackingRule rule = (TargetTrackingRule) policy.rule();
        Set<String> tracked = rule.metrics().stream().map(TargetTrackingRule.Metric::name).collect(Collectors.toSet());
        own.history = own.history.withWindow(window).retainWindows(tracked);
        CurrentReplicas current = current(policy, state);
        ReplicaRange narrowed = bounds.narrow(policy.range());
        ReplicaRange forecastRange = ForecastFloor.apply(policy.range(), narrowed,
                prediction == null ? null : prediction.plan());
        TrackingOutcome evaluated = tracking.evaluate(policy.withRange(forecastRange),
                own.history.withScaleEvents(events), window, current, globalCap, burst);
        TrackingOutcome outcome = withVertical(withForecast(withSchedules(withForecastLimit(evaluated, narrowed,
                forecastRange), bounds, policy, policy.withRange(narrowed)), prediction, narrowed, forecastRange),
                policy, window);
        // The engine's clock is the window's end, so the history is measured in event time.
        Instant at = window.windowEnd();
        Behavior behavior = BehaviorSpec.toBehavior(policy.behavior());
        if (outcome.recommendation() != null) {
            int longest = Math.max(behavior.scaleUp().stabilizationWindowSeconds(),
                    behavior.scaleDown().stabilizationWindowSeconds());
            own.history = own.history.withRecommendation(at, outcome.recommendation(), at.minusSeconds(longest));
        }
        own.evaluated(window.windowStart(), at, outcome.currentReplicas(), outcome.desiredReplicas(), outcome.reason(),
                outcome.confidence(), burst.priority());
        // A vertical or mixed policy may move the requests alone: that is a decision too, with the count unchanged.
        ResourceRequests requests = outcome.explanation().vertical() == null ? null
                : outcome.explanation().vertical().requests();
        if (!outcome.changes() && requests == null) {
            metrics.skipped(SkipReason.NO_CHANGE);
            LOG.debugf("policy %s, target %s: no decision: %s", policy.name(), policy.target(), outcome.reason());
            return Uni.createFrom().item(Optional.empty());
        }
        // The decision itself counts against the rate policies from the decision log while it is in flight, and
        // from the executor's event once it is done; a dry run counts nowhere.
        return recordUnlessHeld(policy, window, decisionId, own, now(), outcome.currentReplicas(),
                outcome.desiredReplicas(), outcome.reason(), outcome.metric(), outcome.metricValue(), burst,
                outcome.explanation(), requests);
    }

    /**
     * The decision the open schedule windows take by themselves, with no metric's window: when the target's count
     * lies outside the range they leave, it moves to the nearest bound (the global cap still applies). At most one
     * per policy, schedule and opening, whose id is derived from the three, so every engine instance may run the
     * check: a second one finds the decision logged (or loses the insert) and takes none. Empty when the count is
     * inside the range, when the policy's own bound rather than a schedule's is at stake (the metric windows
     * handle that), or when this opening has decided before.
     *
     * @param now the moment of the check, against which the windows are read
     */
    @WithTransaction
    public Uni<Optional<ScalingDecision>> decideOnSchedule(PolicySnapshot policy, Instant now, Integer globalCap) {
        ScheduleBounds bounds = schedules.evaluate(policy.schedules(), now);
        if (bounds.isEmpty()) {
            return Uni.createFrom().item(Optional.empty());
        }
        return states.findState(policy.target()).chain(state -> {
            CurrentReplicas current = current(policy, state);
            PolicySnapshot scheduled = policy.withRange(bounds.narrow(policy.range()));
            int from = current.value();
            int bounded = scheduled.range().clamp(from);
            int to = globalCap != null && bounded > globalCap ? Math.max(from, globalCap) : bounded;
            String limit = to == from ? null : bounds.limitedBy(policy.range(), to > from);
            if (limit == null) {
                return Uni.createFrom().item(Optional.<ScalingDecision>empty());
            }
            String name = limit.substring("schedule ".length());
            ActiveSchedule opening = bounds.active().stream().filter(open -> open.name().equals(name)).findFirst()
                    .orElseThrow();
            UUID decisionId = UUID.nameUUIDFromBytes((policy.id() + "|schedule|" + opening.name() + "|"
                    + opening.opened()).getBytes(StandardCharsets.UTF_8));
            return log.findDecision(decisionId).chain(logged -> {
                if (logged != null) {
                    return Uni.createFrom().item(Optional.<ScalingDecision>empty());
                }
                String decidedBy = to == bounded ? limit : "GlobalCap";
                String reason = truncate("schedule " + opening.name() + " opened at " + opening.opened() + ": "
                        + from + " replicas is outside " + scheduled.range() + "; " + from + " → " + to + " replicas"
                        + (to == bounded ? "" : " (the global cap of " + globalCap + " replicas)")
                        + sourceNote(current, policy) + scheduleNote(bounds, policy, scheduled));
                DecisionExplanation explanation = new DecisionExplanation(policy.rule().type(), from,
                        TargetTrackingEvaluator.source(current), to, List.of(), null, null, decidedBy, decidedBy,
                        globalCap, BurstSignal.NONE.priority(), null, null, null, reason)
                        .withSchedules(bounds.active(), null, reason);
                Instant at = now();
                ScalingDecision decision = new ScalingDecision(Contract.VERSION, decisionId.toString(),
                        policy.target(), policy.id().toString(), policy.name(), from, to, reason, null, null,
                        opening.opened(), at, policy.dryRun());
                LOG.infof("policy %s decided %s%s on schedule: %s", policy.name(), policy.target(),
                        policy.dryRun() ? " (dry run)" : "", reason);
                Uni<?> stored = log.persist(DecisionLogEntry.of(decision, "schedule:" + opening.name() + "@"
                        + opening.opened(), BurstSignal.NONE.priority(), explanation));
                if (!policy.dryRun()) {
                    stored = stored.call(() -> states.recordDecision(policy.target(), to, at));
                }
                return stored.replaceWith(Optional.of(decision));
            });
        });
    }

    private static String sourceNote(CurrentReplicas current, PolicySnapshot policy) {
        return switch (current.source()) {
            case ASSUMED_MINIMUM -> " (replica count not observed yet, assumed minReplicas " + policy.range().min()
                    + ")";
            case LAST_DECISION -> " (current count from the last decision, not yet observed)";
            case OBSERVED -> "";
        };
    }

    /**
     * The outcome told with the open schedule windows: a count held at a bound a schedule set is decided by
     * {@code "schedule <name>"} rather than HPA's TooFewReplicas/TooManyReplicas.
     */
    static TrackingOutcome withSchedules(TrackingOutcome outcome, ScheduleBounds bounds, PolicySnapshot policy,
            PolicySnapshot scheduled) {
        if (bounds.isEmpty()) {
            return outcome;
        }
        String limit = outcome.explanation().limitedBy();
        String scheduleLimit = "TooFewReplicas".equals(limit) ? bounds.limitedBy(policy.range(), true)
                : "TooManyReplicas".equals(limit) ? bounds.limitedBy(policy.range(), false) : null;
        String reason = truncate(outcome.reason() + scheduleNote(bounds, policy, scheduled));
        return new TrackingOutcome(outcome.currentReplicas(), outcome.desiredReplicas(), outcome.recommendation(),
                outcome.metric(), outcome.metricValue(), reason,
                outcome.explanation().withSchedules(bounds.active(), scheduleLimit, reason), outcome.confidence());
    }

    /**
     * The outcome with {@code "forecast"} as what decided when HPA held the count at a floor the forecast raised
     * above the schedules' (before {@link #withSchedules}, which then leaves it alone).
     */
    static TrackingOutcome withForecastLimit(TrackingOutcome outcome, ReplicaRange narrowed,
            ReplicaRange forecastRange) {
        if (!"TooFewReplicas".equals(outcome.explanation().limitedBy()) || forecastRange.min() <= narrowed.min()) {
            return outcome;
        }
        return new TrackingOutcome(outcome.currentReplicas(), outcome.desiredReplicas(), outcome.recommendation(),
                outcome.metric(), outcome.metricValue(), outcome.reason(),
                outcome.explanation().withForecast(null, FORECAST_LIMIT, outcome.reason()), outcome.confidence());
    }

    /** The outcome told with the policy's forecast: the explanation's {@code forecast} and a note in the reason. */
    static TrackingOutcome withForecast(TrackingOutcome outcome, Prediction prediction, ReplicaRange narrowed,
            ReplicaRange forecastRange) {
        if (prediction == null) {
            return outcome;
        }
        String reason = truncate(outcome.reason() + prediction.reasonNote(narrowed, forecastRange));
        return new TrackingOutcome(outcome.currentReplicas(), outcome.desiredReplicas(), outcome.recommendation(),
                outcome.metric(), outcome.metricValue(), reason,
                outcome.explanation().withForecast(prediction.note(), null, reason), outcome.confidence());
    }

    /**
     * A vertical or mixed policy's outcome: the requests recommended for the resources this window's metric drives
     * (their utilization ratio from the explanation, their current request from the window's instances), and the
     * replica count kept where {@link VerticalScaler} says the requests move instead.
     */
    static TrackingOutcome withVertical(TrackingOutcome outcome, PolicySnapshot policy, MetricWindow window) {
        if (policy.scalingMode() == ScalingMode.HORIZONTAL || policy.vertical() == null) {
            return outcome;
        }
        TargetTrackingRule rule = (TargetTrackingRule) policy.rule();
        double tolerance = rule.tolerance() == null ? Tolerances.DEFAULT : rule.tolerance();
        List<ResourceRecommendation> resources = new ArrayList<>();
        for (ResourceBounds bounds : policy.vertical().bounds()) {
            if (!bounds.metric().equals(window.metric())) {
                continue;
            }
            Double ratio = outcome.explanation().metrics() == null ? null : outcome.explanation().metrics().stream()
                    .filter(m -> bounds.metric().equals(m.name()) && "Utilization".equals(m.targetType()))
                    .map(DecisionExplanation.MetricExplanation::ratio).filter(Objects::nonNull).findFirst()
                    .orElse(null);
            resources.add(VERTICAL.recommend(bounds, meanRequest(window), ratio, tolerance));
        }
        VerticalOutcome vertical = VERTICAL.decide(policy.scalingMode(), resources);
        boolean held = vertical.holdReplicas() && outcome.changes();
        String reason = truncate(outcome.reason() + " [" + vertical.summary() + "]");
        DecisionExplanation.VerticalNote note = new DecisionExplanation.VerticalNote(
                policy.scalingMode().wireName(), vertical.holdReplicas(), resources.stream()
                        .map(r -> new DecisionExplanation.RequestNote(r.resource(), "cpu".equals(r.resource()) ? "m"
                                : "Mi", r.current(), r.currentRead(), r.ratio(), r.recommended(), r.atBound(),
                                r.reason())).toList());
        return new TrackingOutcome(outcome.currentReplicas(),
                held ? outcome.currentReplicas() : outcome.desiredReplicas(), outcome.recommendation(),
                outcome.metric(), outcome.metricValue(), reason, outcome.explanation().withVertical(note,
                        held ? "scalingMode " + policy.scalingMode().wireName() : null, reason),
                outcome.confidence());
    }

    /** The mean request of the window's instances that report one; null when none does. */
    private static Double meanRequest(MetricWindow window) {
        if (window.instances() == null) {
            return null;
        }
        double sum = 0;
        int count = 0;
        for (InstanceAggregate instance : window.instances()) {
            if (instance != null && instance.request() != null) {
                sum += instance.request();
                count++;
            }
        }
        return count == 0 ? null : sum / count;
    }

    /** Which schedule windows are open and the range they leave, appended to a decision's reason. */
    static String scheduleNote(ScheduleBounds bounds, PolicySnapshot policy, PolicySnapshot scheduled) {
        StringBuilder note = new StringBuilder(" [schedule");
        note.append(bounds.active().size() == 1 ? " " : "s ");
        note.append(bounds.active().stream().map(s -> s.name() + " until " + s.closes())
                .collect(Collectors.joining(", ")));
        note.append(scheduled.range().equals(policy.range()) ? ": range " + policy.range() + " unchanged"
                : ": range " + policy.range() + " narrowed to " + scheduled.range());
        return note.append(']').toString();
    }

    private static String truncate(String reason) {
        return reason.length() <= 2048 ? reason : reason.substring(0, 2047) + "…";
    }

    private Uni<Optional<ScalingDecision>> record(PolicySnapshot policy, MetricWindow window, UUID decisionId,
            Instant now, int from, int to, String reason, String metric, double metricValue, BurstSignal burst,
            DecisionExplanation explanation, ResourceRequests requests) {
        ScalingDecision decision = new ScalingDecision(Contract.VERSION, decisionId.toString(), policy.target(),
                policy.id().toString(), policy.name(), from, to, reason, metric, metricValue, window.windowEnd(), now,
                policy.dryRun(), requests);
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

package dev.tideflow.policy.service;

import dev.tideflow.contracts.InstanceAggregate;
import dev.tideflow.contracts.MetricWindow;
import dev.tideflow.log.Level;
import dev.tideflow.log.ScalingLogger;
import dev.tideflow.policy.config.PolicyEngineConfig;
import dev.tideflow.kit.rest.ProblemException;
import dev.tideflow.policy.domain.Policy;
import dev.tideflow.policy.domain.PolicySnapshot;
import dev.tideflow.policy.domain.PredictiveSpec;
import dev.tideflow.policy.domain.ReplicaRange;
import dev.tideflow.policy.domain.ScalingRule;
import dev.tideflow.policy.forecast.CapacityPlan;
import dev.tideflow.policy.forecast.CurrentCapacity;
import dev.tideflow.policy.forecast.Forecast;
import dev.tideflow.policy.forecast.ForecastOutlook;
import dev.tideflow.policy.forecast.PredictiveScalingPlan;
import dev.tideflow.policy.forecast.PredictiveScalingPolicy;
import dev.tideflow.policy.forecast.PredictiveScalingPlanner;
import dev.tideflow.policy.forecast.StoredHistoryForecaster;
import dev.tideflow.policy.repository.MetricHistoryRepository;
import dev.tideflow.policy.repository.PolicyRepository;
import dev.tideflow.policy.repository.TargetStateRepository;
import dev.tideflow.policy.schedule.ScheduleEvaluator;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Predictive scaling's shell: keeps every window's load in the bucketed history, forecasts a policy's metric from
 * it and plans the floor. A forecast is fitted once per policy and bucket (the history it reads only changes when a
 * bucket closes), so the windows in between pay a map lookup and the planner's arithmetic.
 */
@ApplicationScoped
public class ForecastService {

    private static final Logger LOG = Logger.getLogger(ForecastService.class);

    private final MetricHistoryRepository history;
    private final PolicyRepository policies;
    private final TargetStateRepository states;
    private final ScalingLogger events;
    private final ScheduleEvaluator schedules = new ScheduleEvaluator();
    private final StoredHistoryForecaster forecaster;
    private final PredictiveScalingPlanner planner = new PredictiveScalingPlanner();
    private final Map<UUID, Fitted> fitted = new ConcurrentHashMap<>();

    public ForecastService(MetricHistoryRepository history, PolicyRepository policies, TargetStateRepository states,
            PolicyEngineConfig config, ScalingLogger events) {
        this.events = events;
        this.history = history;
        this.policies = policies;
        this.states = states;
        this.forecaster = new StoredHistoryForecaster(config.forecast().bucket());
    }

    /**
     * The load a window reports for the whole target: the sum of its instances' means when it lists them all (so
     * the number of samples per instance does not count), else its sum.
     */
    public static double load(MetricWindow window) {
        if (window.hasCompleteInstances()) {
            double total = 0;
            for (InstanceAggregate instance : window.instances()) {
                if (instance.avg() != null) {
                    total += instance.avg();
                }
            }
            return total;
        }
        return window.sum();
    }

    /** Adds the window's load to its bucket of the history. */
    @WithTransaction
    public Uni<Void> record(MetricWindow window) {
        return history.record(window.target(), window.metric(), forecaster.bucketOf(window.windowStart()),
                load(window), window.windowEnd()).replaceWithVoid();
    }

    /**
     * The policy's forecast at {@code now} and the plan for a target at {@code current} replicas whose range is
     * {@code range} (the policy's, narrowed by its schedules); null when the policy has no predictive scaling.
     */
    public Uni<Prediction> predict(PolicySnapshot policy, Instant now, int current, ReplicaRange range) {
        PredictiveSpec spec = policy.predictive();
        if (spec == null) {
            return Uni.createFrom().nullItem();
        }
        return outlook(policy.id(), policy.target(), spec, policy.rule(), now).map(outlook -> {
            if (!outlook.available()) {
                return new Prediction(spec, outlook, null);
            }
            CurrentCapacity capacity = new CurrentCapacity(current, range.min(), range.max());
            return new Prediction(spec, outlook, planner.plan(outlook.forecast(), spec.toPolicy(policy.rule()),
                    capacity, now));
        });
    }

    private Uni<ForecastOutlook> outlook(UUID policyId, String target, PredictiveSpec spec, ScalingRule rule,
            Instant now) {
        Instant bucket = forecaster.bucketOf(now);
        Fitted known = fitted.get(policyId);
        if (known != null && known.bucket.equals(bucket) && known.spec.equals(spec) && Objects.equals(known.rule,
                rule)) {
            return Uni.createFrom().item(known.outlook);
        }
        Duration window = spec.historyWindowOrDefault();
        return history.since(target, spec.metric(), bucket.minus(window)).map(buckets -> {
            long started = System.nanoTime();
            ForecastOutlook outlook = forecaster.forecast(buckets, now, window, spec.horizonOrDefault(),
                    spec.schedulingBufferOrDefault());
            events.at(Level.INFO, "policy.forecast").str("policyId", policyId.toString()).str("target", target)
                    .str("metric", spec.metric()).str("bucket", bucket.toString())
                    .num("historyBuckets", outlook.filledBuckets()).bool("available", outlook.available())
                    .num("confidence", outlook.available() ? outlook.forecast().confidence() : 0.0)
                    .num("fitMicros", (System.nanoTime() - started) / 1000)
                    .log(outlook.available() ? "forecast fitted" : "no forecast: " + outlook.unavailable());
            // Forecasts of earlier buckets are never read again (deleted policies' included).
            fitted.values().removeIf(old -> old.bucket.isBefore(bucket));
            fitted.put(policyId, new Fitted(bucket, spec, rule, outlook));
            return outlook;
        });
    }

    @Scheduled(every = "${tideflow.policy-engine.forecast.prune-every}", delayed = "60s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> prunePeriodically() {
        return prune(Instant.now()).replaceWithVoid()
                .onFailure().recoverWithItem(e -> {
                    LOG.warnf(e, "pruning the metric history failed; the next run tries again");
                    return null;
                });
    }

    /**
     * Deletes the buckets no policy reads any more: older than the longest history window of any policy (the
     * default when none has one), at most {@link PredictiveSpec#MAX_HISTORY_WINDOW}; how many.
     */
    @WithTransaction
    public Uni<Integer> prune(Instant now) {
        return policies.listPredictive().chain(found -> {
            Duration keep = found.stream().map(p -> p.predictive.historyWindowOrDefault())
                    .max(Duration::compareTo).orElse(PredictiveSpec.DEFAULT_HISTORY_WINDOW);
            if (keep.compareTo(PredictiveSpec.MAX_HISTORY_WINDOW) > 0) {
                keep = PredictiveSpec.MAX_HISTORY_WINDOW;
            }
            // One bucket more than the window, so the oldest bucket a forecast reads is never cut in half.
            Instant before = forecaster.bucketOf(now).minus(keep).minus(forecaster.bucket());
            return history.pruneBefore(before);
        });
    }

    /**
     * The forecast of every policy of {@code target} with predictive scaling, enabled or not, at {@code now}: what
     * the engine would plan on a window ending now.
     *
     * @throws dev.tideflow.kit.rest.ProblemException (404) when no policy of the target has predictive scaling
     */
    @WithSession
    public Uni<ForecastView> forTarget(String target, Instant now) {
        return policies.listPredictive(target).chain(found -> {
            if (found.isEmpty()) {
                return Uni.createFrom().failure(ProblemException.notFound("no policy of target '" + target
                        + "' has predictive scaling"));
            }
            return states.findState(target).chain(state -> {
                List<ForecastView.PolicyForecast> views = new ArrayList<>();
                Uni<Void> chain = Uni.createFrom().voidItem();
                for (Policy policy : found) {
                    PolicySnapshot snapshot = policy.snapshot();
                    ReplicaRange range = schedules.evaluate(snapshot.schedules(), now).narrow(snapshot.range());
                    int current = state == null ? range.min() : CurrentReplicas.resolve(state.observedReplicas,
                            state.observedAt, state.lastDesiredReplicas, state.lastDecisionAt, range.min()).value();
                    chain = chain.chain(() -> predict(snapshot, now, current, range)
                            .invoke(prediction -> views.add(view(snapshot, prediction, current, range))))
                            .replaceWithVoid();
                }
                return chain.map(done -> new ForecastView(target, now, views));
            });
        });
    }

    private ForecastView.PolicyForecast view(PolicySnapshot policy, Prediction prediction, int current,
            ReplicaRange range) {
        PredictiveSpec spec = policy.predictive();
        PredictiveScalingPolicy planning = spec.toPolicy(policy.rule());
        ForecastOutlook outlook = prediction.outlook();
        Forecast forecast = outlook.forecast();
        PredictiveScalingPlan plan = prediction.plan();
        ForecastView.Plan planView = plan == null ? null : new ForecastView.Plan(plan.apply(), plan.minReplicas(),
                plan.maxReplicas(), plan.desiredReplicas(), Double.isNaN(plan.peakLoad()) ? null : plan.peakLoad(),
                plan.peakTime(), plan.explanation());
        return new ForecastView.PolicyForecast(policy.id(), policy.name(), spec.modeOrDefault(), spec.metric(),
                outlook.available(), outlook.unavailable(), forecast == null ? null : forecast.model().name(),
                forecast == null ? null : forecast.confidence(), planning.minConfidence(),
                planning.targetValuePerReplica(), forecaster.bucket().toString(),
                planning.schedulingBuffer().toString(), outlook.historyFrom(), outlook.filledBuckets(),
                forecast == null ? null : forecast.summary(), current, range.min(), range.max(), planView,
                forecast == null ? null : CapacityPlan.of(forecast, planning,
                        new CurrentCapacity(current, range.min(), range.max())));
    }

    private record Fitted(Instant bucket, PredictiveSpec spec, ScalingRule rule, ForecastOutlook outlook) {
    }
}

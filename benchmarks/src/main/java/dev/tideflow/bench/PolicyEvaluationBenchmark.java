package dev.tideflow.bench;

import dev.tideflow.contracts.Contract;
import dev.tideflow.contracts.MetricWindow;
import dev.tideflow.policy.domain.AutoscalerHistory;
import dev.tideflow.policy.domain.AutoscalerHistory.LatestWindow;
import dev.tideflow.policy.domain.AutoscalerHistory.RecommendationEntry;
import dev.tideflow.policy.domain.AutoscalerHistory.ScaleChange;
import dev.tideflow.policy.domain.BehaviorSpec;
import dev.tideflow.policy.domain.MetricTargetSpec;
import dev.tideflow.policy.domain.PolicySnapshot;
import dev.tideflow.policy.domain.ReplicaRange;
import dev.tideflow.policy.domain.ScalingPolicySpec;
import dev.tideflow.policy.domain.ScalingRulesSpec;
import dev.tideflow.policy.domain.TargetTrackingRule;
import dev.tideflow.policy.hpa.AutoscalerDecision;
import dev.tideflow.policy.hpa.AutoscalerInput;
import dev.tideflow.policy.hpa.HorizontalAutoscaler;
import dev.tideflow.policy.hpa.MetricInput;
import dev.tideflow.policy.hpa.InstanceSample;
import dev.tideflow.policy.service.BurstSignal;
import dev.tideflow.policy.service.CurrentReplicas;
import dev.tideflow.policy.service.TargetTrackingEvaluator;
import dev.tideflow.policy.service.TrackingOutcome;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * The policy engine's pure evaluation path for one window, without Kafka or the database: a targetTracking policy
 * over 3 metrics (Utilization, AverageValue, Value) with a 5-minute scale-down stabilization window filled at a 15 s
 * cadence (20 recommendations), Pods and Percent rate policies both ways and recent scale events in their periods.
 * {@code evaluate} is what the engine runs per window (the HPA math plus the explanation and reason text);
 * {@code decide} is the HPA calculation alone. Run with {@code -prof gc} for B/op. Each call takes the next of 16
 * prepared windows, so the values change from call to call as they do in a live flow.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class PolicyEvaluationBenchmark {

    private static final int CADENCE_SECONDS = 15;
    private static final int STABILIZATION_SECONDS = 300;
    private static final int VARIANTS = 16;

    private final TargetTrackingEvaluator evaluator = new TargetTrackingEvaluator();
    private final HorizontalAutoscaler autoscaler = new HorizontalAutoscaler();

    private PolicySnapshot policy;
    private MetricWindow[] windows;
    private AutoscalerHistory[] histories;
    private AutoscalerInput[] inputs;
    private CurrentReplicas current;
    private int next;

    @Setup
    public void prepare() {
        TargetTrackingRule rule = new TargetTrackingRule(List.of(
                new TargetTrackingRule.Metric("cpu", MetricTargetSpec.utilization(60)),
                new TargetTrackingRule.Metric("rps", MetricTargetSpec.averageValue(100)),
                new TargetTrackingRule.Metric("queue", MetricTargetSpec.value(500))), 0.1);
        List<ScalingPolicySpec> rates = List.of(new ScalingPolicySpec("Pods", 4, 60),
                new ScalingPolicySpec("Percent", 100, 60));
        BehaviorSpec behavior = new BehaviorSpec(new ScalingRulesSpec(0, "Max", rates, null),
                new ScalingRulesSpec(STABILIZATION_SECONDS, "Min", List.of(new ScalingPolicySpec("Pods", 2, 60),
                        new ScalingPolicySpec("Percent", 10, 60)), null));
        policy = new PolicySnapshot(UUID.randomUUID(), "shop-web", "shop/web", null, null, rule,
                new ReplicaRange(2, 50), 0, false, behavior, 1);
        current = new CurrentReplicas(10, CurrentReplicas.Source.OBSERVED);

        Instant now = Instant.parse("2026-03-01T12:00:00Z");
        List<RecommendationEntry> recommendations = new ArrayList<>();
        for (int i = STABILIZATION_SECONDS / CADENCE_SECONDS; i >= 1; i--) {
            recommendations.add(new RecommendationEntry(now.minusSeconds((long) i * CADENCE_SECONDS).toEpochMilli(),
                    8 + i % 5));
        }
        List<ScaleChange> events = List.of(
                new ScaleChange(now.minusSeconds(50).toEpochMilli(), 8, 9),
                new ScaleChange(now.minusSeconds(20).toEpochMilli(), 9, 10));

        windows = new MetricWindow[VARIANTS];
        histories = new AutoscalerHistory[VARIANTS];
        inputs = new AutoscalerInput[VARIANTS];
        for (int v = 0; v < VARIANTS; v++) {
            double cpu = 45 + v * 2.5;
            double rps = 80 + v * 4;
            double queue = 300 + v * 30;
            Map<String, LatestWindow> latest = new LinkedHashMap<>();
            latest.put("cpu", latest(now, cpu, cpu * 10));
            latest.put("rps", latest(now, rps, rps * 10));
            latest.put("queue", latest(now, queue / 10, queue));
            histories[v] = new AutoscalerHistory(recommendations, events, latest);
            windows[v] = new MetricWindow(Contract.VERSION, "shop/web", "cpu", now.minusSeconds(CADENCE_SECONDS),
                    now, 150L, cpu, cpu, cpu, cpu * 10);
            List<InstanceSample> replicas = new ArrayList<>();
            for (int r = 0; r < current.value(); r++) {
                replicas.add(InstanceSample.of("replica-" + r, cpu / 100, 1.0));
            }
            inputs[v] = new AutoscalerInput(10, 2, 50, null, 0.1, List.of(
                    MetricInput.ofInstances("cpu", rule.metrics().get(0).target().toTarget(), replicas),
                    MetricInput.ofTotal("rps", rule.metrics().get(1).target().toTarget(), rps * 10),
                    MetricInput.ofTotal("queue", rule.metrics().get(2).target().toTarget(), queue)),
                    BehaviorSpec.toBehavior(behavior), histories[v].stabilizationHistory(), histories[v].events(),
                    now);
        }
    }

    @Benchmark
    public TrackingOutcome evaluate() {
        int v = next++ & (VARIANTS - 1);
        return evaluator.evaluate(policy, histories[v], windows[v], current, null, BurstSignal.NONE);
    }

    @Benchmark
    public AutoscalerDecision decide() {
        int v = next++ & (VARIANTS - 1);
        return autoscaler.decide(inputs[v]);
    }

    private static LatestWindow latest(Instant end, double avg, double sum) {
        return new LatestWindow(end.minusSeconds(CADENCE_SECONDS).toEpochMilli(), end.toEpochMilli(), avg, sum);
    }
}

package dev.tideflow.policy.hpa;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Properties checked over seeded random runs: an autoscaler is run step by step (15 s apart, as HPA's sync
 * period) against random loads, its own recommendations and scale events fed back as history. A failure names
 * the seed and step, so it can be replayed.
 */
class AutoscalerPropertiesTest {

    private static final Instant START = Instant.parse("2026-03-01T00:00:00Z");
    private static final int RUNS = 300;
    private static final int STEPS = 60;

    private final HorizontalAutoscaler autoscaler = new HorizontalAutoscaler();

    @Test
    void theCountNeverLeavesMinMaxOrTheGlobalCap() {
        for (long seed = 1; seed <= RUNS; seed++) {
            Random random = new Random(seed);
            int min = random.nextInt(5);
            int max = min + 1 + random.nextInt(40);
            Integer cap = random.nextBoolean() ? null : Math.max(min, random.nextInt(max + 10));
            Behavior behavior = randomBehavior(random);
            Run run = new Run(1 + random.nextInt(60));
            for (int step = 0; step < STEPS; step++) {
                AutoscalerDecision d = run.step(autoscaler, min, max, cap, behavior, randomMetrics(random, run));
                String where = "seed " + seed + " step " + step + ": " + d.reason();
                assertTrue(d.desiredReplicas() >= min && d.desiredReplicas() <= max,
                        d.desiredReplicas() + " outside [" + min + ", " + max + "] at " + where);
                assertTrue(cap == null || d.desiredReplicas() <= cap,
                        d.desiredReplicas() + " above the cap " + cap + " at " + where);
            }
        }
    }

    @Test
    void aPodsPolicyIsNeverExceededWithinItsPeriod() {
        for (long seed = 1; seed <= RUNS; seed++) {
            Random random = new Random(seed);
            int upPods = 1 + random.nextInt(6);
            int upPeriod = 15 * (1 + random.nextInt(8));
            int downPods = 1 + random.nextInt(6);
            int downPeriod = 15 * (1 + random.nextInt(8));
            Behavior behavior = new Behavior(
                    new ScalingRules(0, SelectPolicy.MAX, List.of(ScalingPolicy.pods(upPods, upPeriod)), null),
                    new ScalingRules(random.nextInt(3) * 30, SelectPolicy.MAX,
                            List.of(ScalingPolicy.pods(downPods, downPeriod)), null));
            Run run = new Run(1 + random.nextInt(20));
            for (int step = 0; step < STEPS; step++) {
                run.step(autoscaler, 1, 100, null, behavior, randomMetrics(random, run));
            }
            for (ScaleEvent event : run.events) {
                // As HPA counts it: against the count at the start of each policy's period.
                long upStart = periodStart(run.events, event, upPeriod);
                long downStart = periodStart(run.events, event, downPeriod);
                assertTrue(event.added() == 0 || event.toReplicas() <= upStart + upPods, "seed " + seed + ": grew to "
                        + event.toReplicas() + " from " + upStart + " within " + upPeriod + " s, the policy allows +"
                        + upPods);
                assertTrue(event.removed() == 0 || event.toReplicas() >= downStart - downPods,
                        "seed " + seed + ": shrank to "
                        + event.toReplicas() + " from " + downStart + " within " + downPeriod
                        + " s, the policy allows -" + downPods);
            }
        }
    }

    @Test
    void aPercentPolicyIsNeverExceededWithinItsPeriod() {
        for (long seed = 1; seed <= RUNS; seed++) {
            Random random = new Random(seed);
            int percent = 10 + random.nextInt(200);
            int period = 15 * (1 + random.nextInt(8));
            Behavior behavior = new Behavior(
                    new ScalingRules(0, SelectPolicy.MAX, List.of(ScalingPolicy.percent(percent, period)), null),
                    ScalingRules.defaultScaleDown());
            Run run = new Run(1 + random.nextInt(20));
            for (int step = 0; step < STEPS; step++) {
                run.step(autoscaler, 1, 500, null, behavior, randomMetrics(random, run));
            }
            for (ScaleEvent event : run.events) {
                if (event.added() == 0) {
                    continue;
                }
                long start = periodStart(run.events, event, period);
                long allowed = (long) Math.ceil(start * (1 + percent / 100.0));
                assertTrue(event.toReplicas() <= allowed, "seed " + seed + ": grew to " + event.toReplicas()
                        + " from " + start + " within " + period + " s, " + percent + " % allows " + allowed);
            }
        }
    }

    @Test
    void aConstantLoadInsideTheToleranceNeverChangesTheCount() {
        for (long seed = 1; seed <= RUNS; seed++) {
            Random random = new Random(seed);
            int current = 1 + random.nextInt(30);
            int target = 50 + random.nextInt(70);
            // Utilization 7 % below to 9 % above the target, whatever each instance's share: inside the tolerance
            // even after HPA truncates it to whole percent.
            double utilization = target * (0.93 + random.nextDouble() * 0.16);
            Run run = new Run(current);
            for (int step = 0; step < STEPS; step++) {
                MetricInput cpu = constantUtilization(run.current, utilization, target, random);
                AutoscalerDecision d = run.step(autoscaler, 1, 100, null, Behavior.DEFAULTS, List.of(cpu));
                assertEquals(current, d.desiredReplicas(), "seed " + seed + " step " + step + ": " + d.reason());
            }
        }
    }

    @Test
    void aConstantTotalLoadSettlesWithoutReversing() {
        for (long seed = 1; seed <= RUNS; seed++) {
            Random random = new Random(seed);
            double totalLoad = 1 + random.nextDouble() * 200;
            double perReplicaTarget = 1 + random.nextDouble() * 20;
            Behavior behavior = random.nextBoolean() ? Behavior.DEFAULTS : randomBehavior(random);
            Run run = new Run(1 + random.nextInt(30));
            int direction = 0;
            List<Integer> counts = new ArrayList<>();
            for (int step = 0; step < STEPS * 2; step++) {
                // The same work spread over however many replicas run now.
                List<InstanceSample> instances = new ArrayList<>();
                for (int i = 0; i < run.current; i++) {
                    instances.add(InstanceSample.of("i-" + i, totalLoad / run.current));
                }
                MetricInput metric = MetricInput.ofInstances("rps", MetricTarget.averageValue(perReplicaTarget),
                        instances);
                int before = run.current;
                run.step(autoscaler, 1, 1000, null, behavior, List.of(metric));
                counts.add(run.current);
                int change = Integer.signum(run.current - before);
                if (change != 0) {
                    assertTrue(direction == 0 || direction == change,
                            "seed " + seed + ": the count reversed direction under a constant load: " + counts);
                    direction = change;
                }
            }
            if (behavior != Behavior.DEFAULTS) {
                // A slow random rate policy may still be on its way; HPA's defaults get there well within the run.
                continue;
            }
            int last = counts.get(counts.size() - 1);
            assertTrue(counts.subList(counts.size() - 10, counts.size()).stream().allMatch(c -> c == last),
                    "seed " + seed + ": the count did not settle: " + counts);
        }
    }

    /** The count at the start of the period ending with {@code event}, rebuilt from the changes within it. */
    private static long periodStart(List<ScaleEvent> events, ScaleEvent event, int periodSeconds) {
        long start = event.fromReplicas();
        for (ScaleEvent other : events) {
            if (other.time().isBefore(event.time())
                    && other.time().isAfter(event.time().minusSeconds(periodSeconds))) {
                start = start - other.added() + other.removed();
            }
        }
        return start;
    }

    private static Behavior randomBehavior(Random random) {
        return new Behavior(randomRules(random), randomRules(random));
    }

    private static ScalingRules randomRules(Random random) {
        List<ScalingPolicy> policies = new ArrayList<>();
        int count = 1 + random.nextInt(2);
        for (int i = 0; i < count; i++) {
            int period = 15 * (1 + random.nextInt(8));
            policies.add(random.nextBoolean() ? ScalingPolicy.pods(1 + random.nextInt(10), period)
                    : ScalingPolicy.percent(1 + random.nextInt(300), period));
        }
        SelectPolicy select = SelectPolicy.values()[random.nextInt(SelectPolicy.values().length)];
        return new ScalingRules(random.nextInt(10) * 30, select, policies, null);
    }

    /** One or two metrics with random levels, sometimes with missing, unready or unreadable instances. */
    private static List<MetricInput> randomMetrics(Random random, Run run) {
        List<MetricInput> metrics = new ArrayList<>();
        List<InstanceSample> instances = new ArrayList<>();
        for (int i = 0; i < run.current; i++) {
            int kind = random.nextInt(10);
            Double value = kind == 0 ? null : random.nextDouble() * 2;
            instances.add(new InstanceSample("i-" + i, value, 1.0, kind != 1));
        }
        metrics.add(MetricInput.ofInstances("cpu", MetricTarget.utilization(20 + random.nextInt(80)), instances));
        if (random.nextBoolean()) {
            metrics.add(MetricInput.ofTotal("queue", MetricTarget.value(1 + random.nextInt(50)),
                    random.nextInt(500)));
        }
        return metrics;
    }

    private static MetricInput constantUtilization(int replicas, double utilization, int target, Random random) {
        List<InstanceSample> instances = new ArrayList<>();
        for (int i = 0; i < replicas; i++) {
            double request = 0.5 + random.nextInt(4) * 0.5;
            instances.add(InstanceSample.of("i-" + i, request * utilization / 100, request));
        }
        return MetricInput.ofInstances("cpu", MetricTarget.utilization(target), instances);
    }

    /** The autoscaler's world between steps: the count it runs and the history it keeps. */
    private static final class Run {
        int current;
        Instant now = START;
        final List<Recommendation> recommendations = new ArrayList<>();
        final List<ScaleEvent> events = new ArrayList<>();

        Run(int current) {
            this.current = current;
        }

        AutoscalerDecision step(HorizontalAutoscaler autoscaler, int min, int max, Integer cap, Behavior behavior,
                List<MetricInput> metrics) {
            now = now.plusSeconds(15);
            AutoscalerDecision d = autoscaler.decide(new AutoscalerInput(current, min, max, cap, null, metrics,
                    behavior, recommendations, events, now));
            if (d.recommendation() != null) {
                recommendations.add(new Recommendation(now, d.recommendation()));
            }
            if (d.desiredReplicas() != current) {
                events.add(new ScaleEvent(now, current, d.desiredReplicas()));
                current = d.desiredReplicas();
            }
            return d;
        }
    }
}

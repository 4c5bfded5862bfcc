package dev.tideflow.policy.service;

import dev.tideflow.contracts.Contract;
import dev.tideflow.contracts.MetricWindow;
import dev.tideflow.policy.domain.AutoscalerHistory;
import dev.tideflow.policy.domain.DecisionExplanation;
import dev.tideflow.policy.domain.MetricTargetSpec;
import dev.tideflow.policy.domain.PolicySnapshot;
import dev.tideflow.policy.domain.ReplicaRange;
import dev.tideflow.policy.domain.TargetTrackingRule;
import dev.tideflow.policy.schedule.CronExpression;
import dev.tideflow.policy.schedule.Schedule;
import dev.tideflow.policy.schedule.ScheduleBounds;
import dev.tideflow.policy.schedule.ScheduleEvaluator;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A targetTracking policy evaluated inside its schedule windows, as {@link DecisionService} wires them. */
class ScheduledEvaluationTest {

    /** Monday 2 March 2026, 10:00 in Berlin: inside business hours. */
    private static final Instant T = Instant.parse("2026-03-02T09:00:00Z");

    private final TargetTrackingEvaluator tracking = new TargetTrackingEvaluator();
    private final ScheduleEvaluator schedules = new ScheduleEvaluator();

    @Test
    void aScaleDownStopsAtTheScheduleFloorAndSaysSo() {
        PolicySnapshot policy = policy(schedule("business", 6, null, null));

        TrackingOutcome outcome = evaluate(policy, 10, 8);

        assertEquals(6, outcome.desiredReplicas());
        assertEquals("schedule business", outcome.explanation().decidedBy());
        assertEquals("schedule business", outcome.explanation().limitedBy());
        DecisionExplanation.OpenSchedule open = outcome.explanation().schedules().get(0);
        assertEquals("business", open.name());
        assertEquals("2026-03-02T07:00:00Z", open.opened());
        assertEquals("2026-03-02T17:00:00Z", open.closes());
        assertTrue(outcome.reason().endsWith("[schedule business until 2026-03-02T17:00:00Z: range [1, 20] narrowed"
                + " to [6, 20]]"), outcome.reason());
        assertEquals(outcome.reason(), outcome.explanation().reason());
    }

    @Test
    void aCountBelowTheFloorRisesToItAtOnce() {
        TrackingOutcome outcome = evaluate(policy(schedule("business", null, null, 6)), 50, 2);

        assertEquals(6, outcome.desiredReplicas());
        assertEquals("schedule business", outcome.explanation().decidedBy());
    }

    @Test
    void metricsThatWantMoreThanTheDesiredCountGetIt() {
        // 120 % against 60 %: ratio 2, ceil(2 × 6) = 12, HPA's default scale-up rate allows doubling.
        TrackingOutcome outcome = evaluate(policy(schedule("business", null, null, 6)), 120, 6);

        assertEquals(12, outcome.desiredReplicas());
        assertEquals("metric cpu", outcome.explanation().decidedBy());
        assertNull(outcome.explanation().limitedBy());
        assertEquals(1, outcome.explanation().schedules().size());
    }

    @Test
    void aScaleUpStopsAtTheScheduleCeiling() {
        TrackingOutcome outcome = evaluate(policy(schedule("budget", null, 5, null)), 120, 4);

        assertEquals(5, outcome.desiredReplicas());
        assertEquals("schedule budget", outcome.explanation().limitedBy());
    }

    @Test
    void outsideItsWindowAScheduleChangesNothing() {
        PolicySnapshot policy = policy(schedule("business", 6, null, null));
        ScheduleBounds closed = schedules.evaluate(policy.schedules(), Instant.parse("2026-03-02T20:00:00Z"));
        TrackingOutcome plain = tracking.evaluate(policy, history(window(10)), window(10), observed(8), null,
                BurstSignal.NONE);

        assertSame(plain, DecisionService.withSchedules(plain, closed, policy, policy.withRange(closed.narrow(
                policy.range()))));
        assertNull(plain.explanation().schedules());
    }

    private TrackingOutcome evaluate(PolicySnapshot policy, double cpu, int current) {
        ScheduleBounds bounds = schedules.evaluate(policy.schedules(), window(cpu).windowEnd());
        PolicySnapshot scheduled = policy.withRange(bounds.narrow(policy.range()));
        TrackingOutcome outcome = tracking.evaluate(scheduled, history(window(cpu)), window(cpu), observed(current),
                null, BurstSignal.NONE);
        return DecisionService.withSchedules(outcome, bounds, policy, scheduled);
    }

    private static Schedule schedule(String name, Integer min, Integer max, Integer desired) {
        return new Schedule(name, CronExpression.parse("0 8 * * MON-FRI"), ZoneId.of("Europe/Berlin"), null, null,
                Duration.ofHours(10), min, max, desired);
    }

    private static PolicySnapshot policy(Schedule schedule) {
        return new PolicySnapshot(UUID.randomUUID(), "web-tracking", "shop/web", null, null,
                new TargetTrackingRule(List.of(new TargetTrackingRule.Metric("cpu", MetricTargetSpec.utilization(60))),
                        null), new ReplicaRange(1, 20), 0, false, null, 1, List.of(schedule));
    }

    private static CurrentReplicas observed(int replicas) {
        return new CurrentReplicas(replicas, CurrentReplicas.Source.OBSERVED);
    }

    private static AutoscalerHistory history(MetricWindow window) {
        return AutoscalerHistory.EMPTY.withWindow(window);
    }

    private static MetricWindow window(double cpu) {
        return new MetricWindow(Contract.VERSION, "shop/web", "cpu", T.minusSeconds(10), T, 10L, cpu, cpu, cpu,
                cpu * 10);
    }
}

package dev.tideflow.policy.schedule;

import dev.tideflow.policy.domain.ReplicaRange;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ScheduleEvaluatorTest {

    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    private static final ReplicaRange POLICY = new ReplicaRange(2, 20);

    private final ScheduleEvaluator evaluator = new ScheduleEvaluator();

    @Test
    void aWindowIsOpenFromItsFiringForItsDuration() {
        Schedule business = schedule("business", "0 8 * * MON-FRI", 600, 6, null, null);
        // Monday 2 March 2026, CET (UTC+1): 08:00 local is 07:00Z.
        assertEquals(Optional.empty(), evaluator.openWindow(business, Instant.parse("2026-03-02T06:59:59Z")));
        ActiveSchedule open = evaluator.openWindow(business, Instant.parse("2026-03-02T07:00:00Z")).orElseThrow();
        assertEquals(Instant.parse("2026-03-02T07:00:00Z"), open.opened());
        assertEquals(Instant.parse("2026-03-02T17:00:00Z"), open.closes());
        assertTrue(evaluator.openWindow(business, Instant.parse("2026-03-02T16:59:59Z")).isPresent());
        assertEquals(Optional.empty(), evaluator.openWindow(business, Instant.parse("2026-03-02T17:00:00Z")));
        assertEquals(Optional.empty(), evaluator.openWindow(business, Instant.parse("2026-03-07T09:00:00Z")),
                "Saturday");
    }

    @Test
    void aWindowLongerThanADayReachesBackToItsFiring() {
        Schedule weekend = schedule("weekend", "0 18 * * FRI", 3 * 24 * 60 - 18 * 60 + 6 * 60, null, 4, null);
        // Friday 6 March 18:00 CET to Monday 9 March 06:00 CET.
        assertTrue(evaluator.openWindow(weekend, Instant.parse("2026-03-08T12:00:00Z")).isPresent());
        assertEquals(Instant.parse("2026-03-09T05:00:00Z"),
                evaluator.openWindow(weekend, Instant.parse("2026-03-09T04:59:00Z")).orElseThrow().closes());
        assertEquals(Optional.empty(), evaluator.openWindow(weekend, Instant.parse("2026-03-09T05:00:00Z")));
    }

    @Test
    void businessHoursFollowTheWallClockAcrossSpringForward() {
        Schedule business = schedule("business", "0 8 * * MON-FRI", 600, 6, null, null);
        // Friday 27 March is CET (08:00 = 07:00Z); Monday 30 March is CEST (08:00 = 06:00Z).
        assertEquals(Optional.empty(), evaluator.openWindow(business, Instant.parse("2026-03-27T06:30:00Z")));
        assertEquals(Instant.parse("2026-03-30T06:00:00Z"),
                evaluator.openWindow(business, Instant.parse("2026-03-30T06:30:00Z")).orElseThrow().opened());
        assertEquals(Instant.parse("2026-03-30T16:00:00Z"),
                evaluator.openWindow(business, Instant.parse("2026-03-30T06:30:00Z")).orElseThrow().closes());
    }

    @Test
    void aFiringInTheSkippedHourOpensWhenTheClockHasJumped() {
        // On 29 March 2026 Berlin's clocks go from 02:00 CET straight to 03:00 CEST: 02:30 does not exist.
        Schedule nightly = schedule("nightly", "30 2 * * *", 60, null, 3, null);

        assertEquals(Instant.parse("2026-03-29T01:30:00Z"), evaluator.latestFiring(nightly,
                Instant.parse("2026-03-29T01:45:00Z")).orElseThrow(), "03:30 CEST, the gap's length after 02:30");
        assertEquals(Optional.empty(), evaluator.openWindow(nightly, Instant.parse("2026-03-29T01:29:00Z")));
        assertEquals(Instant.parse("2026-03-28T01:30:00Z"),
                evaluator.latestFiring(nightly, Instant.parse("2026-03-29T01:29:00Z")).orElseThrow(),
                "the day before, 02:30 CET");
        assertEquals(Instant.parse("2026-03-29T02:30:00Z"),
                evaluator.openWindow(nightly, Instant.parse("2026-03-29T02:00:00Z")).orElseThrow().closes());
    }

    @Test
    void aFiringInTheRepeatedHourOpensOnceAtItsFirstOccurrence() {
        // On 25 October 2026 Berlin's clocks go from 03:00 CEST back to 02:00 CET: 02:30 happens twice.
        Schedule nightly = schedule("nightly", "30 2 * * *", 30, null, 3, null);

        ActiveSchedule first = evaluator.openWindow(nightly, Instant.parse("2026-10-25T00:40:00Z")).orElseThrow();
        assertEquals(Instant.parse("2026-10-25T00:30:00Z"), first.opened(), "02:30 CEST");
        assertEquals(Optional.empty(), evaluator.openWindow(nightly, Instant.parse("2026-10-25T01:40:00Z")),
                "02:40 CET, the second 02:30 does not fire again");
    }

    @Test
    void aWindowAcrossFallBackLastsItsElapsedDuration() {
        // 01:00 CEST to 03:00 CET is three hours of elapsed time on 25 October 2026.
        Schedule night = schedule("night", "0 1 * * *", 180, null, 2, null);

        ActiveSchedule open = evaluator.openWindow(night, Instant.parse("2026-10-25T01:30:00Z")).orElseThrow();
        assertEquals(Instant.parse("2026-10-24T23:00:00Z"), open.opened());
        assertEquals(Instant.parse("2026-10-25T02:00:00Z"), open.closes(), "03:00 CET on the wall clock");
    }

    @Test
    void startAndEndBoundWhenTheScheduleApplies() {
        Schedule sale = new Schedule("sale", CronExpression.parse("0 * * * *"), ZoneId.of("UTC"),
                Instant.parse("2026-11-27T00:00:00Z"), Instant.parse("2026-11-28T00:00:00Z"), Duration.ofMinutes(60),
                10, null, null);

        assertEquals(Optional.empty(), evaluator.openWindow(sale, Instant.parse("2026-11-26T23:59:00Z")));
        ActiveSchedule open = evaluator.openWindow(sale, Instant.parse("2026-11-27T23:30:00Z")).orElseThrow();
        assertEquals(Instant.parse("2026-11-28T00:00:00Z"), open.closes());
        assertEquals(Optional.empty(), evaluator.openWindow(sale, Instant.parse("2026-11-28T00:00:00Z")));
    }

    @Test
    void overlappingWindowsTakeTheHighestFloorAndTheLowestCeiling() {
        Instant at = Instant.parse("2026-03-02T09:30:00Z");
        ScheduleBounds bounds = evaluator.evaluate(List.of(
                schedule("peak", "0 8 * * *", 600, 5, 15, null),
                schedule("launch", "0 9 * * *", 120, null, 12, 8),
                schedule("later", "0 20 * * *", 60, 19, null, null)), at);

        assertEquals(8, bounds.floor());
        assertEquals("launch", bounds.floorBy());
        assertEquals(12, bounds.ceiling());
        assertEquals("launch", bounds.ceilingBy());
        assertEquals(List.of("launch", "peak"), bounds.active().stream().map(ActiveSchedule::name).toList());
        assertEquals(new ReplicaRange(8, 12), bounds.narrow(POLICY));
        assertEquals("schedule launch", bounds.limitedBy(POLICY, true));
        assertEquals("schedule launch", bounds.limitedBy(POLICY, false));
    }

    @Test
    void theOrderOfTheSchedulesDoesNotMatter() {
        Instant at = Instant.parse("2026-03-02T10:00:00Z");
        Schedule a = schedule("a", "0 8 * * *", 600, 6, null, null);
        Schedule b = schedule("b", "0 9 * * *", 600, null, null, 6);

        assertEquals(evaluator.evaluate(List.of(a, b), at), evaluator.evaluate(List.of(b, a), at));
        assertEquals("a", evaluator.evaluate(List.of(b, a), at).floorBy(), "equal floors: the first by name");
    }

    @Test
    void aCeilingBelowAFloorWins() {
        Instant at = Instant.parse("2026-03-02T10:00:00Z");
        ScheduleBounds bounds = evaluator.evaluate(List.of(
                schedule("peak", "0 8 * * *", 600, 10, null, null),
                schedule("budget", "0 8 * * *", 600, null, 4, null)), at);

        assertEquals(new ReplicaRange(4, 4), bounds.narrow(POLICY));
        assertEquals("schedule budget", bounds.limitedBy(POLICY, true));
        assertEquals("schedule budget", bounds.limitedBy(POLICY, false));
    }

    @Test
    void desiredReplicasIsAFloorAndTheLargerFloorOfOneScheduleCounts() {
        Instant at = Instant.parse("2026-03-02T10:00:00Z");
        ScheduleBounds bounds = evaluator.evaluate(List.of(schedule("warm", "0 8 * * *", 600, 3, 10, 7)), at);

        assertEquals(new ReplicaRange(7, 10), bounds.narrow(POLICY));
    }

    @Test
    void boundsAtThePolicysOwnAreNotTheSchedules() {
        Instant at = Instant.parse("2026-03-02T10:00:00Z");
        ScheduleBounds bounds = evaluator.evaluate(List.of(schedule("same", "0 8 * * *", 600, 2, 20, null)), at);

        assertEquals(POLICY, bounds.narrow(POLICY));
        assertNull(bounds.limitedBy(POLICY, true));
        assertNull(bounds.limitedBy(POLICY, false));
    }

    @Test
    void noOpenWindowLeavesTheRangeAlone() {
        ScheduleBounds bounds = evaluator.evaluate(List.of(schedule("peak", "0 8 * * *", 60, 10, null, null)),
                Instant.parse("2026-03-02T12:00:00Z"));

        assertTrue(bounds.isEmpty());
        assertEquals(POLICY, bounds.narrow(POLICY));
    }

    private static Schedule schedule(String name, String cron, int minutes, Integer min, Integer max,
            Integer desired) {
        return new Schedule(name, CronExpression.parse(cron), BERLIN, null, null, Duration.ofMinutes(minutes), min,
                max, desired);
    }
}

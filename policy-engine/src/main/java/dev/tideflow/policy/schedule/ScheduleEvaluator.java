package dev.tideflow.policy.schedule;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Which schedule windows are open at an instant, and the bounds they set together ({@link ScheduleBounds}).
 * <p>
 * A window opens when the cron fires on the schedule's wall clock and lasts its duration in elapsed time. Across
 * a daylight-saving change a firing resolves as {@link ZonedDateTime#ofLocal} does: a wall-clock time the clock
 * skips (spring forward) fires when the clock has jumped, moved forward by the gap (02:30 becomes 03:30 in
 * Europe/Berlin on the last Sunday of March), and a wall-clock time that happens twice (fall back) fires once,
 * at its first occurrence. A window that spans the change lasts its duration, so its end moves by an hour on the
 * wall clock.
 */
public final class ScheduleEvaluator {

    public ScheduleBounds evaluate(List<Schedule> schedules, Instant at) {
        if (schedules == null || schedules.isEmpty()) {
            return ScheduleBounds.NONE;
        }
        List<ActiveSchedule> active = new ArrayList<>();
        for (Schedule schedule : schedules) {
            openWindow(schedule, at).ifPresent(active::add);
        }
        if (active.isEmpty()) {
            return ScheduleBounds.NONE;
        }
        active.sort(Comparator.comparing(ActiveSchedule::name));
        Integer floor = null;
        String floorBy = null;
        Integer ceiling = null;
        String ceilingBy = null;
        for (ActiveSchedule open : active) {
            Integer own = open.floor();
            if (own != null && (floor == null || own > floor)) {
                floor = own;
                floorBy = open.name();
            }
            if (open.maxReplicas() != null && (ceiling == null || open.maxReplicas() < ceiling)) {
                ceiling = open.maxReplicas();
                ceilingBy = open.name();
            }
        }
        return new ScheduleBounds(floor, floorBy, ceiling, ceilingBy, List.copyOf(active));
    }

    /** The schedule's window open at {@code at}, if one is. */
    public Optional<ActiveSchedule> openWindow(Schedule schedule, Instant at) {
        if (!schedule.appliesAt(at)) {
            return Optional.empty();
        }
        return latestFiring(schedule, at).flatMap(opened -> {
            Instant closes = opened.plus(schedule.duration());
            if (!at.isBefore(closes)) {
                return Optional.empty();
            }
            if (schedule.end() != null && schedule.end().isBefore(closes)) {
                closes = schedule.end();
            }
            return Optional.of(new ActiveSchedule(schedule.name(), opened, closes, schedule.minReplicas(),
                    schedule.maxReplicas(), schedule.desiredReplicas()));
        });
    }

    /**
     * The latest firing at or before {@code at} that can still hold a window open at {@code at}: windows all last
     * the same, so the latest one is the only one that matters. Empty when the cron did not fire within the
     * duration (plus a day for the zone's offset) before {@code at}.
     */
    public Optional<Instant> latestFiring(Schedule schedule, Instant at) {
        LocalDate day = at.atZone(schedule.zone()).toLocalDate();
        long days = schedule.duration().toDays() + 2;
        for (int back = 0; back <= days; back++) {
            Instant latest = null;
            // Every firing of the day is resolved: a skipped wall-clock time moves forward past later ones.
            for (LocalDateTime firing : schedule.cron().firingsOn(day.minusDays(back))) {
                Instant instant = ZonedDateTime.ofLocal(firing, schedule.zone(), null).toInstant();
                if (!instant.isAfter(at) && (latest == null || instant.isAfter(latest))) {
                    latest = instant;
                }
            }
            if (latest != null) {
                return Optional.of(latest);
            }
        }
        return Optional.empty();
    }
}

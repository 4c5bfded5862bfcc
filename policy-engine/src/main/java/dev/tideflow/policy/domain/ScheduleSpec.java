package dev.tideflow.policy.domain;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.tideflow.contracts.Violations;
import dev.tideflow.policy.schedule.CronExpression;
import dev.tideflow.policy.schedule.Schedule;

import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A policy's schedule as a user writes it (KEDA's cron scaler, AWS's scheduled actions): from each time
 * {@code cron} fires in {@code timeZone}, for {@code durationMinutes}, and only between {@code start} and
 * {@code end}, the policy's replica range is narrowed to {@code minReplicas}/{@code maxReplicas}, and
 * {@code desiredReplicas} is a floor the metrics may exceed.
 *
 * @param cron     5-field cron ({@link CronExpression}), on the wall clock of {@code timeZone}
 * @param timeZone an IANA time zone ({@code Europe/Berlin}); UTC when absent
 * @param start    ISO-8601 instant from which the schedule applies; always when absent
 * @param end      ISO-8601 instant from which it no longer applies; never when absent
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"name", "cron", "timeZone", "start", "end", "durationMinutes", "minReplicas", "maxReplicas",
    "desiredReplicas"})
public record ScheduleSpec(String name, String cron, String timeZone, String start, String end,
        Integer durationMinutes, Integer minReplicas, Integer maxReplicas, Integer desiredReplicas) {

    public static final int MAX_SCHEDULES = 20;
    /** A week: longer windows are better written as start/end. */
    public static final int MAX_DURATION_MINUTES = 7 * 24 * 60;
    public static final int MAX_NAME_LENGTH = 63;

    /** Adds every rule the policy's schedules break to {@code check}, fields named {@code schedules[i].<field>}. */
    public static void validateAll(Violations check, List<ScheduleSpec> schedules, Integer policyMin,
            Integer policyMax) {
        if (schedules == null) {
            return;
        }
        if (schedules.size() > MAX_SCHEDULES) {
            check.add("'schedules' lists " + schedules.size() + " schedules, at most " + MAX_SCHEDULES
                    + " are allowed");
            return;
        }
        Set<String> names = new HashSet<>();
        for (int i = 0; i < schedules.size(); i++) {
            String field = "schedules[" + i + "]";
            ScheduleSpec schedule = schedules.get(i);
            if (schedule == null) {
                check.add("'" + field + "' must not be null");
                continue;
            }
            schedule.validate(check, field, policyMin, policyMax);
            if (schedule.name() != null && !names.add(schedule.name())) {
                check.add("'" + field + ".name' repeats the schedule '" + schedule.name() + "'");
            }
        }
    }

    private void validate(Violations check, String field, Integer policyMin, Integer policyMax) {
        check.text(field + ".name", name, MAX_NAME_LENGTH, true);
        if (cron == null || cron.isBlank()) {
            check.add("'" + field + ".cron' is required");
        } else {
            CronExpression.problem(cron).ifPresent(problem -> check.add("'" + field + ".cron' is not a 5-field cron "
                    + "expression (minute hour day-of-month month day-of-week): " + problem + ", got '" + cron + "'"));
        }
        if (timeZone != null && zoneProblem(timeZone) != null) {
            check.add("'" + field + ".timeZone' " + zoneProblem(timeZone) + ", got '" + timeZone + "'");
        }
        Instant from = instant(check, field + ".start", start);
        Instant to = instant(check, field + ".end", end);
        if (from != null && to != null && !from.isBefore(to)) {
            check.add("'" + field + ".start' (" + start + ") must be before '" + field + ".end' (" + end + ")");
        }
        if (SpecChecks.atLeast(check, field + ".durationMinutes", durationMinutes, 1, true)
                && durationMinutes > MAX_DURATION_MINUTES) {
            check.add("'" + field + ".durationMinutes' must be at most " + MAX_DURATION_MINUTES
                    + " (a week; bound longer periods with start and end), got " + durationMinutes);
        }
        if (minReplicas == null && maxReplicas == null && desiredReplicas == null) {
            check.add("'" + field + "' must set at least one of 'minReplicas', 'maxReplicas' and 'desiredReplicas'");
            return;
        }
        boolean min = bound(check, field + ".minReplicas", minReplicas, policyMin, policyMax);
        boolean max = bound(check, field + ".maxReplicas", maxReplicas, policyMin, policyMax);
        boolean desired = bound(check, field + ".desiredReplicas", desiredReplicas, policyMin, policyMax);
        if (min && max && minReplicas > maxReplicas) {
            check.add("'" + field + ".minReplicas' (" + minReplicas + ") must not exceed '" + field
                    + ".maxReplicas' (" + maxReplicas + ")");
        }
        if (desired && min && desiredReplicas < minReplicas) {
            check.add("'" + field + ".desiredReplicas' (" + desiredReplicas + ") must not be below '" + field
                    + ".minReplicas' (" + minReplicas + ")");
        }
        if (desired && max && desiredReplicas > maxReplicas) {
            check.add("'" + field + ".desiredReplicas' (" + desiredReplicas + ") must not exceed '" + field
                    + ".maxReplicas' (" + maxReplicas + ")");
        }
    }

    /** The validated spec as the evaluator reads it. */
    public Schedule toSchedule() {
        return new Schedule(name, CronExpression.parse(cron), timeZone == null ? ZoneId.of("UTC") : ZoneId.of(timeZone),
                start == null ? null : Instant.parse(start), end == null ? null : Instant.parse(end),
                Duration.ofMinutes(durationMinutes), minReplicas, maxReplicas, desiredReplicas);
    }

    public static List<Schedule> toSchedules(List<ScheduleSpec> specs) {
        return specs == null ? List.of() : specs.stream().map(ScheduleSpec::toSchedule).toList();
    }

    /** A schedule's bounds live inside the policy's: it narrows the range, it never widens it. */
    private static boolean bound(Violations check, String field, Integer value, Integer policyMin,
            Integer policyMax) {
        if (!SpecChecks.atLeast(check, field, value, 0, false)) {
            return false;
        }
        if (policyMin != null && policyMax != null && policyMin <= policyMax
                && (value < policyMin || value > policyMax)) {
            check.add("'" + field + "' (" + value + ") must lie within the policy's 'minReplicas' and 'maxReplicas' ["
                    + policyMin + ", " + policyMax + "]: a schedule narrows the policy's range");
            return false;
        }
        return true;
    }

    private static Instant instant(Violations check, String field, String value) {
        if (value == null) {
            return null;
        }
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            check.add("'" + field + "' must be an ISO-8601 instant such as 2026-12-24T18:00:00Z, got '" + value + "'");
            return null;
        }
    }

    /** Null when {@code zone} is an IANA region id (or UTC); else what is wrong with it. */
    private static String zoneProblem(String zone) {
        try {
            ZoneId id = ZoneId.of(zone);
            if (!zone.equals("UTC") && !zone.contains("/")) {
                return "must be an IANA time zone such as Europe/Berlin or UTC, not an offset or abbreviation ("
                        + id + ")";
            }
            return null;
        } catch (DateTimeException e) {
            return "is not an IANA time zone (such as Europe/Berlin or UTC)";
        }
    }
}

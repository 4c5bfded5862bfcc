package dev.tideflow.policy.domain;

import java.util.List;

/**
 * A policy's schedules as stored: the reactive PostgreSQL client reads a jsonb column as a JSON object, not an
 * array, so the list is wrapped.
 */
public record PolicySchedules(List<ScheduleSpec> items) {

    /** Null for no schedules, so that a policy without any stores none. */
    public static PolicySchedules of(List<ScheduleSpec> schedules) {
        return schedules == null || schedules.isEmpty() ? null : new PolicySchedules(List.copyOf(schedules));
    }

    public static List<ScheduleSpec> list(PolicySchedules stored) {
        return stored == null || stored.items() == null ? null : stored.items();
    }
}

package dev.tideflow.policy.schedule;

import java.time.Instant;

/**
 * A schedule whose window is open, as a decision's explanation shows it.
 *
 * @param opened when the window opened (the cron's firing)
 * @param closes when it closes, {@code opened + duration}, or the schedule's end if that comes first
 */
public record ActiveSchedule(String name, Instant opened, Instant closes, Integer minReplicas, Integer maxReplicas,
        Integer desiredReplicas) {

    /** The floor the window sets: the larger of its minReplicas and desiredReplicas; null for none. */
    public Integer floor() {
        if (minReplicas == null) {
            return desiredReplicas;
        }
        return desiredReplicas == null ? minReplicas : Integer.valueOf(Math.max(minReplicas, desiredReplicas));
    }
}

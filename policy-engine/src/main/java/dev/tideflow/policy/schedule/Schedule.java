package dev.tideflow.policy.schedule;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;

/**
 * A recurring window in which a policy's replica range is narrowed: it opens each time {@code cron} fires on the
 * wall clock of {@code zone} and stays open for {@code duration} of elapsed time, but only between {@code start}
 * and {@code end}.
 *
 * @param start           the first instant the schedule applies; null for always
 * @param end             the instant the schedule stops applying (exclusive); null for never
 * @param minReplicas     the floor inside the window; null for none
 * @param maxReplicas     the ceiling inside the window; null for none
 * @param desiredReplicas the count the window asks for, which the metrics may exceed: a floor; null for none
 */
public record Schedule(String name, CronExpression cron, ZoneId zone, Instant start, Instant end, Duration duration,
        Integer minReplicas, Integer maxReplicas, Integer desiredReplicas) {

    public boolean appliesAt(Instant at) {
        return (start == null || !at.isBefore(start)) && (end == null || at.isBefore(end));
    }
}

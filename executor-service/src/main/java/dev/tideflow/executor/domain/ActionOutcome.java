package dev.tideflow.executor.domain;

import java.time.Instant;

/** How applying one decision ended. */
public record ActionOutcome(ActionStatus status, Integer replicasBefore, Integer replicasAfter, String error,
        Instant startedAt, Instant finishedAt, long durationMillis) {

    /** Stored and published errors are clipped: a driver may attach a whole process log to its exception. */
    public static final int MAX_ERROR_LENGTH = 2048;

    public ActionOutcome {
        if (error != null && error.length() > MAX_ERROR_LENGTH) {
            error = error.substring(0, MAX_ERROR_LENGTH - 1) + "…";
        }
    }
}

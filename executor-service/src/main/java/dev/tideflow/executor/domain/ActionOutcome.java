package dev.tideflow.executor.domain;

import dev.tideflow.contracts.ResourceRequests;

import java.time.Instant;

/**
 * How applying one decision ended.
 *
 * @param requestsBefore the requests the driver reported before applying; null when it reports none
 * @param requestsAfter  the requests the driver reported afterwards; null when it reports none
 */
public record ActionOutcome(ActionStatus status, Integer replicasBefore, Integer replicasAfter, String error,
        Instant startedAt, Instant finishedAt, long durationMillis, ResourceRequests requestsBefore,
        ResourceRequests requestsAfter) {

    /** Stored and published errors are clipped: a driver may attach a whole process log to its exception. */
    public static final int MAX_ERROR_LENGTH = 2048;

    public ActionOutcome {
        if (error != null && error.length() > MAX_ERROR_LENGTH) {
            error = error.substring(0, MAX_ERROR_LENGTH - 1) + "…";
        }
    }

    /** An outcome without requests: a replicas-only driver, or a call that never reached the driver. */
    public ActionOutcome(ActionStatus status, Integer replicasBefore, Integer replicasAfter, String error,
            Instant startedAt, Instant finishedAt, long durationMillis) {
        this(status, replicasBefore, replicasAfter, error, startedAt, finishedAt, durationMillis, null, null);
    }
}

package dev.tideflow.executor.service;

import dev.tideflow.contracts.ResourceRequests;
import dev.tideflow.executor.domain.ActionOutcome;
import dev.tideflow.executor.domain.ActionStatus;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;

/** Times one driver call: wall-clock instants for the audit, a monotonic clock for the duration. */
final class ActionExecution {

    private final Instant startedAt = Instant.now();
    private final long startNanos = System.nanoTime();
    private Integer before;
    private ResourceRequests requestsBefore;

    private ActionExecution() {
    }

    static ActionExecution start() {
        return new ActionExecution();
    }

    static ActionOutcome dryRun() {
        Instant now = Instant.now();
        return new ActionOutcome(ActionStatus.DRY_RUN, null, null, null, now, now, 0);
    }

    void before(int replicas, ResourceRequests requests) {
        this.before = replicas;
        this.requestsBefore = requests;
    }

    Integer replicasBefore() {
        return before;
    }

    ActionOutcome succeeded(int after, ResourceRequests requestsAfter) {
        return finish(ActionStatus.SUCCEEDED, after, null, requestsAfter);
    }

    ActionOutcome failed(String error, Integer after, ResourceRequests requestsAfter) {
        return finish(ActionStatus.FAILED, after, error, requestsAfter);
    }

    /** Time since the call started, at full resolution, for the driver timer. */
    Duration elapsed() {
        return Duration.ofNanos(System.nanoTime() - startNanos);
    }

    private ActionOutcome finish(ActionStatus status, Integer after, String error, ResourceRequests requestsAfter) {
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos);
        return new ActionOutcome(status, before, after, error, startedAt, Instant.now(), millis, requestsBefore,
                requestsAfter);
    }
}

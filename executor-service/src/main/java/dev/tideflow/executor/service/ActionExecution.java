package dev.tideflow.executor.service;

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

    private ActionExecution() {
    }

    static ActionExecution start() {
        return new ActionExecution();
    }

    static ActionOutcome dryRun() {
        Instant now = Instant.now();
        return new ActionOutcome(ActionStatus.DRY_RUN, null, null, null, now, now, 0);
    }

    void before(int replicas) {
        this.before = replicas;
    }

    ActionOutcome succeeded(int after) {
        return finish(ActionStatus.SUCCEEDED, after, null);
    }

    ActionOutcome failed(String error, Integer after) {
        return finish(ActionStatus.FAILED, after, error);
    }

    /** Time since the call started, at full resolution, for the driver timer. */
    Duration elapsed() {
        return Duration.ofNanos(System.nanoTime() - startNanos);
    }

    private ActionOutcome finish(ActionStatus status, Integer after, String error) {
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos);
        return new ActionOutcome(status, before, after, error, startedAt, Instant.now(), millis);
    }
}

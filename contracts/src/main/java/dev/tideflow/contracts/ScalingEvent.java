package dev.tideflow.contracts;

import java.time.Instant;

/** What the executor did with a decision, published to {@code tideflow.scaling-events} keyed by target. */
public record ScalingEvent(Integer v, String decisionId, String target, String driver, Status status,
        Integer replicasBefore, Integer replicasAfter, String error, Instant startedAt, Instant finishedAt,
        Long durationMillis) implements Contract {

    public enum Status {
        /** The platform now runs {@code replicasAfter} replicas. */
        SUCCEEDED,
        /** The platform call failed; {@code error} says why. */
        FAILED,
        /** A dry-run decision: recorded, not applied. */
        DRY_RUN
    }

    @Override
    public void validate(Violations check) {
        check.version(v);
        check.text("decisionId", decisionId, 64, true);
        check.target("target", target);
        check.text("driver", driver, 64, true);
        check.required("status", status);
        check.nonNegative("replicasBefore", replicasBefore, false);
        check.nonNegative("replicasAfter", replicasAfter, false);
        check.text("error", error, Violations.MAX_TEXT_LENGTH, false);
        check.instant("startedAt", startedAt, true);
        check.instant("finishedAt", finishedAt, true);
        check.nonNegative("durationMillis", durationMillis, true);
    }
}

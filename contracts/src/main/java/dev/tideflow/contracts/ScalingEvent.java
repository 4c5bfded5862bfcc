package dev.tideflow.contracts;

import java.time.Instant;

/**
 * What the executor did with a decision, published to {@code tideflow.scaling-events} keyed by target.
 *
 * @param resourcesBefore the requests the replicas ran with before, where the driver reports them; null otherwise
 * @param resourcesAfter  the requests the replicas run with afterwards (all of them on success; on failure, see
 *                        {@code error} for how many were rolled); null when the decision set none or the driver
 *                        reports none
 */
public record ScalingEvent(Integer v, String decisionId, String target, String driver, Status status,
        Integer replicasBefore, Integer replicasAfter, String error, Instant startedAt, Instant finishedAt,
        Long durationMillis, ResourceRequests resourcesBefore, ResourceRequests resourcesAfter) implements Contract {

    /** An event without requests, as every event was before requests. */
    public ScalingEvent(Integer v, String decisionId, String target, String driver, Status status,
            Integer replicasBefore, Integer replicasAfter, String error, Instant startedAt, Instant finishedAt,
            Long durationMillis) {
        this(v, decisionId, target, driver, status, replicasBefore, replicasAfter, error, startedAt, finishedAt,
                durationMillis, null, null);
    }

    public enum Status {
        /** The platform runs {@code replicasAfter} replicas, with {@code resourcesAfter} if the decision set any. */
        SUCCEEDED,
        /** The platform call failed; {@code error} says why and what was applied nonetheless. */
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
        if (resourcesBefore != null) {
            resourcesBefore.validate(check, "resourcesBefore");
        }
        if (resourcesAfter != null) {
            resourcesAfter.validate(check, "resourcesAfter");
        }
    }
}

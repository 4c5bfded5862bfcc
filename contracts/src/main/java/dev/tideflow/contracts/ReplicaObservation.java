package dev.tideflow.contracts;

import java.time.Instant;

/** How many replicas of a target are running, as the executor sees it; {@code tideflow.replicas}, keyed by target. */
public record ReplicaObservation(Integer v, String target, String driver, Integer replicas, Instant observedAt)
        implements Contract {

    public static ReplicaObservation of(String target, String driver, int replicas, Instant observedAt) {
        return new ReplicaObservation(VERSION, target, driver, replicas, observedAt);
    }

    @Override
    public void validate(Violations check) {
        check.version(v);
        check.target("target", target);
        check.text("driver", driver, 64, true);
        check.nonNegative("replicas", replicas, true);
        check.instant("observedAt", observedAt, true);
    }
}

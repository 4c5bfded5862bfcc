package dev.tideflow.policy.service;

import java.time.Instant;

/** The replica count a policy starts from, and where that number came from. */
public record CurrentReplicas(int value, Source source) {

    public enum Source {
        /** Reported by the executor on {@code tideflow.replicas}. */
        OBSERVED,
        /** Asked for by the last decision, which the executor has not reported on yet. */
        LAST_DECISION,
        /** Nothing known about the target yet: the policy's minimum. */
        ASSUMED_MINIMUM
    }

    /**
     * A decision newer than the last observation wins: scaling on the stale observation would repeat or
     * undo a change the executor is still applying.
     */
    public static CurrentReplicas resolve(Integer observedReplicas, Instant observedAt, Integer lastDesiredReplicas,
            Instant lastDecisionAt, int minReplicas) {
        boolean decisionIsNewer = lastDesiredReplicas != null && lastDecisionAt != null
                && (observedReplicas == null || observedAt == null || lastDecisionAt.isAfter(observedAt));
        if (decisionIsNewer) {
            return new CurrentReplicas(lastDesiredReplicas, Source.LAST_DECISION);
        }
        if (observedReplicas != null) {
            return new CurrentReplicas(observedReplicas, Source.OBSERVED);
        }
        return new CurrentReplicas(minReplicas, Source.ASSUMED_MINIMUM);
    }
}

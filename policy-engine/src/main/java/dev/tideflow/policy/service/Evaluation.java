package dev.tideflow.policy.service;

/** The outcome of evaluating one policy against one window. */
public sealed interface Evaluation {

    /** A human-readable account of the outcome, as it appears in logs and decisions. */
    String reason();

    /** The same outcome told with {@code reason}. */
    default Evaluation withReason(String reason) {
        if (this instanceof Decision d) {
            return new Decision(d.currentReplicas(), d.desiredReplicas(), d.metricValue(), reason);
        }
        return new NoDecision(((NoDecision) this).why(), reason);
    }

    record NoDecision(SkipReason why, String reason) implements Evaluation {
    }

    record Decision(int currentReplicas, int desiredReplicas, double metricValue, String reason)
            implements Evaluation {
    }
}

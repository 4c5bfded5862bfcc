package dev.tideflow.policy.hpa;

import java.time.Instant;
import java.util.List;

/**
 * Turns the metrics' recommendation into the replica count to run, as HPA's
 * {@code normalizeDesiredReplicasWithBehaviors} ({@code pkg/controller/podautoscaler/horizontal.go}): first
 * stabilization over the recommendation history (scaling up goes no higher than the lowest recommendation of
 * the scale-up window, scaling down no lower than the highest of the scale-down window), then the rate policies
 * measured against the replicas added and removed within each policy's period, then minReplicas / maxReplicas,
 * then the global cap on replicas.
 */
public final class BehaviorNormalizer {

    /**
     * @param recommendations earlier recommendations of this target (the new one is not among them)
     * @param events          earlier changes of the target's replica count
     * @param globalCap       the most replicas any target may run; null for none
     */
    public Normalization normalize(Behavior behavior, int currentReplicas, int recommended, int minReplicas,
            int maxReplicas, Integer globalCap, List<Recommendation> recommendations, List<ScaleEvent> events,
            Instant now) {
        int stabilized = stabilize(recommendations, currentReplicas, recommended,
                behavior.scaleUp().stabilizationWindowSeconds(), behavior.scaleDown().stabilizationWindowSeconds(),
                now);
        Limited limited = limitRate(behavior, currentReplicas, stabilized, minReplicas, maxReplicas, events, now);
        int desired = limited.replicas;
        String limitedBy = limited.reason;
        String reason = limited.message;
        if (globalCap != null && desired > globalCap) {
            desired = globalCap;
            limitedBy = "GlobalCap";
            reason = "the desired replica count is more than the global cap of " + globalCap + " replicas";
        }
        if (limitedBy == null && stabilized != recommended) {
            boolean up = recommended >= currentReplicas;
            limitedBy = up ? "ScaleUpStabilized" : "ScaleDownStabilized";
            reason = up
                    ? "recent recommendations were lower than current one, applying the lowest recent recommendation"
                    : "recent recommendations were higher than current one, applying the highest recent "
                            + "recommendation";
        }
        return new Normalization(desired, stabilized, limitedBy, reason);
    }

    /**
     * HPA's {@code stabilizeRecommendationWithBehaviors}: the recommendation moved toward the current count as far
     * as the recommendations within each direction's window demand.
     */
    static int stabilize(List<Recommendation> recommendations, int currentReplicas, int recommended,
            int upWindowSeconds, int downWindowSeconds, Instant now) {
        Instant upCutoff = now.minusSeconds(upWindowSeconds);
        Instant downCutoff = now.minusSeconds(downWindowSeconds);
        int upRecommendation = recommended;
        int downRecommendation = recommended;
        for (Recommendation earlier : recommendations) {
            if (earlier.time().isAfter(upCutoff)) {
                upRecommendation = Math.min(earlier.replicas(), upRecommendation);
            }
            if (earlier.time().isAfter(downCutoff)) {
                downRecommendation = Math.max(earlier.replicas(), downRecommendation);
            }
        }
        int result = currentReplicas;
        if (result < upRecommendation) {
            result = upRecommendation;
        }
        if (result > downRecommendation) {
            result = downRecommendation;
        }
        return result;
    }

    /** HPA's {@code calculateScaleUpLimitWithScalingRules}. */
    static int scaleUpLimit(int currentReplicas, List<ScaleEvent> events, ScalingRules rules, Instant now) {
        if (rules.selectPolicy() == SelectPolicy.DISABLED) {
            return currentReplicas;
        }
        boolean min = rules.selectPolicy() == SelectPolicy.MIN;
        long result = min ? Integer.MAX_VALUE : Integer.MIN_VALUE;
        for (ScalingPolicy policy : rules.policies()) {
            long periodStart = periodStartReplicas(currentReplicas, events, policy.periodSeconds(), now);
            long proposed = switch (policy.type()) {
                case PODS -> periodStart + policy.value();
                // Rounded up, or a small target would never grow by a percentage.
                case PERCENT -> (long) Math.ceil(periodStart * (1 + policy.value() / 100.0));
            };
            result = min ? Math.min(result, proposed) : Math.max(result, proposed);
        }
        return (int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, result));
    }

    /** HPA's {@code calculateScaleDownLimitWithBehaviors}. */
    static int scaleDownLimit(int currentReplicas, List<ScaleEvent> events, ScalingRules rules, Instant now) {
        if (rules.selectPolicy() == SelectPolicy.DISABLED) {
            return currentReplicas;
        }
        // For scaling down the smallest change is the highest count.
        boolean min = rules.selectPolicy() == SelectPolicy.MIN;
        long result = min ? Integer.MIN_VALUE : Integer.MAX_VALUE;
        for (ScalingPolicy policy : rules.policies()) {
            long periodStart = periodStartReplicas(currentReplicas, events, policy.periodSeconds(), now);
            long proposed = switch (policy.type()) {
                case PODS -> periodStart - policy.value();
                case PERCENT -> (long) (periodStart * (1 - policy.value() / 100.0));
            };
            result = min ? Math.max(result, proposed) : Math.min(result, proposed);
        }
        return (int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, result));
    }

    /** The count at the start of the period: the current one minus what was added plus what was removed since. */
    private static long periodStartReplicas(int currentReplicas, List<ScaleEvent> events, int periodSeconds,
            Instant now) {
        Instant cutoff = now.minusSeconds(periodSeconds);
        long added = 0;
        long removed = 0;
        for (ScaleEvent event : events) {
            if (event.time().isAfter(cutoff)) {
                added += event.added();
                removed += event.removed();
            }
        }
        return currentReplicas - added + removed;
    }

    /** HPA's {@code convertDesiredReplicasWithBehaviorRate}. */
    private static Limited limitRate(Behavior behavior, int currentReplicas, int desired, int minReplicas,
            int maxReplicas, List<ScaleEvent> events, Instant now) {
        if (desired > currentReplicas) {
            int limit = Math.max(currentReplicas, scaleUpLimit(currentReplicas, events, behavior.scaleUp(), now));
            if (maxReplicas > limit) {
                if (desired > limit) {
                    return new Limited(limit, "ScaleUpLimit",
                            "the desired replica count is increasing faster than the maximum scale rate");
                }
            } else if (desired > maxReplicas) {
                return new Limited(maxReplicas, "TooManyReplicas",
                        "the desired replica count is more than the maximum replica count");
            }
        } else if (desired < currentReplicas) {
            int limit = Math.min(currentReplicas, scaleDownLimit(currentReplicas, events, behavior.scaleDown(), now));
            if (minReplicas < limit) {
                if (desired < limit) {
                    return new Limited(limit, "ScaleDownLimit",
                            "the desired replica count is decreasing faster than the maximum scale rate");
                }
            } else if (desired < minReplicas) {
                return new Limited(minReplicas, "TooFewReplicas",
                        "the desired replica count is less than the minimum replica count");
            }
        }
        return new Limited(desired, null, "the desired count is within the acceptable range");
    }

    private record Limited(int replicas, String reason, String message) {
    }
}

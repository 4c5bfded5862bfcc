package dev.tideflow.policy.forecast;

/** The replicas a target runs now and the bounds its policy sets. */
public record CurrentCapacity(int replicas, int minReplicas, int maxReplicas) {

    public CurrentCapacity {
        if (replicas < 0 || minReplicas < 0 || maxReplicas < minReplicas) {
            throw new IllegalArgumentException("need 0 <= replicas and 0 <= min <= max, got replicas " + replicas
                    + ", min " + minReplicas + ", max " + maxReplicas);
        }
    }
}

package dev.tideflow.policy.domain;

/** The replica counts a policy may ask for, both ends inclusive. */
public record ReplicaRange(int min, int max) {

    public ReplicaRange {
        if (min < 0 || max < min) {
            throw new IllegalArgumentException("invalid replica range [" + min + ", " + max + "]");
        }
    }

    public int clamp(int replicas) {
        return Math.max(min, Math.min(max, replicas));
    }

    public boolean contains(int replicas) {
        return replicas >= min && replicas <= max;
    }

    @Override
    public String toString() {
        return "[" + min + ", " + max + "]";
    }
}

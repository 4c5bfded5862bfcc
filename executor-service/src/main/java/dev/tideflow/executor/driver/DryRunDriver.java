package dev.tideflow.executor.driver;

import dev.tideflow.executor.domain.Target;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Applies nothing: remembers the count each target was last scaled to and reports it, so the rest of
 * the suite behaves as if a platform followed every decision.
 */
public final class DryRunDriver implements ScalingDriver {

    public static final String NAME = "dry-run";

    private final ConcurrentMap<String, Integer> replicas = new ConcurrentHashMap<>();

    @Override
    public String name() {
        return NAME;
    }

    /** Seeds the count of a target, e.g. from the last action recorded before a restart. */
    public void remember(String targetId, int count) {
        if (count < 0) {
            throw new IllegalArgumentException("replica count must not be negative, got " + count);
        }
        replicas.put(targetId, count);
    }

    @Override
    public int currentReplicas(Target target) {
        return replicas.getOrDefault(target.id(), 0);
    }

    @Override
    public int scale(Target target, int desired) {
        remember(target.id(), desired);
        return desired;
    }
}

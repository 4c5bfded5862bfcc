package dev.tideflow.executor.driver;

import dev.tideflow.contracts.ResourceRequests;
import dev.tideflow.executor.domain.Target;

import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Applies nothing: remembers the count and the requests each target was last set to and reports them, so the
 * rest of the suite behaves as if a platform followed every decision.
 */
public final class DryRunDriver implements ScalingDriver {

    public static final String NAME = "dry-run";

    private final ConcurrentMap<String, Integer> replicas = new ConcurrentHashMap<>();
    private final ConcurrentMap<String, ResourceRequests> requests = new ConcurrentHashMap<>();

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

    /** Seeds the requests of a target, e.g. from the last action recorded before a restart. */
    public void remember(String targetId, ResourceRequests set) {
        List<String> violations = set.violations("requests");
        if (!violations.isEmpty()) {
            throw new IllegalArgumentException(String.join("; ", violations));
        }
        requests.put(targetId, set);
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

    @Override
    public boolean setsRequests() {
        return true;
    }

    @Override
    public ResourceRequests currentRequests(Target target) {
        return requests.get(target.id());
    }

    @Override
    public ResourceRequests applyRequests(Target target, ResourceRequests wanted) {
        ResourceRequests merged = ResourceRequests.merge(requests.get(target.id()), wanted);
        remember(target.id(), merged);
        return merged;
    }
}

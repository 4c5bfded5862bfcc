package dev.tideflow.executor.testing;

import dev.tideflow.executor.domain.Target;
import dev.tideflow.executor.driver.ScalingDriver;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * A platform driver contributed as a CDI bean, as a Kubernetes or ECS driver would be, that scales replicas but
 * has no resource requests: what the executor does with a vertical decision for such a platform.
 */
@ApplicationScoped
public class ReplicasOnlyDriver implements ScalingDriver {

    public static final String NAME = "replicas-only";

    private final ConcurrentMap<String, Integer> replicas = new ConcurrentHashMap<>();

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public int currentReplicas(Target target) {
        return replicas.getOrDefault(target.id(), 0);
    }

    @Override
    public int scale(Target target, int desired) {
        replicas.put(target.id(), desired);
        return desired;
    }
}

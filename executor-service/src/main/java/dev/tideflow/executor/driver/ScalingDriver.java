package dev.tideflow.executor.driver;

import dev.tideflow.executor.domain.Target;

import java.util.List;

/**
 * Changes the replica count of a target on one kind of platform. Implementations are plain classes,
 * selected by {@link #name()}; their methods block and are never called on an event loop.
 */
public interface ScalingDriver {

    /** The name targets refer to this driver by ({@code "process"}, {@code "dry-run"}, …). */
    String name();

    /** How many replicas of {@code target} run now. */
    int currentReplicas(Target target);

    /**
     * Makes {@code desired} replicas of {@code target} run.
     *
     * @return the number of replicas running afterwards
     * @throws RuntimeException if the platform refused or failed; replicas may have been changed partly
     */
    int scale(Target target, int desired);

    /** What is wrong with {@code target} for this driver; empty when it can be scaled. */
    default List<String> validate(Target target) {
        return List.of();
    }
}

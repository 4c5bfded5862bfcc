package dev.tideflow.executor.driver;

import dev.tideflow.contracts.ResourceRequests;
import dev.tideflow.executor.domain.Target;

import java.util.List;

/**
 * Changes the replica count of a target on one kind of platform and, if the platform has them, the resources each
 * replica requests. Implementations are plain classes, selected by {@link #name()}; their methods block and are
 * never called on an event loop.
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

    /**
     * Whether this driver can set the resources replicas request. The executor asks before every decision that
     * sets requests and fails it, naming the driver, if not; {@link #applyRequests} is then never called.
     */
    default boolean setsRequests() {
        return false;
    }

    /** The requests replicas of {@code target} run with (and new replicas start with); null if none were set. */
    default ResourceRequests currentRequests(Target target) {
        return null;
    }

    /**
     * Makes every replica of {@code target} run with {@code requests}; a resource they leave out keeps its value.
     * Only called when {@link #setsRequests()} is true. Replicas a later {@link #scale} starts use them too.
     *
     * @return the requests the replicas run with afterwards
     * @throws RuntimeException if the platform refused or failed; the message says how many replicas were moved
     */
    default ResourceRequests applyRequests(Target target, ResourceRequests requests) {
        throw new IllegalStateException(cannotSetRequests(name()));
    }

    /** The reason a decision with requests fails on a driver without them. */
    static String cannotSetRequests(String driver) {
        return "driver '" + driver + "' cannot set resource requests";
    }
}

package dev.tideflow.executor.service;

import dev.tideflow.contracts.ResourceRequests;
import dev.tideflow.executor.domain.ActionOutcome;
import dev.tideflow.executor.domain.ActionStatus;
import dev.tideflow.executor.domain.Target;
import dev.tideflow.executor.driver.ScalingDriver;
import org.jboss.logging.Logger;

import java.time.Duration;

/**
 * Applies one decision through its driver: requests first, then replicas, so that replicas a scale-out starts
 * already run the new requests. What could not be applied is named in the outcome's error:
 * <ul>
 * <li>a driver that cannot set requests: the replicas are still scaled (capacity keeps following the load), the
 * outcome is FAILED and says the requests were not applied;</li>
 * <li>requests the driver failed to roll out: the replicas are left alone (the platform is failing to start
 * replicas), FAILED with the driver's account of how far the rollout got;</li>
 * <li>replicas that failed after the requests were applied: FAILED, saying the requests were applied.</li>
 * </ul>
 */
final class DecisionApplier {

    private static final Logger LOG = Logger.getLogger(DecisionApplier.class);

    /** @param driverSucceeded whether the platform did everything asked, for the driver timer */
    record Applied(ActionOutcome outcome, Duration elapsed, boolean driverSucceeded) {
    }

    private DecisionApplier() {
    }

    /** @param requests the requests to set; null for a replicas-only decision */
    static Applied apply(ScalingDriver driver, Target target, int desired, ResourceRequests requests) {
        ActionExecution execution = ActionExecution.start();
        int before;
        try {
            before = driver.currentReplicas(target);
            execution.before(before, driver.currentRequests(target));
        } catch (RuntimeException e) {
            LOG.errorf(e, "driver %s cannot read the state of %s", driver.name(), target.id());
            return failed(execution, driver, target, describe(e));
        }
        String requestsRefused = null;
        if (requests != null && !driver.setsRequests()) {
            requestsRefused = ScalingDriver.cannotSetRequests(driver.name()) + ": requests "
                    + ResourceRequests.describe(requests) + " were not applied";
        } else if (requests != null) {
            try {
                driver.applyRequests(target, requests);
            } catch (RuntimeException e) {
                LOG.errorf(e, "driver %s failed to set the requests of %s to %s", driver.name(), target.id(),
                        ResourceRequests.describe(requests));
                return failed(execution, driver, target, "requests " + ResourceRequests.describe(requests)
                        + " not fully applied: " + describe(e) + "; replicas not changed (" + before + ", desired "
                        + desired + ")");
            }
        }
        int after;
        try {
            after = driver.scale(target, desired);
        } catch (RuntimeException e) {
            LOG.errorf(e, "driver %s failed to scale %s to %d", driver.name(), target.id(), desired);
            String prefix = requests == null ? ""
                    : requestsRefused != null ? requestsRefused + "; "
                    : "requests " + ResourceRequests.describe(requests) + " applied; ";
            return failed(execution, driver, target, prefix + describe(e));
        }
        ResourceRequests requestsAfter = requestsAfter(driver, target);
        if (requestsRefused != null) {
            String replicas = after == before ? "replicas unchanged at " + after
                    : "replicas " + before + " → " + after + " applied";
            return new Applied(execution.failed(requestsRefused + "; " + replicas, after, requestsAfter),
                    execution.elapsed(), false);
        }
        return new Applied(execution.succeeded(after, requestsAfter), execution.elapsed(), true);
    }

    /** A failed call may have changed part of the replicas or requests; the audit says what runs now. */
    private static Applied failed(ActionExecution execution, ScalingDriver driver, Target target, String error) {
        Integer after;
        try {
            after = driver.currentReplicas(target);
        } catch (RuntimeException e) {
            after = null;
        }
        return new Applied(execution.failed(error, after, requestsAfter(driver, target)), execution.elapsed(), false);
    }

    private static ResourceRequests requestsAfter(ScalingDriver driver, Target target) {
        try {
            return driver.currentRequests(target);
        } catch (RuntimeException e) {
            LOG.warnf(e, "driver %s cannot report the requests of %s", driver.name(), target.id());
            return null;
        }
    }

    static String describe(Throwable e) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        Throwable cause = e.getCause();
        if (cause != null && cause.getMessage() != null && !message.contains(cause.getMessage())) {
            message += ": " + cause.getMessage();
        }
        return message;
    }
}

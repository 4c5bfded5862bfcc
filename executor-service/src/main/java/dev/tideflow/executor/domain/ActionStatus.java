package dev.tideflow.executor.domain;

import dev.tideflow.contracts.ScalingEvent;

/** Where the application of one decision stands. */
public enum ActionStatus {
    /** Claimed and being applied; seen again only if the executor stopped mid-apply. */
    PENDING,
    SUCCEEDED,
    FAILED,
    /** A dry-run decision: recorded, never applied. */
    DRY_RUN;

    public boolean isTerminal() {
        return this != PENDING;
    }

    public ScalingEvent.Status toEventStatus() {
        return switch (this) {
            case SUCCEEDED -> ScalingEvent.Status.SUCCEEDED;
            case FAILED -> ScalingEvent.Status.FAILED;
            case DRY_RUN -> ScalingEvent.Status.DRY_RUN;
            case PENDING -> throw new IllegalStateException("a pending action has no outcome to publish");
        };
    }
}

package dev.tideflow.policy.service;

/** Why a window led to no decision; the tag of the skipped-evaluations counter. */
public enum SkipReason {
    /** The rule asks for the replicas the target already has. */
    NO_CHANGE("no-change"),
    /** A change is due, but the last decision for the target is too recent. */
    COOLDOWN("cooldown"),
    /** A threshold is breached, but not yet for the policy's number of consecutive windows. */
    EVALUATION_PERIODS("evaluation-periods"),
    /**
     * Autoscaling is switched off suite-wide ({@code autoscaling.enabled=false} in config-service) or for this
     * service ({@code POST /api/autoscaling/enable}).
     */
    DISABLED("disabled"),
    /** No enabled policy watches the window's target and metric. */
    NO_POLICY("no-policy"),
    /** A scale-down is due, but another policy of the target currently recommends at least the current count. */
    HELD_BY_POLICY("held-by-policy");

    private final String tag;

    SkipReason(String tag) {
        this.tag = tag;
    }

    public String tag() {
        return tag;
    }
}

package dev.tideflow.policy.hpa;

/** HPA's {@code HorizontalPodAutoscalerBehavior}: how fast and how eagerly each direction may scale. */
public record Behavior(ScalingRules scaleUp, ScalingRules scaleDown) {

    public static final Behavior DEFAULTS = new Behavior(ScalingRules.defaultScaleUp(),
            ScalingRules.defaultScaleDown());

    /** The tolerances to use: each direction's own, else {@code fallback}. */
    public Tolerances tolerances(double fallback) {
        return new Tolerances(scaleDown.tolerance() == null ? fallback : scaleDown.tolerance(),
                scaleUp.tolerance() == null ? fallback : scaleUp.tolerance());
    }
}

package dev.tideflow.policy.hpa;

/**
 * A metric recommendation after behavior: stabilized, rate-limited, kept within bounds.
 *
 * @param stabilizedReplicas the recommendation after the stabilization windows, before rate limits and bounds
 * @param limitedBy          the HPA condition reason of the step that changed the recommendation last
 *                           ({@code ScaleUpStabilized}, {@code ScaleDownStabilized}, {@code ScaleUpLimit},
 *                           {@code ScaleDownLimit}, {@code TooManyReplicas}, {@code TooFewReplicas},
 *                           {@code GlobalCap}); null if none did
 * @param reason             what happened, in words
 */
public record Normalization(int desiredReplicas, int stabilizedReplicas, String limitedBy, String reason) {
}

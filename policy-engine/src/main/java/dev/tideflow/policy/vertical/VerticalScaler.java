package dev.tideflow.policy.vertical;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Recommends CPU and memory requests from utilization, as a vertical autoscaler does, on a step grid between bounds.
 *
 * <ul>
 *   <li>Inside the tolerance ({@code |ratio − 1| ≤ tolerance}, HPA's) the request stays.</li>
 *   <li>Outside it, the request goes to {@code current × ratio} (the request at which the same usage meets the
 *       target), rounded up to the step grid so the utilization lands at or under the target, within the bounds.</li>
 *   <li>{@code vertical}: the replica count always stays. {@code mixed}: requests first; the replicas stay while a
 *       request can still move the way the load asks, and HPA decides once every such request is at its bound.</li>
 * </ul>
 */
public final class VerticalScaler {

    /**
     * @param current the request now, in the resource's unit; null when unknown (read as the minimum)
     * @param ratio   utilization / target; null when not read
     */
    public ResourceRecommendation recommend(ResourceBounds bounds, Double current, Double ratio, double tolerance) {
        boolean read = current != null && Double.isFinite(current) && current > 0;
        int base = read ? bounds.clamp((int) Math.round(current)) : bounds.min();
        String from = base + bounds.unit() + (read ? "" : " (no request read, assumed the minimum)");
        if (ratio == null || !Double.isFinite(ratio)) {
            return new ResourceRecommendation(bounds.resource(), base, read, null, base, false,
                    bounds.resource() + " stays at " + from + ": no utilization of " + bounds.metric() + " read");
        }
        String ratioText = String.format(Locale.ROOT, "utilization ratio %.2f", ratio);
        if (Math.abs(ratio - 1) <= tolerance) {
            return new ResourceRecommendation(bounds.resource(), base, read, ratio, base, false,
                    bounds.resource() + " stays at " + from + ": " + ratioText + " within the tolerance " + tolerance);
        }
        boolean up = ratio > 1;
        int wanted = bounds.stepAtOrAbove(base * ratio);
        boolean atBound = up ? base >= bounds.max() : base <= bounds.min();
        String reason;
        if (atBound) {
            reason = bounds.resource() + " stays at " + from + ": " + ratioText + " asks for " + (up ? "more" : "less")
                    + " but " + (up ? "the maximum " + bounds.max() : "the minimum " + bounds.min()) + bounds.unit()
                    + " is reached";
        } else {
            reason = bounds.resource() + " " + from + " → " + wanted + bounds.unit() + ": " + ratioText
                    + String.format(Locale.ROOT, ", %.0f%s × %.2f on the %d%s grid from %d%s", (double) base,
                            bounds.unit(), ratio, bounds.step(), bounds.unit(), bounds.min(), bounds.unit())
                    + (wanted == bounds.max() && up ? ", capped at the maximum" : "")
                    + (wanted == bounds.min() && !up ? ", floored at the minimum" : "");
        }
        return new ResourceRecommendation(bounds.resource(), base, read, ratio, atBound ? base : wanted, atBound,
                reason);
    }

    /** Combines the resources' recommendations under {@code mode}; {@code HORIZONTAL} is not vertical at all. */
    public VerticalOutcome decide(ScalingMode mode, List<ResourceRecommendation> resources) {
        if (mode == ScalingMode.HORIZONTAL) {
            throw new IllegalArgumentException("a horizontal policy recommends no requests");
        }
        boolean verticalMoves = resources.stream().anyMatch(ResourceRecommendation::changes);
        boolean hold = mode == ScalingMode.VERTICAL || verticalMoves;
        String requests = resources.isEmpty() ? "no resource utilization read"
                : resources.stream().map(ResourceRecommendation::reason).collect(Collectors.joining("; "));
        String replicas = switch (mode) {
            case VERTICAL -> "vertical: replicas unchanged";
            case MIXED -> verticalMoves ? "mixed: requests first, replicas unchanged"
                    : "mixed: no request can move further, replicas as the metrics decide";
            case HORIZONTAL -> throw new IllegalStateException();
        };
        return new VerticalOutcome(mode, new ArrayList<>(resources), hold, replicas + " (" + requests + ")");
    }
}

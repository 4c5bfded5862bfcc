package dev.tideflow.policy.vertical;

/**
 * What a resource's request should be, and why.
 *
 * @param current     the request read from the window's instances, within the bounds; the minimum when none was
 *                    read ({@code currentRead} false)
 * @param ratio       utilization / target; null when the utilization was not read
 * @param recommended the request on the step grid that brings the utilization back to the target, bounded
 * @param atBound     the load asks to move further in the same direction than the bounds allow
 */
public record ResourceRecommendation(String resource, int current, boolean currentRead, Double ratio,
        int recommended, boolean atBound, String reason) {

    public boolean changes() {
        return recommended != current;
    }
}

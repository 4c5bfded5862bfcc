package dev.tideflow.policy.schedule;

import dev.tideflow.policy.domain.ReplicaRange;

import java.util.List;

/**
 * What the open schedule windows make of a policy's replica range. Overlapping windows combine the way that
 * does not depend on their order: the highest floor and the lowest ceiling; when that floor is above that
 * ceiling, the ceiling wins (a ceiling is what keeps a target within its quota or budget), so the floor is
 * lowered to it and named after the ceiling's schedule.
 *
 * @param floor     the combined floor; null when no open window sets one
 * @param floorBy   the schedule that set the floor (the first by name among equals)
 * @param ceiling   the combined ceiling; null when no open window sets one
 * @param ceilingBy the schedule that set the ceiling (the first by name among equals)
 * @param active    every open window, ordered by name
 */
public record ScheduleBounds(Integer floor, String floorBy, Integer ceiling, String ceilingBy,
        List<ActiveSchedule> active) {

    public static final ScheduleBounds NONE = new ScheduleBounds(null, null, null, null, List.of());

    public boolean isEmpty() {
        return active.isEmpty();
    }

    /**
     * The policy's range inside the open windows: floors and ceilings only ever narrow it, and the policy's own
     * bounds stay the outer limits.
     */
    public ReplicaRange narrow(ReplicaRange range) {
        int max = ceiling == null ? range.max() : Math.max(range.min(), Math.min(range.max(), ceiling));
        int min = floor == null ? range.min() : Math.min(max, Math.max(range.min(), floor));
        return new ReplicaRange(min, max);
    }

    /**
     * Which schedule a count held at a bound of {@link #narrow(ReplicaRange) the narrowed range} was held by:
     * {@code "schedule <name>"}, or null when that bound is the policy's own.
     *
     * @param raisedToFloor whether the count was raised to the range's minimum (else lowered to its maximum)
     */
    public String limitedBy(ReplicaRange policyRange, boolean raisedToFloor) {
        ReplicaRange narrowed = narrow(policyRange);
        if (raisedToFloor) {
            if (narrowed.min() == policyRange.min()) {
                return null;
            }
            return "schedule " + (floor != null && floor <= narrowed.max() ? floorBy : ceilingBy);
        }
        return narrowed.max() == policyRange.max() ? null : "schedule " + ceilingBy;
    }
}

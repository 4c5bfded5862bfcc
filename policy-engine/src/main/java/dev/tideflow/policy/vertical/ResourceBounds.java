package dev.tideflow.policy.vertical;

/**
 * Where one resource's request may go: from {@code min} to {@code max} in steps of {@code step} counted from
 * {@code min} (the top may be {@code max} itself when the range is not a whole number of steps).
 *
 * @param resource "cpu" (millicores) or "memory" (MiB)
 * @param metric   the metric whose utilization drives it
 */
public record ResourceBounds(String resource, String metric, int min, int max, int step) {

    public ResourceBounds {
        if (min < 1 || max < min || step < 1) {
            throw new IllegalArgumentException("need 1 <= min <= max and step >= 1, got min " + min + ", max " + max
                    + ", step " + step);
        }
    }

    public String unit() {
        return "cpu".equals(resource) ? "m" : "Mi";
    }

    /** The lowest request on the step grid at or above {@code request}, within the bounds. */
    public int stepAtOrAbove(double request) {
        if (request <= min) {
            return min;
        }
        double steps = Math.ceil((request - min) / step - 1e-9);
        return (int) Math.min(max, min + steps * step);
    }

    public int clamp(int request) {
        return Math.max(min, Math.min(max, request));
    }
}

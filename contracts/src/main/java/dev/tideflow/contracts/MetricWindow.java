package dev.tideflow.contracts;

import java.time.Instant;

/**
 * The aggregate of one metric of one target over a closed tumbling window
 * {@code [windowStart, windowEnd)}, published to {@code tideflow.metric-windows} keyed by target.
 */
public record MetricWindow(Integer v, String target, String metric, Instant windowStart, Instant windowEnd,
        Long count, Double min, Double max, Double avg, Double sum) implements Contract {

    /** Identifies the window across redeliveries: the same samples always give the same id. */
    public String windowId() {
        return target + "|" + metric + "|" + windowStart.toEpochMilli() + "|" + windowEnd.toEpochMilli();
    }

    /** The aggregate named by a policy: {@code avg}, {@code min}, {@code max}, {@code sum} or {@code count}. */
    public double aggregate(String aggregation) {
        return switch (aggregation) {
            case "avg" -> avg;
            case "min" -> min;
            case "max" -> max;
            case "sum" -> sum;
            case "count" -> count;
            default -> throw new IllegalArgumentException("unknown aggregation '" + aggregation + "'");
        };
    }

    @Override
    public void validate(Violations check) {
        check.version(v);
        check.target("target", target);
        check.metricName("metric", metric);
        check.instant("windowStart", windowStart, true);
        check.instant("windowEnd", windowEnd, true);
        if (windowStart != null && windowEnd != null && !windowStart.isBefore(windowEnd)) {
            check.add("'windowStart' must be before 'windowEnd'");
        }
        if (check.required("count", count) && count < 1) {
            check.add("'count' must be at least 1, got " + count);
        }
        check.nonNegativeFinite("min", min, true);
        check.nonNegativeFinite("max", max, true);
        check.nonNegativeFinite("avg", avg, true);
        check.nonNegativeFinite("sum", sum, true);
        if (min != null && max != null && min > max) {
            check.add("'min' must not exceed 'max'");
        }
    }
}

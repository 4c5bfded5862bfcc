package dev.tideflow.contracts;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The aggregate of one metric of one target over a closed tumbling window
 * {@code [windowStart, windowEnd)}, published to {@code tideflow.metric-windows} keyed by target.
 *
 * @param instances              per-instance aggregates of the samples that named their instance, ordered by
 *                               instance id; absent when no sample did. At most {@link #MAX_INSTANCES}
 * @param omittedInstanceSamples samples whose instance did not fit in {@code instances} (the collector's cap): they
 *                               are in the target-wide aggregate only, so {@code instances} is incomplete when this
 *                               is above 0; absent means 0
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record MetricWindow(Integer v, String target, String metric, Instant windowStart, Instant windowEnd,
        Long count, Double min, Double max, Double avg, Double sum, List<InstanceAggregate> instances,
        Long omittedInstanceSamples) implements Contract {

    /**
     * Instances one window may list. At the longest instance id and the longest numbers a full list stays well
     * inside {@link ContractCodec#MAX_MESSAGE_BYTES}.
     */
    public static final int MAX_INSTANCES = 128;

    public MetricWindow {
        // Not List.copyOf: a null element must reach validation and be named there, not fail the constructor.
        instances = instances == null ? null : Collections.unmodifiableList(new ArrayList<>(instances));
    }

    /** A window with the target-wide aggregate only, as before per-instance aggregates. */
    public MetricWindow(Integer v, String target, String metric, Instant windowStart, Instant windowEnd,
            Long count, Double min, Double max, Double avg, Double sum) {
        this(v, target, metric, windowStart, windowEnd, count, min, max, avg, sum, null, null);
    }

    /** Identifies the window across redeliveries: the same samples always give the same id. */
    public String windowId() {
        return target + "|" + metric + "|" + windowStart.toEpochMilli() + "|" + windowEnd.toEpochMilli();
    }

    /** Whether the window lists every instance that reported in it: some are listed and none was left out. */
    public boolean hasCompleteInstances() {
        return instances != null && !instances.isEmpty()
                && (omittedInstanceSamples == null || omittedInstanceSamples == 0);
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
        check.nonNegative("omittedInstanceSamples", omittedInstanceSamples, false);
        validateInstances(check);
    }

    private void validateInstances(Violations check) {
        if (instances == null) {
            if (omittedInstanceSamples != null && omittedInstanceSamples > 0) {
                check.add("'omittedInstanceSamples' needs 'instances': samples are left out only of a full list");
            }
            return;
        }
        if (instances.size() > MAX_INSTANCES) {
            // Item by item would only repeat the same mistake a hundred times.
            check.add("'instances' lists " + instances.size() + " instances, at most " + MAX_INSTANCES
                    + " are allowed");
            return;
        }
        Set<String> ids = new HashSet<>();
        long counted = omittedInstanceSamples == null ? 0 : Math.max(0, omittedInstanceSamples);
        for (int i = 0; i < instances.size(); i++) {
            String field = "instances[" + i + "]";
            InstanceAggregate instance = instances.get(i);
            if (instance == null) {
                check.add("'" + field + "' must not be null");
                continue;
            }
            instance.validate(check, field);
            if (instance.instance() != null && !ids.add(instance.instance())) {
                check.add("'" + field + ".instance' repeats the instance '" + instance.instance() + "'");
            }
            if (instance.count() != null && instance.count() > 0) {
                counted = saturatedAdd(counted, instance.count());
            }
        }
        if (count != null && counted > count) {
            check.add("the instances' counts and 'omittedInstanceSamples' add up to " + counted
                    + ", more than the window's 'count' of " + count);
        }
    }

    private static long saturatedAdd(long a, long b) {
        long sum = a + b;
        return sum < a ? Long.MAX_VALUE : sum;
    }
}

package dev.tideflow.contracts;

import java.time.Instant;

/**
 * One measurement of one metric of a target, as producers send it to {@code tideflow.metrics}
 * (key: the target id) or to {@code POST /api/metrics}.
 *
 * @param timestamp when it was measured; absent means "when it was received"
 * @param instance  the replica that reported it, if the metric is per instance (blank counts as none)
 * @param request   the instance's resource request in the value's unit (a Utilization target reads
 *                  {@code value / request × 100}); only with {@code instance}
 * @param ready     whether the instance was ready (passing its readiness probe) when measured; absent means
 *                  ready; only with {@code instance}
 */
public record MetricSample(Integer v, String target, String metric, Double value, Instant timestamp, String instance,
        Double request, Boolean ready) implements Contract {

    /** A sample without request or readiness, as version 1 producers before them send it. */
    public MetricSample(Integer v, String target, String metric, Double value, Instant timestamp, String instance) {
        this(v, target, metric, value, timestamp, instance, null, null);
    }

    public static MetricSample of(String target, String metric, double value, Instant timestamp) {
        return new MetricSample(VERSION, target, metric, value, timestamp, null, null, null);
    }

    /** A sample of one instance of the target. */
    public static MetricSample ofInstance(String target, String metric, double value, Instant timestamp,
            String instance, Double request, Boolean ready) {
        return new MetricSample(VERSION, target, metric, value, timestamp, instance, request, ready);
    }

    /** Whether the sample names the instance that reported it. */
    public boolean hasInstance() {
        return instance != null && !instance.isBlank();
    }

    public MetricSample withTimestamp(Instant at) {
        return new MetricSample(v, target, metric, value, at, instance, request, ready);
    }

    @Override
    public void validate(Violations check) {
        check.version(v);
        check.target("target", target);
        check.metricName("metric", metric);
        check.nonNegativeFinite("value", value, true);
        check.text("instance", instance, Violations.MAX_NAME_LENGTH, false);
        check.positiveFinite("request", request, false);
        // Request and readiness describe one replica; on a target-wide sample they would have no meaning.
        if (!hasInstance() && request != null) {
            check.add("'request' needs 'instance': it is the request of the instance that reported the sample");
        }
        if (!hasInstance() && ready != null) {
            check.add("'ready' needs 'instance': it is the readiness of the instance that reported the sample");
        }
    }
}

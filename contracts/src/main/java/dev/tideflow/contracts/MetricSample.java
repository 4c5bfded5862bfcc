package dev.tideflow.contracts;

import java.time.Instant;

/**
 * One measurement of one metric of a target, as producers send it to {@code tideflow.metrics}
 * (key: the target id) or to {@code POST /api/metrics}.
 *
 * @param timestamp when it was measured; absent means "when it was received"
 * @param instance  the replica that reported it, if the metric is per instance
 */
public record MetricSample(Integer v, String target, String metric, Double value, Instant timestamp, String instance)
        implements Contract {

    public static MetricSample of(String target, String metric, double value, Instant timestamp) {
        return new MetricSample(VERSION, target, metric, value, timestamp, null);
    }

    public MetricSample withTimestamp(Instant at) {
        return new MetricSample(v, target, metric, value, at, instance);
    }

    @Override
    public void validate(Violations check) {
        check.version(v);
        check.target("target", target);
        check.metricName("metric", metric);
        check.nonNegativeFinite("value", value, true);
        check.text("instance", instance, Violations.MAX_NAME_LENGTH, false);
    }
}

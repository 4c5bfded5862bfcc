package dev.tideflow.policy.hpa;

/**
 * The level a metric should be held at.
 *
 * @param value percent for {@link TargetType#UTILIZATION} (a whole number, as HPA's int32), otherwise in the
 *              metric's own unit
 */
public record MetricTarget(TargetType type, double value) {

    public static MetricTarget utilization(int percent) {
        return new MetricTarget(TargetType.UTILIZATION, percent);
    }

    public static MetricTarget averageValue(double value) {
        return new MetricTarget(TargetType.AVERAGE_VALUE, value);
    }

    public static MetricTarget value(double value) {
        return new MetricTarget(TargetType.VALUE, value);
    }
}

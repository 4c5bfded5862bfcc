package dev.tideflow.policy.hpa;

/**
 * One instance (pod) of the target as the calculator sees it.
 *
 * @param value   the instance's metric value; null when the instance is ready but reported nothing (a missing
 *                metric)
 * @param request the instance's resource request, needed for {@link TargetType#UTILIZATION}; null if unknown
 * @param ready   false for an instance that is not ready (starting, pending, failing its probe): its value,
 *                if any, is not trusted
 */
public record InstanceSample(String id, Double value, Double request, boolean ready) {

    public static InstanceSample of(String id, double value) {
        return new InstanceSample(id, value, null, true);
    }

    public static InstanceSample of(String id, double value, double request) {
        return new InstanceSample(id, value, request, true);
    }

    public static InstanceSample missing(String id, double request) {
        return new InstanceSample(id, null, request, true);
    }

    public static InstanceSample unready(String id, Double value, Double request) {
        return new InstanceSample(id, value, request, false);
    }
}

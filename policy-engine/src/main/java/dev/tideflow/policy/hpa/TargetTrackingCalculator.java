package dev.tideflow.policy.hpa;

import dev.tideflow.policy.domain.Numbers;

import java.math.BigInteger;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * The replica count one metric asks for, computed as Kubernetes' HPA replica calculator does
 * ({@code pkg/controller/podautoscaler/replica_calculator.go}): the usage ratio to the target, a tolerance band
 * around 1, {@code ceil(ratio × ready instances)}; instances with a missing metric count as the target (or 100 %
 * of their request, whichever is higher) on a scale-down and as 0 on a scale-up; unready instances are left out,
 * and count as 0 on a scale-up; when those fill-ins bring the ratio inside the tolerance or flip the direction,
 * the current count stays.
 *
 * <p>Values are handled in milli-units with integer division, as HPA's resource quantities are, so that the
 * same inputs give the same counts (utilization is truncated to whole percent, averages to a thousandth).
 */
public final class TargetTrackingCalculator {

    public MetricProposal propose(MetricInput metric, int currentReplicas, Tolerances tolerances) {
        if (metric.unavailable() != null) {
            return MetricProposal.invalid(metric.name(), metric.unavailable());
        }
        return switch (metric.target().type()) {
            case UTILIZATION -> utilization(metric, currentReplicas, tolerances);
            case AVERAGE_VALUE -> metric.total() != null
                    ? averageOfTotal(metric, currentReplicas, tolerances)
                    : averageValue(metric, currentReplicas, tolerances);
            case VALUE -> value(metric, currentReplicas, tolerances);
        };
    }

    private static MetricProposal utilization(MetricInput metric, int current, Tolerances tolerances) {
        Groups groups = Groups.of(metric);
        Map<String, Long> requests = new LinkedHashMap<>();
        for (InstanceSample instance : metric.instances()) {
            if (instance.request() == null) {
                return MetricProposal.invalid(metric.name(), "instance '" + instance.id()
                        + "' has no request; a Utilization target needs the request of every instance");
            }
            requests.put(instance.id(), milli(instance.request()));
        }
        if (groups.metrics.isEmpty()) {
            return MetricProposal.invalid(metric.name(), noReadyValue(groups));
        }
        long targetPercent = (long) metric.target().value();
        Utilization first = Utilization.of(groups.metrics, requests, targetPercent);
        if (first == null) {
            return MetricProposal.invalid(metric.name(), "the requests of the reporting instances add up to 0");
        }
        String measured = "utilization " + first.percent + " % vs target " + targetPercent + " %";
        boolean scaleUpWithUnready = !groups.unready.isEmpty() && first.ratio > 1.0;
        if (!scaleUpWithUnready && groups.missing.isEmpty()) {
            return plain(metric.name(), first.ratio, first.percent, current, groups.readyCount, tolerances, measured);
        }
        Map<String, Long> filled = new LinkedHashMap<>(groups.metrics);
        if (!groups.missing.isEmpty()) {
            // A missing instance is assumed at 100 % of its request on a scale-down, or at the target when that
            // is above 100 %, and idle on a scale-up: both keep the scaling from overshooting.
            long fallbackPercent = Math.max(100, targetPercent);
            for (String id : groups.missing) {
                if (first.ratio < 1.0) {
                    filled.put(id, requests.get(id) * fallbackPercent / 100);
                } else if (first.ratio > 1.0) {
                    filled.put(id, 0L);
                }
            }
        }
        if (scaleUpWithUnready) {
            groups.unready.forEach(id -> filled.put(id, 0L));
        }
        Utilization second = Utilization.of(filled, requests, targetPercent);
        String fills = " (" + groups.describe(first.ratio, "max(100 %, target) of their request")
                + ", ratio becomes " + Numbers.format(round(second.ratio)) + ")";
        return rebalanced(metric.name(), first.ratio, second.ratio, first.percent, filled.size(), current,
                tolerances, measured, fills);
    }

    private static MetricProposal averageValue(MetricInput metric, int current, Tolerances tolerances) {
        Groups groups = Groups.of(metric);
        if (groups.metrics.isEmpty()) {
            return MetricProposal.invalid(metric.name(), noReadyValue(groups));
        }
        long target = milli(metric.target().value());
        long average = average(groups.metrics);
        double ratio = (double) average / target;
        String measured = "average " + Numbers.format(average / 1000.0) + " vs target "
                + Numbers.format(target / 1000.0);
        boolean scaleUpWithUnready = !groups.unready.isEmpty() && ratio > 1.0;
        if (!scaleUpWithUnready && groups.missing.isEmpty()) {
            return plain(metric.name(), ratio, average / 1000.0, current, groups.readyCount, tolerances, measured);
        }
        Map<String, Long> filled = new LinkedHashMap<>(groups.metrics);
        for (String id : groups.missing) {
            if (ratio < 1.0) {
                filled.put(id, target);
            } else if (ratio > 1.0) {
                filled.put(id, 0L);
            }
        }
        if (scaleUpWithUnready) {
            groups.unready.forEach(id -> filled.put(id, 0L));
        }
        double newRatio = (double) average(filled) / target;
        String fills = " (" + groups.describe(ratio, "the target") + ", ratio becomes "
                + Numbers.format(round(newRatio)) + ")";
        return rebalanced(metric.name(), ratio, newRatio, average / 1000.0, filled.size(), current, tolerances,
                measured, fills);
    }

    /** HPA's external / object metric with an AverageValue target: the total spread over the current replicas. */
    private static MetricProposal averageOfTotal(MetricInput metric, int current, Tolerances tolerances) {
        long total = milli(metric.total());
        long target = milli(metric.target().value());
        double ratio = (double) total / ((double) target * current);
        double perReplica = current == 0 ? Double.NaN : Math.ceil((double) total / current) / 1000.0;
        String measured = "total " + Numbers.format(total / 1000.0) + " over " + current
                + " replicas vs target " + Numbers.format(target / 1000.0) + " per replica";
        if (tolerances.isWithin(ratio)) {
            return new MetricProposal(metric.name(), current, finite(ratio), finite(perReplica),
                    measured + ": within tolerance, stays at " + current);
        }
        int replicas = ceilToInt((double) total / target);
        return new MetricProposal(metric.name(), replicas, finite(ratio), finite(perReplica),
                measured + ": ceil(" + Numbers.format(total / 1000.0) + " / " + Numbers.format(target / 1000.0)
                        + ") = " + replicas);
    }

    /** HPA's object / external metric with a Value target: the ratio applies to the ready instances. */
    private static MetricProposal value(MetricInput metric, int current, Tolerances tolerances) {
        long total = milli(metric.total());
        long target = milli(metric.target().value());
        double ratio = (double) total / target;
        String measured = "total " + Numbers.format(total / 1000.0) + " vs target " + Numbers.format(target / 1000.0);
        if (current == 0) {
            // Scaling from zero: no instance to multiply with and no tolerance, as HPA's scale-to-zero path.
            int replicas = ceilToInt(ratio);
            return new MetricProposal(metric.name(), replicas, ratio, total / 1000.0,
                    measured + ": from 0 replicas, ceil(" + Numbers.format(round(ratio)) + ") = " + replicas);
        }
        if (tolerances.isWithin(ratio)) {
            return new MetricProposal(metric.name(), current, ratio, total / 1000.0,
                    measured + ": within tolerance, stays at " + current);
        }
        int ready = metric.instances().isEmpty() ? current
                : (int) metric.instances().stream().filter(InstanceSample::ready).count();
        int replicas = ceilToInt(ratio * ready);
        return new MetricProposal(metric.name(), replicas, ratio, total / 1000.0,
                measured + ": ceil(" + Numbers.format(round(ratio)) + " × " + ready + " ready) = " + replicas);
    }

    private static MetricProposal plain(String name, double ratio, double current, int currentReplicas, int ready,
            Tolerances tolerances, String measured) {
        if (tolerances.isWithin(ratio)) {
            return new MetricProposal(name, currentReplicas, ratio, current,
                    measured + ": within tolerance, stays at " + currentReplicas);
        }
        int replicas = ceilToInt(ratio * ready);
        return new MetricProposal(name, replicas, ratio, current,
                measured + ": ceil(" + Numbers.format(round(ratio)) + " × " + ready + " ready) = " + replicas);
    }

    private static MetricProposal rebalanced(String name, double ratio, double newRatio, double current,
            int counted, int currentReplicas, Tolerances tolerances, String measured, String fills) {
        if (tolerances.isWithin(newRatio) || (ratio < 1.0 && newRatio > 1.0) || (ratio > 1.0 && newRatio < 1.0)) {
            return new MetricProposal(name, currentReplicas, ratio, current, measured + fills
                    + ": inside the tolerance or reversing direction, stays at " + currentReplicas);
        }
        int replicas = ceilToInt(newRatio * counted);
        if ((newRatio < 1.0 && replicas > currentReplicas) || (newRatio > 1.0 && replicas < currentReplicas)) {
            return new MetricProposal(name, currentReplicas, ratio, current, measured + fills
                    + ": counting them would reverse direction, stays at " + currentReplicas);
        }
        return new MetricProposal(name, replicas, ratio, current, measured + fills + ": ceil("
                + Numbers.format(round(newRatio)) + " × " + counted + ") = " + replicas);
    }

    private static String noReadyValue(Groups groups) {
        return "no ready instance reports a value" + (groups.unready.isEmpty() ? ""
                : " (" + groups.unready.size() + " unready)");
    }

    static long milli(double value) {
        return Math.round(value * 1000.0);
    }

    private static long average(Map<String, Long> metrics) {
        long total = 0;
        for (long v : metrics.values()) {
            total = saturatedAdd(total, v);
        }
        return total / metrics.size();
    }

    private static long saturatedAdd(long a, long b) {
        long sum = a + b;
        return ((a ^ sum) & (b ^ sum)) < 0 ? (a < 0 ? Long.MIN_VALUE : Long.MAX_VALUE) : sum;
    }

    static int ceilToInt(double replicas) {
        double ceiled = Math.ceil(replicas);
        if (Double.isNaN(ceiled)) {
            return 0;
        }
        return ceiled >= Integer.MAX_VALUE ? Integer.MAX_VALUE : (int) ceiled;
    }

    private static Double finite(double value) {
        return Double.isFinite(value) ? value : null;
    }

    private static double round(double value) {
        return Math.round(value * 10_000.0) / 10_000.0;
    }

    /** HPA's groupPods for the states Tideflow knows: ready with a value, ready without one, unready. */
    private static final class Groups {
        final Map<String, Long> metrics = new LinkedHashMap<>();
        final Set<String> missing = new LinkedHashSet<>();
        final Set<String> unready = new LinkedHashSet<>();
        int readyCount;

        static Groups of(MetricInput metric) {
            Groups groups = new Groups();
            for (InstanceSample instance : metric.instances()) {
                if (!instance.ready()) {
                    groups.unready.add(instance.id());
                } else if (instance.value() == null) {
                    groups.missing.add(instance.id());
                } else {
                    groups.metrics.put(instance.id(), milli(instance.value()));
                    groups.readyCount++;
                }
            }
            return groups;
        }

        String describe(double ratio, String scaleDownFill) {
            StringBuilder text = new StringBuilder();
            if (!missing.isEmpty()) {
                text.append(missing.size()).append(" missing counted as ")
                        .append(ratio < 1.0 ? scaleDownFill : ratio > 1.0 ? "0" : "nothing");
            }
            if (!unready.isEmpty() && ratio > 1.0) {
                text.append(text.length() == 0 ? "" : ", ").append(unready.size()).append(" unready counted as 0");
            }
            return text.toString();
        }
    }

    private record Utilization(double ratio, long percent) {

        private static final BigInteger HUNDRED = BigInteger.valueOf(100);

        /** HPA's GetResourceUtilizationRatio: total usage over total request of the instances with a value. */
        static Utilization of(Map<String, Long> metrics, Map<String, Long> requests, long targetPercent) {
            long usage = 0;
            long requested = 0;
            for (Map.Entry<String, Long> entry : metrics.entrySet()) {
                Long request = requests.get(entry.getKey());
                if (request == null) {
                    continue;
                }
                usage = saturatedAdd(usage, entry.getValue());
                requested = saturatedAdd(requested, request);
            }
            if (requested == 0) {
                return null;
            }
            long percent = usage <= Long.MAX_VALUE / 100 ? usage * 100 / requested
                    : BigInteger.valueOf(usage).multiply(HUNDRED).divide(BigInteger.valueOf(requested)).longValue();
            return new Utilization((double) percent / targetPercent, percent);
        }
    }
}

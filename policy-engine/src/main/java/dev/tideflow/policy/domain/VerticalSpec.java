package dev.tideflow.policy.domain;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.tideflow.contracts.ResourceRequests;
import dev.tideflow.contracts.Violations;
import dev.tideflow.policy.hpa.TargetType;
import dev.tideflow.policy.vertical.ResourceBounds;
import dev.tideflow.policy.vertical.ScalingMode;

import java.util.ArrayList;
import java.util.List;

/**
 * The request bounds of a vertical or mixed policy as a user writes them: CPU in millicores, memory in MiB.
 * Each resource is driven by the utilization of the rule's metric of the same name ({@code cpu}, {@code memory})
 * unless {@code metric} names another; that metric must have a Utilization target.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record VerticalSpec(Resource cpu, Resource memory) {

    /** 1,000 cores: what a decision may carry. */
    public static final int MAX_CPU_MILLICORES = ResourceRequests.MAX_CPU_MILLIS;
    /** 4 TiB: what a decision may carry. */
    public static final int MAX_MEMORY_MIB = ResourceRequests.MAX_MEMORY_MIB;

    /**
     * @param metric the metric whose utilization drives this resource; the resource's name when absent
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Resource(Integer min, Integer max, Integer step, String metric) {
    }

    /** The scaling mode named by {@code name}: horizontal when absent, null (with a violation) when unknown. */
    public static ScalingMode mode(Violations check, String name) {
        if (name == null) {
            return ScalingMode.HORIZONTAL;
        }
        ScalingMode mode = ScalingMode.fromWireName(name).orElse(null);
        if (mode == null) {
            check.add("unknown scaling mode '" + name + "' in 'scalingMode' (expected one of " + ScalingMode.NAMES
                    + ")");
        }
        return mode;
    }

    /** Adds every mistake of a policy's {@code scalingMode} and {@code vertical} to {@code check}. */
    public static void validate(Violations check, String scalingMode, VerticalSpec vertical, ScalingRule rule) {
        ScalingMode mode = mode(check, scalingMode);
        if (mode == null) {
            return;
        }
        if (mode == ScalingMode.HORIZONTAL) {
            if (vertical != null) {
                check.add("'vertical' applies only with 'scalingMode' vertical or mixed");
            }
            return;
        }
        if (!(rule instanceof TargetTrackingRule)) {
            check.add("'scalingMode' " + mode.wireName() + " needs a targetTracking rule: requests follow the "
                    + "utilization of its Utilization targets");
        }
        if (vertical == null) {
            check.add("'vertical' is required with 'scalingMode' " + mode.wireName() + " (cpu and/or memory bounds)");
            return;
        }
        if (vertical.cpu() == null && vertical.memory() == null) {
            check.add("'vertical' must set 'cpu', 'memory' or both");
        }
        resource(check, "cpu", vertical.cpu(), MAX_CPU_MILLICORES, "millicores", rule);
        resource(check, "memory", vertical.memory(), MAX_MEMORY_MIB, "MiB", rule);
    }

    private static void resource(Violations check, String name, Resource resource, int limit, String unit,
            ScalingRule rule) {
        if (resource == null) {
            return;
        }
        String field = "vertical." + name;
        boolean min = bounded(check, field + ".min", resource.min(), limit, unit);
        boolean max = bounded(check, field + ".max", resource.max(), limit, unit);
        boolean step = bounded(check, field + ".step", resource.step(), limit, unit);
        if (min && max && resource.min() > resource.max()) {
            check.add("'" + field + ".min' (" + resource.min() + ") must not exceed '" + field + ".max' ("
                    + resource.max() + ")");
        } else if (min && max && step && resource.max() > resource.min()
                && resource.step() > resource.max() - resource.min()) {
            check.add("'" + field + ".step' (" + resource.step() + ") must be at most max − min ("
                    + (resource.max() - resource.min()) + ")");
        }
        String metric = resource.metric() == null ? name : resource.metric();
        if (resource.metric() != null) {
            check.metricName(field + ".metric", resource.metric());
        }
        if (rule instanceof TargetTrackingRule tracking && !hasUtilizationTarget(tracking, metric)) {
            check.add("'" + field + "' needs a Utilization target for metric '" + metric + "' in 'rule.metrics'");
        }
    }

    private static boolean bounded(Violations check, String field, Integer value, int limit, String unit) {
        if (value == null) {
            check.add("'" + field + "' is required (" + unit + ")");
            return false;
        }
        if (value < 1 || value > limit) {
            check.add("'" + field + "' must be 1 to " + limit + " " + unit + ", got " + value);
            return false;
        }
        return true;
    }

    private static boolean hasUtilizationTarget(TargetTrackingRule rule, String metric) {
        return rule.metrics() != null && rule.metrics().stream().anyMatch(m -> m != null && metric.equals(m.name())
                && m.target() != null && TargetType.UTILIZATION.wireName().equals(m.target().type()));
    }

    /** The bounds of each resource set (validate first), cpu before memory. */
    public List<ResourceBounds> bounds() {
        List<ResourceBounds> bounds = new ArrayList<>(2);
        if (cpu != null) {
            bounds.add(new ResourceBounds("cpu", cpu.metric() == null ? "cpu" : cpu.metric(), cpu.min(), cpu.max(),
                    cpu.step()));
        }
        if (memory != null) {
            bounds.add(new ResourceBounds("memory", memory.metric() == null ? "memory" : memory.metric(),
                    memory.min(), memory.max(), memory.step()));
        }
        return bounds;
    }
}

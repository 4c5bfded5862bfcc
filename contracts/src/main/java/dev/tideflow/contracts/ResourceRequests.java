package dev.tideflow.contracts;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.ArrayList;
import java.util.List;

/**
 * The CPU and memory each replica of a target requests, absolute (not a change), as a vertical or mixed
 * decision sets them and as the executor reports them. An absent resource is left as it is.
 *
 * @param cpuMillis  CPU in millicores
 * @param memoryMiB  memory in MiB
 */
// A resource left alone is absent, in the REST views as on the topics.
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ResourceRequests(Integer cpuMillis, Integer memoryMiB) {

    /** 1,000 cores: the bound the policy engine's vertical bounds use too. */
    public static final int MAX_CPU_MILLIS = 1_000_000;
    /** 4 TiB: the bound the policy engine's vertical bounds use too. */
    public static final int MAX_MEMORY_MIB = 4 * 1024 * 1024;

    public static ResourceRequests of(Integer cpuMillis, Integer memoryMiB) {
        return new ResourceRequests(cpuMillis, memoryMiB);
    }

    /**
     * These requests with {@code update}'s resources taking precedence: what a replica requests after a decision
     * that sets only some resources. Either side may be null.
     */
    public static ResourceRequests merge(ResourceRequests base, ResourceRequests update) {
        if (base == null) {
            return update;
        }
        if (update == null) {
            return base;
        }
        return new ResourceRequests(update.cpuMillis != null ? update.cpuMillis : base.cpuMillis,
                update.memoryMiB != null ? update.memoryMiB : base.memoryMiB);
    }

    /** Whether every resource {@code wanted} sets has the same value here. */
    public boolean satisfies(ResourceRequests wanted) {
        return wanted == null || (wanted.cpuMillis == null || wanted.cpuMillis.equals(cpuMillis))
                && (wanted.memoryMiB == null || wanted.memoryMiB.equals(memoryMiB));
    }

    /** Every rule these requests break, as {@link #validate(Violations, String)} words them, for non-message use. */
    public List<String> violations(String field) {
        Violations check = new Violations();
        validate(check, field);
        return check.list();
    }

    /** Adds every rule these requests break to {@code check}, naming fields as {@code <field>.cpuMillis}. */
    public void validate(Violations check, String field) {
        if (cpuMillis == null && memoryMiB == null) {
            check.add("'" + field + "' must set 'cpuMillis', 'memoryMiB' or both");
        }
        bounded(check, field + ".cpuMillis", cpuMillis, MAX_CPU_MILLIS, "millicores");
        bounded(check, field + ".memoryMiB", memoryMiB, MAX_MEMORY_MIB, "MiB");
    }

    private static void bounded(Violations check, String field, Integer value, int limit, String unit) {
        if (value != null && (value < 1 || value > limit)) {
            check.add("'" + field + "' must be 1 to " + limit + " " + unit + ", got " + value);
        }
    }

    /** {@code cpu=500m memory=1024Mi}, for logs and error messages; {@code none} when null. */
    public static String describe(ResourceRequests requests) {
        if (requests == null) {
            return "none";
        }
        List<String> parts = new ArrayList<>(2);
        if (requests.cpuMillis != null) {
            parts.add("cpu=" + requests.cpuMillis + "m");
        }
        if (requests.memoryMiB != null) {
            parts.add("memory=" + requests.memoryMiB + "Mi");
        }
        return parts.isEmpty() ? "none" : String.join(" ", parts);
    }
}

package dev.tideflow.contracts;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One instance's share of a {@link MetricWindow}: what the replica named {@code instance} reported in the window.
 *
 * @param count   samples the instance reported in the window
 * @param avg     their average
 * @param last    the value of its latest sample (by timestamp)
 * @param request the latest resource request its samples carried; absent if none did
 * @param ready   the latest readiness its samples reported; absent (none did) means ready
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record InstanceAggregate(String instance, Long count, Double avg, Double last, Double request, Boolean ready) {

    /** Absent readiness is readiness: producers that do not know it report only ready replicas. */
    public boolean countsAsReady() {
        return !Boolean.FALSE.equals(ready);
    }

    /** Adds every rule this aggregate breaks, its fields named {@code <field>.<name>}. */
    void validate(Violations check, String field) {
        check.text(field + ".instance", instance, Violations.MAX_NAME_LENGTH, true);
        if (check.required(field + ".count", count) && count < 1) {
            check.add("'" + field + ".count' must be at least 1, got " + count);
        }
        check.nonNegativeFinite(field + ".avg", avg, true);
        check.nonNegativeFinite(field + ".last", last, true);
        check.positiveFinite(field + ".request", request, false);
    }
}

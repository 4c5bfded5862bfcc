package dev.tideflow.executor.domain;

import dev.tideflow.contracts.Violations;

import java.util.List;

/** A target's {@code namespace/name}, checked with the same rule the message contracts apply. */
public record TargetId(String namespace, String name) {

    /** Every rule {@code id} breaks; empty when it is a valid target id. */
    public static List<String> violations(String id) {
        return new Violations().target("target", id).list();
    }

    public static TargetId parse(String id) {
        List<String> violations = violations(id);
        if (!violations.isEmpty()) {
            throw new IllegalArgumentException(String.join("; ", violations));
        }
        int slash = id.indexOf('/');
        return new TargetId(id.substring(0, slash), id.substring(slash + 1));
    }

    @Override
    public String toString() {
        return namespace + "/" + name;
    }
}

package dev.tideflow.executor.rest;

import dev.tideflow.executor.domain.TargetRegistration;

import java.time.Instant;
import java.util.List;

public record TargetView(String id, String namespace, String name, String driver, List<String> command,
        String workingDirectory, Instant createdAt, Instant updatedAt) {

    static TargetView of(TargetRegistration r) {
        return new TargetView(r.id, r.namespace, r.name, r.driver, r.command == null ? List.of() : List.of(r.command),
                r.workingDirectory, r.createdAt, r.updatedAt);
    }
}

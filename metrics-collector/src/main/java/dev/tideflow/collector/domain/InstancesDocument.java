package dev.tideflow.collector.domain;

import dev.tideflow.contracts.InstanceAggregate;

import java.util.List;

/**
 * A window's per-instance aggregates as stored in the {@code instances} jsonb column. An object rather than a bare
 * array: Hibernate Reactive reads jsonb through Vert.x, which maps a JSON column to an object only.
 */
public record InstancesDocument(List<InstanceAggregate> instances) {
}

package dev.tideflow.config.rest;

import dev.tideflow.config.domain.ChangeSetEntry;

import java.util.List;

/**
 * Body of {@code POST /api/config/changesets}.
 *
 * @param expectedRevision apply only if the configuration is still at this global revision (else 412)
 */
public record ChangeSetRequest(List<ChangeSetEntry> changes, Long expectedRevision) {
}

package dev.tideflow.config.rest;

/** Body of {@code POST /api/config/rollback}: the revision whose values every setting takes again. */
public record RollbackRequest(Long revision) {
}

package dev.tideflow.config.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.tideflow.config.domain.AuditEntry;

import java.time.Instant;

/**
 * One audit entry.
 *
 * @param oldHash digest of the value before ({@code sha256:…}, or {@code hmac-sha256:…} keyed by the master key
 *                for a secret)
 * @param newHash digest of the value after, or of the value read for {@code secret.read}
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AuditEntryView(long id, Instant at, String actor, String action, String scope, String key,
        Long revision, boolean secret, String oldHash, String newHash, String requestId, String detail) {

    static AuditEntryView of(AuditEntry entry) {
        return new AuditEntryView(entry.id(), entry.at(), entry.actor(), entry.action(),
                entry.scope() == null ? null : entry.scope().path(), entry.key(), entry.revision(), entry.secret(),
                entry.oldHash(), entry.newHash(), entry.requestId(), entry.detail());
    }
}

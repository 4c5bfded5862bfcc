package dev.tideflow.config.domain;

import dev.tideflow.contracts.ConfigScope;

import java.time.Instant;

/** A setting's current value in one scope, with the revision that last wrote it. */
public record ScopedSetting(ConfigScope scope, String key, String value, long revision, Instant updatedAt,
        String updatedBy) {
}

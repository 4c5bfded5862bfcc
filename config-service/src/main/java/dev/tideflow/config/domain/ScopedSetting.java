package dev.tideflow.config.domain;

import dev.tideflow.contracts.ConfigScope;

import java.time.Instant;

/**
 * A setting's current value in one scope, with the revision that last wrote it. For a secret, {@code value} is
 * either {@link Secrets#MASK} or, for a caller allowed to read it, the decrypted value; never the ciphertext.
 */
public record ScopedSetting(ConfigScope scope, String key, String value, long revision, Instant updatedAt,
        String updatedBy, boolean secret) {

    public ScopedSetting(ConfigScope scope, String key, String value, long revision, Instant updatedAt,
            String updatedBy) {
        this(scope, key, value, revision, updatedAt, updatedBy, false);
    }
}

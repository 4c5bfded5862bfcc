package dev.tideflow.config.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.tideflow.config.domain.KeyVersion;
import dev.tideflow.config.domain.KeyVersionSummary;

import java.time.Instant;

/**
 * A key version (never its material) and what it protects.
 *
 * @param state    {@code active}, {@code previous} (still opens older secrets) or {@code retired}
 * @param settings current secrets under it
 * @param history  history entries under it
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record KeyVersionView(int version, String state, Instant createdAt, String createdBy, Instant retiredAt,
        String retiredBy, long settings, long history) {

    static KeyVersionView of(KeyVersionSummary summary) {
        KeyVersion key = summary.version();
        return new KeyVersionView(key.version(), key.state().column(), key.createdAt(), key.createdBy(),
                key.retiredAt(), key.retiredBy(), summary.settings(), summary.history());
    }
}

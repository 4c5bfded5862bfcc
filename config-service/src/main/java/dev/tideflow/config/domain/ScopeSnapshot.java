package dev.tideflow.config.domain;

import dev.tideflow.contracts.ConfigScope;

import java.util.List;

/**
 * The settings of one scope. Every change up to {@code revision} is reflected (later ones may be too), so a
 * reader that then follows the history after {@code revision} misses nothing.
 */
public record ScopeSnapshot(ConfigScope scope, long revision, List<ScopedSetting> settings) {
}

package dev.tideflow.config.domain;

/**
 * A key version and what it protects now.
 *
 * @param settings current secret settings whose data key it wraps
 * @param history  history entries (older revisions of secrets) whose data key it wraps
 */
public record KeyVersionSummary(KeyVersion version, long settings, long history) {

    public long protects() {
        return settings + history;
    }
}

package dev.tideflow.config.domain;

import java.util.List;

/**
 * What a change-set committed: its revision and one history entry per setting. {@code changes} is empty when
 * there was nothing to change (a rollback to the current state), and {@code revision} is then the head.
 */
public record ChangeSetResult(long revision, List<SettingChange> changes) {
}

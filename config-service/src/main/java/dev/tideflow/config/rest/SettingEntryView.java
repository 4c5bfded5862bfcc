package dev.tideflow.config.rest;

import dev.tideflow.config.domain.ScopedSetting;

import java.time.Instant;

/** One setting read on its own; a secret's value is masked unless the caller is an admin. */
public record SettingEntryView(String scope, String key, String value, long revision, Instant updatedAt,
        String updatedBy, boolean secret) {

    static SettingEntryView of(ScopedSetting setting) {
        return new SettingEntryView(setting.scope().path(), setting.key(), setting.value(), setting.revision(),
                setting.updatedAt(), setting.updatedBy(), setting.secret());
    }
}

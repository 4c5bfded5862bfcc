package dev.tideflow.config.rest;

import dev.tideflow.config.domain.ScopedSetting;

import java.time.Instant;

/** A setting inside its scope's listing; a secret's value is masked unless the caller is an admin. */
public record SettingView(String value, long revision, Instant updatedAt, String updatedBy, boolean secret) {

    static SettingView of(ScopedSetting setting) {
        return new SettingView(setting.value(), setting.revision(), setting.updatedAt(), setting.updatedBy(),
                setting.secret());
    }
}

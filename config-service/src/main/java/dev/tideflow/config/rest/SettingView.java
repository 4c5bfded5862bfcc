package dev.tideflow.config.rest;

import dev.tideflow.config.domain.ScopedSetting;

import java.time.Instant;

/** A setting inside its scope's listing. */
public record SettingView(String value, long revision, Instant updatedAt, String updatedBy) {

    static SettingView of(ScopedSetting setting) {
        return new SettingView(setting.value(), setting.revision(), setting.updatedAt(), setting.updatedBy());
    }
}

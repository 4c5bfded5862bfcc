package dev.tideflow.config.rest;

import dev.tideflow.config.domain.ScopedSetting;

/** The value a service runs with, and the scope and revision it comes from. */
public record EffectiveSettingView(String value, String scope, long revision) {

    static EffectiveSettingView of(ScopedSetting setting) {
        return new EffectiveSettingView(setting.value(), setting.scope().path(), setting.revision());
    }
}

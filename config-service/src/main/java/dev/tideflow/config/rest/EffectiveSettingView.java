package dev.tideflow.config.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.tideflow.config.domain.EffectiveValue;
import dev.tideflow.config.domain.ScopedSetting;

import java.util.List;

/**
 * The value a service runs with (templates resolved), and the scope and revision it comes from.
 *
 * @param template   the value as written, when it differs from the resolved one
 * @param unresolved references left as written, with the reason
 */
public record EffectiveSettingView(String value, String scope, long revision, boolean secret,
        @JsonInclude(JsonInclude.Include.NON_NULL) String template,
        @JsonInclude(JsonInclude.Include.NON_EMPTY) List<String> unresolved) {

    static EffectiveSettingView of(EffectiveValue effective) {
        ScopedSetting setting = effective.setting();
        return new EffectiveSettingView(effective.value(), setting.scope().path(), setting.revision(),
                setting.secret(), effective.value().equals(setting.value()) ? null : setting.value(),
                effective.unresolved());
    }
}

package dev.tideflow.config.rest;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.SortedMap;

/** The merged settings for a service in an environment (either may be absent). */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record EffectiveSettingsView(String service, String environment, long revision,
        SortedMap<String, EffectiveSettingView> settings) {
}

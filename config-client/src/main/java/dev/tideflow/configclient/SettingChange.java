package dev.tideflow.configclient;

/**
 * A typed setting took a new value.
 *
 * @param revision the configuration revision that changed it
 */
public record SettingChange<T>(String key, T oldValue, T newValue, long revision) {
}

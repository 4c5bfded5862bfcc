package dev.tideflow.config.rest;

/**
 * Body of a PUT: the new value as text.
 *
 * @param secret store the value encrypted and mask it; absent keeps what the setting already is
 */
public record SettingValueRequest(String value, Boolean secret) {
}

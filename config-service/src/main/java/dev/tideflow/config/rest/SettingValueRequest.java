package dev.tideflow.config.rest;

/** Body of a PUT: the new value as text. */
public record SettingValueRequest(String value) {
}

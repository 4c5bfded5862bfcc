package dev.tideflow.config.domain;

import java.util.SortedMap;

/** The merged settings a service runs with, each from the strongest scope that sets it, as of {@code revision}. */
public record EffectiveSettings(long revision, SortedMap<String, ScopedSetting> settings) {
}

package dev.tideflow.config.domain;

import java.util.SortedMap;

/**
 * The merged settings a service runs with, each from the strongest scope that sets it, templates resolved, as of
 * {@code revision}.
 */
public record EffectiveSettings(long revision, SortedMap<String, EffectiveValue> settings) {
}

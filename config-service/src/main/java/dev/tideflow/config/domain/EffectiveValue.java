package dev.tideflow.config.domain;

import java.util.List;

/**
 * A setting of the effective view: the winning setting, its value with templates resolved, and every reference
 * that could not be resolved (left in the value as written).
 */
public record EffectiveValue(ScopedSetting setting, String value, List<String> unresolved) {
}

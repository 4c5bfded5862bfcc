package dev.tideflow.config.service;

import dev.tideflow.config.domain.ScopedSetting;
import dev.tideflow.contracts.ConfigScope;

import java.util.Collection;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Merges the settings of several scopes into the values a service actually runs with: for every key, the
 * value from the strongest scope that sets it (global &lt; environment &lt; service &lt; instance).
 */
public final class EffectiveSettingsResolver {

    /**
     * @param scopes   the scopes that apply to the caller; settings of any other scope are ignored
     * @param settings settings read from those scopes, in any order
     * @return the winning setting of every key, sorted by key
     */
    public SortedMap<String, ScopedSetting> resolve(Collection<ConfigScope> scopes, List<ScopedSetting> settings) {
        Map<ConfigScope.Type, ConfigScope> applicable = new EnumMap<>(ConfigScope.Type.class);
        for (ConfigScope scope : scopes) {
            if (applicable.putIfAbsent(scope.type(), scope) != null) {
                throw new IllegalArgumentException("two scopes of type " + scope.type().segment() + " apply");
            }
        }
        SortedMap<String, ScopedSetting> effective = new TreeMap<>();
        settings.stream()
                .filter(s -> s.scope().equals(applicable.get(s.scope().type())))
                .sorted(Comparator.comparing((ScopedSetting s) -> s.scope().type()))
                .forEach(s -> effective.put(s.key(), s));
        return effective;
    }
}

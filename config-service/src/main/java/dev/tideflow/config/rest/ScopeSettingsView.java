package dev.tideflow.config.rest;

import dev.tideflow.config.domain.ScopeSnapshot;
import dev.tideflow.config.domain.ScopedSetting;

import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Every setting of one scope, by key.
 *
 * @param revision every change up to this revision is reflected; follow {@code /api/config/changes?after=} from it
 */
public record ScopeSettingsView(String scope, long revision, SortedMap<String, SettingView> settings) {

    static ScopeSettingsView of(ScopeSnapshot snapshot) {
        SortedMap<String, SettingView> settings = new TreeMap<>();
        for (ScopedSetting setting : snapshot.settings()) {
            settings.put(setting.key(), SettingView.of(setting));
        }
        return new ScopeSettingsView(snapshot.scope().path(), snapshot.revision(), settings);
    }
}

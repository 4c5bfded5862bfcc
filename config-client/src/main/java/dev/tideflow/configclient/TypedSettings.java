package dev.tideflow.configclient;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/** The typed settings registered with this instance, by key: they validate pushed values and hold parsed ones. */
final class TypedSettings {

    private final Map<String, List<LiveSetting<?>>> byKey = new ConcurrentHashMap<>();
    private volatile boolean started;

    <T> LiveSetting<T> register(Setting<T> setting, Optional<String> current, long revision) {
        LiveSetting<T> live = new LiveSetting<>(setting, setting.defaultValue());
        // A secret's value is not on the topic: LiveSecrets fetches it and updates the setting.
        if (!setting.secret()) {
            live.update(current, revision);
        }
        if (started) {
            live.freeze();
        }
        byKey.computeIfAbsent(setting.key(), k -> new CopyOnWriteArrayList<>()).add(live);
        return live;
    }

    /** Every refusal of {@code text} as the value of {@code key} by a registered setting. */
    List<String> problems(String key, String text) {
        List<String> problems = new ArrayList<>();
        for (LiveSetting<?> live : byKey.getOrDefault(key, List.of())) {
            live.problem(text).ifPresent(problems::add);
        }
        return problems;
    }

    /** The initial load is over: restart-only settings keep their values from now on. */
    void started() {
        started = true;
        byKey.values().forEach(list -> list.forEach(LiveSetting::freeze));
    }

    void refresh(ConfigState state, Collection<String> keys, long revision) {
        for (String key : keys) {
            for (LiveSetting<?> live : byKey.getOrDefault(key, List.of())) {
                if (!live.setting().secret()) {
                    live.update(state.effective(key), revision);
                }
            }
        }
    }
}

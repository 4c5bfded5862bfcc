package dev.tideflow.configclient;

import org.jboss.logging.Logger;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/** A registered {@link Setting}: its current value, and listeners told when it changes. */
public final class LiveSetting<T> {

    private static final Logger LOG = Logger.getLogger(LiveSetting.class);

    private final Setting<T> setting;
    private final List<Consumer<SettingChange<T>>> listeners = new CopyOnWriteArrayList<>();
    private volatile T value;
    private volatile T pendingRestart;
    private volatile boolean frozen;

    LiveSetting(Setting<T> setting, T initial) {
        this.setting = setting;
        this.value = initial;
    }

    public String key() {
        return setting.key();
    }

    public Setting<T> setting() {
        return setting;
    }

    /** The value in force: the last good one pushed, or the default. */
    public T get() {
        return value;
    }

    /** For a restart-only setting: the value it will have after a restart, if that differs from {@link #get()}. */
    public Optional<T> pendingRestart() {
        return Optional.ofNullable(pendingRestart);
    }

    /** Called on the config follower's thread after the value changed (never for a restart-only setting). */
    public void addListener(Consumer<SettingChange<T>> listener) {
        listeners.add(listener);
    }

    /** The refusal of {@code text} by this setting's parser, or empty if it parses. */
    Optional<String> problem(String text) {
        try {
            setting.parser().apply(text);
            return Optional.empty();
        } catch (RuntimeException e) {
            return Optional.of(e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
        }
    }

    /** A restart-only setting keeps what it has from now on. */
    void freeze() {
        frozen = !setting.hotReloadable();
    }

    // A secret's value never reaches a log line.
    private Object shown(Object shownValue) {
        return setting.secret() ? "******" : shownValue;
    }

    /** @param text the resolved text now, empty for the default */
    void update(Optional<String> text, long revision) {
        T next;
        try {
            next = text.map(setting.parser()).orElse(setting.defaultValue());
        } catch (RuntimeException e) {
            LOG.warnf("setting %s: '%s' is refused (%s); keeping %s", setting.key(), shown(text.orElse("")),
                    e.getMessage(), shown(value));
            return;
        }
        if (Objects.equals(next, value)) {
            pendingRestart = null;
            return;
        }
        if (frozen) {
            pendingRestart = next;
            LOG.infof("setting %s changed to %s at revision %d; it takes effect after restart (still %s)",
                    setting.key(), shown(next), revision, shown(value));
            return;
        }
        T old = value;
        value = next;
        SettingChange<T> change = new SettingChange<>(setting.key(), old, next, revision);
        for (Consumer<SettingChange<T>> listener : listeners) {
            try {
                listener.accept(change);
            } catch (RuntimeException e) {
                LOG.error("listener of setting " + setting.key() + " failed", e);
            }
        }
    }
}

package dev.tideflow.configclient;

import dev.tideflow.contracts.ConfigChange;
import dev.tideflow.contracts.ConfigScope;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The settings one service instance sees: the latest change of every setting it has read, resolved by
 * precedence (instance over service over environment over global). Not thread-safe; the follower
 * owns it and publishes immutable snapshots.
 */
public final class ConfigState {

    private final List<ConfigScope> precedence;
    private final Map<String, ConfigChange> latest = new HashMap<>();
    private long revision;

    /**
     * @param service     this service's name (scope {@code service/<name>})
     * @param environment this deployment's environment (scope {@code environment/<name>})
     * @param instance    this instance's name (scope {@code instance/<name>}), or null
     */
    public ConfigState(String service, String environment, String instance) {
        this.precedence = instance == null
                ? List.of(new ConfigScope(ConfigScope.Type.SERVICE, service),
                        new ConfigScope(ConfigScope.Type.ENVIRONMENT, environment), ConfigScope.GLOBAL)
                : List.of(new ConfigScope(ConfigScope.Type.INSTANCE, instance),
                        new ConfigScope(ConfigScope.Type.SERVICE, service),
                        new ConfigScope(ConfigScope.Type.ENVIRONMENT, environment), ConfigScope.GLOBAL);
    }

    /**
     * Applies a change unless it is a duplicate or older than what is already known for its setting.
     *
     * @return true if the value this instance resolves for the change's key changed
     */
    public boolean apply(ConfigChange change) {
        if (!precedence.contains(change.scope())) {
            revision = Math.max(revision, change.revision());
            return false;
        }
        ConfigChange known = latest.get(change.recordKey());
        if (known != null && known.revision() >= change.revision()) {
            return false;
        }
        Optional<String> before = effective(change.key());
        latest.put(change.recordKey(), change);
        revision = Math.max(revision, change.revision());
        return !Objects.equals(before, effective(change.key()));
    }

    /**
     * The value of {@code key} from the most specific scope that sets it. A secret is never carried in
     * clear on the topic (only a mask), so it resolves to empty here rather than to the mask.
     */
    public Optional<String> effective(String key) {
        for (ConfigScope scope : precedence) {
            ConfigChange change = latest.get(scope.path() + "/" + key);
            if (change != null && !change.isDeleted()) {
                return Boolean.TRUE.equals(change.secret()) ? Optional.empty() : Optional.of(change.value());
            }
        }
        return Optional.empty();
    }

    /** The record that decides {@code key} for this instance (secret or not), or empty when no scope sets it. */
    public Optional<ConfigChange> winner(String key) {
        for (ConfigScope scope : precedence) {
            ConfigChange change = latest.get(scope.path() + "/" + key);
            if (change != null && !change.isDeleted()) {
                return Optional.of(change);
            }
        }
        return Optional.empty();
    }

    /** Whether settings of {@code scope} apply to this instance at all. */
    public boolean relevant(ConfigScope scope) {
        return precedence.contains(scope);
    }

    /** Every key some relevant scope has a record for (deleted ones included). */
    public Set<String> keys() {
        Set<String> keys = new TreeSet<>();
        latest.values().forEach(change -> keys.add(change.key()));
        return keys;
    }

    /** The highest revision read so far, relevant to this instance or not. */
    public long revision() {
        return revision;
    }
}

package dev.tideflow.config.domain;

import dev.tideflow.contracts.ConfigScope;

import java.io.Serializable;
import java.util.Objects;

/** Primary key of {@link Setting}: scope type, scope name ('' for global), key. */
public class SettingId implements Serializable {

    private String scopeType;
    private String scopeName;
    private String key;

    protected SettingId() {
    }

    public SettingId(ConfigScope scope, String key) {
        this.scopeType = ScopeColumns.type(scope);
        this.scopeName = ScopeColumns.name(scope);
        this.key = key;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SettingId other && scopeType.equals(other.scopeType)
                && scopeName.equals(other.scopeName) && key.equals(other.key);
    }

    @Override
    public int hashCode() {
        return Objects.hash(scopeType, scopeName, key);
    }
}

package dev.tideflow.config.domain;

import java.io.Serializable;
import java.util.Objects;

/** Identity of a history entry: a revision holds one entry per setting its change-set wrote. */
public class SettingChangeId implements Serializable {

    private long revision;
    private String scopeType;
    private String scopeName;
    private String key;

    public SettingChangeId() {
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof SettingChangeId that && revision == that.revision
                && Objects.equals(scopeType, that.scopeType) && Objects.equals(scopeName, that.scopeName)
                && Objects.equals(key, that.key);
    }

    @Override
    public int hashCode() {
        return Objects.hash(revision, scopeType, scopeName, key);
    }
}

package dev.tideflow.config.domain;

import dev.tideflow.contracts.ConfigChange;
import dev.tideflow.contracts.ConfigScope;
import dev.tideflow.contracts.Contract;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/**
 * One entry of the append-only history, at its global revision. It is also the outbox: written with
 * {@code published = false} in the transaction that changes the setting, flipped once the record is on the topic.
 */
@Entity
@Table(name = "config_change")
public class SettingChange {

    @Id
    @Column(name = "revision")
    private long revision;

    @Column(name = "scope_type", nullable = false)
    private String scopeType;

    @Column(name = "scope_name", nullable = false)
    private String scopeName;

    @Column(name = "key", nullable = false)
    private String key;

    @Column(name = "value")
    private String value;

    @Column(name = "deleted", nullable = false)
    private boolean deleted;

    @Column(name = "changed_at", nullable = false)
    private Instant changedAt;

    @Column(name = "changed_by")
    private String changedBy;

    @Column(name = "published", nullable = false)
    private boolean published;

    protected SettingChange() {
    }

    private SettingChange(long revision, ConfigScope scope, String key, String value, boolean deleted,
            Instant changedAt, String changedBy) {
        this.revision = revision;
        this.scopeType = ScopeColumns.type(scope);
        this.scopeName = ScopeColumns.name(scope);
        this.key = key;
        this.value = value;
        this.deleted = deleted;
        this.changedAt = changedAt;
        this.changedBy = changedBy;
    }

    public static SettingChange assignment(long revision, ConfigScope scope, String key, String value,
            Instant changedAt, String changedBy) {
        return new SettingChange(revision, scope, key, value, false, changedAt, changedBy);
    }

    public static SettingChange deletion(long revision, ConfigScope scope, String key, Instant changedAt,
            String changedBy) {
        return new SettingChange(revision, scope, key, null, true, changedAt, changedBy);
    }

    public void markPublished() {
        this.published = true;
    }

    /** The record the relay puts on {@code tideflow.config}. */
    public ConfigChange toContract() {
        return new ConfigChange(Contract.VERSION, revision, scope(), key, value, deleted, Boolean.FALSE, changedAt,
                changedBy);
    }

    public long revision() {
        return revision;
    }

    public ConfigScope scope() {
        return ScopeColumns.scope(scopeType, scopeName);
    }

    public String key() {
        return key;
    }

    public String value() {
        return value;
    }

    public boolean deleted() {
        return deleted;
    }

    public Instant changedAt() {
        return changedAt;
    }

    public String changedBy() {
        return changedBy;
    }

    public boolean published() {
        return published;
    }
}

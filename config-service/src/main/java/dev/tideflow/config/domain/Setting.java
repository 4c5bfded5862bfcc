package dev.tideflow.config.domain;

import dev.tideflow.contracts.ConfigScope;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

import java.time.Instant;

/** The current value of one setting in one scope. */
@Entity
@Table(name = "setting")
@IdClass(SettingId.class)
public class Setting {

    @Id
    @Column(name = "scope_type")
    private String scopeType;

    @Id
    @Column(name = "scope_name")
    private String scopeName;

    @Id
    @Column(name = "key")
    private String key;

    @Column(name = "value", nullable = false)
    private String value;

    @Column(name = "revision", nullable = false)
    private long revision;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    @Column(name = "updated_by")
    private String updatedBy;

    protected Setting() {
    }

    public Setting(ConfigScope scope, String key, String value, long revision, Instant updatedAt, String updatedBy) {
        this.scopeType = ScopeColumns.type(scope);
        this.scopeName = ScopeColumns.name(scope);
        this.key = key;
        assign(value, revision, updatedAt, updatedBy);
    }

    public final void assign(String value, long revision, Instant updatedAt, String updatedBy) {
        this.value = value;
        this.revision = revision;
        this.updatedAt = updatedAt;
        this.updatedBy = updatedBy;
    }

    public ScopedSetting toScoped() {
        return new ScopedSetting(ScopeColumns.scope(scopeType, scopeName), key, value, revision, updatedAt,
                updatedBy);
    }
}
